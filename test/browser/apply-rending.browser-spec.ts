/*
 * Issue 3, through the pages: a company applies for 动漫企业认定 (rending / enterprise) — log in, open calls, a new
 * draft, the enterprise form with the eligibility results beside the fields (a failing rule turning green once
 * corrected), the six required attachments through the page's upload controls (five small PDFs by multipart, a 21 MB
 * audit report by the resumable tus path), submit and its number; an officer returns it with a comment on the officer
 * pages; the company reads the comment, corrects and resubmits, keeping its number.
 * Only the set-up goes through the API: the officer account (as admin), the call (as the officer) and the company's
 * registration.
 */
import { RENDING_ENTERPRISE_KINDS } from '../../libs/programs/src/testing/eligibility-context';
import { join } from 'path';
import { Page } from 'playwright-core';
import { logIn, startBrowserPortal, BrowserPortal } from '../support/browser';
import { ADMIN, auth, registerCompany } from '../support/portal';

const SHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const DAY = 86_400_000;
const WAIT = { timeout: 30_000 }; // server round trips on a 2-core CI machine also running the e2e suites, Postgres and Redis
const OFFICER = { email: 'officer@portal.test', password: 'Officer#Pass2026' };
const REQUIRED_KINDS = RENDING_ENTERPRISE_KINDS;

/** A real PDF (the server judges files by their bytes), small unless padded to `size` bytes. */
function pdf(name: string, size = 0) {
  const head = Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n`);
  const tail = Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const pad = Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20);
  return { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.concat([head, pad, tail]) };
}

/** Waits until the autosave indicator says the server has the latest values. */
async function saved(page: Page) {
  await page.locator('[data-testid="autosave-status"][data-state="saved"]').waitFor(WAIT);
}

/** antd radios keep their test id on the hidden <input>: click its label, as a person would. */
async function choose(page: Page, testId: string) {
  await page
    .locator('label')
    .filter({ has: page.getByTestId(testId) })
    .click();
}

async function rule(page: Page, key: string, passed: boolean) {
  await page.locator(`[data-testid="rule-hint-${key}"][data-passed="${passed}"]`).first().waitFor(WAIT);
}

/** Waits until no toast message is left on the page (for clean screenshots). */
async function quiet(page: Page) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
}

/**
 * Submit and confirm, waiting for the submit's answer (asserted 200): a failure names what went wrong — no request
 * sent, or the API's answer — instead of a missing number on the page 30 s later (CI once saw that, no API error
 * logged).
 */
async function submitAndConfirm(page: Page): Promise<void> {
  await page.getByTestId('app-submit').click();
  const [res] = await Promise.all([
    page.waitForResponse(
      (r) => /\/api\/applications\/[^/]+\/submit$/.test(r.url()) && r.request().method() === 'POST',
      WAIT,
    ),
    page.getByTestId('app-submit-confirm').click(),
  ]);
  expect(`${res.status()} ${await res.text()}`).toMatch(/^200 /);
}

describe('a company applies for 动漫企业认定 through the pages', () => {
  let b: BrowserPortal;
  let callId: string;
  let company: Awaited<ReturnType<typeof registerCompany>>;
  let grantedOn: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const clock = await p.http().get('/api/admin/clock').set(auth(admin));
    const now = new Date(clock.body.now).getTime();
    grantedOn = new Date(now - 365 * DAY + 8 * 3600_000).toISOString().slice(0, 10); // a year ago, Shanghai day
    const officer = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '周明', email: OFFICER.email, password: OFFICER.password, roles: ['officer'] });
    expect(officer.status).toBe(201);
    const officerToken = await p.login(OFFICER.email, OFFICER.password);
    const call = await p
      .http()
      .post('/api/calls')
      .set(auth(officerToken))
      .send({
        programCode: 'rending',
        year: 2026,
        title: '2026 年度动漫企业认定',
        opensAt: new Date(now - 7 * DAY).toISOString(),
        closesAt: new Date(now + 30 * DAY).toISOString(),
        budgetFen: 0,
        reviewersPerApplication: 3,
        blindReview: false,
        regionRecusal: false,
        noticeWorkingDays: 5,
        aggregation: 'mean',
      });
    expect(call.status).toBe(201);
    callId = call.body.id;
    company = await registerCompany(p, 1, { name: '青禾动画科技有限公司' });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('fills the enterprise form, sees the rules pass, uploads, submits; is returned and resubmits with the same number', async () => {
    // ---------------------------------------------------------------- the company: log in, open calls, new draft
    const page = await logIn(b, company.email, company.password);
    await page.getByTestId('menu-calls').click();
    await page.getByTestId(`call-card-${callId}`).waitFor(WAIT);
    await page.getByTestId(`call-card-${callId}`).getByTestId('call-apply').click();
    await choose(page, 'track-enterprise');
    await page.getByTestId('new-app-title').fill('青禾动画 2026 年度动漫企业认定申请');
    await page.getByTestId('new-app-create').click();
    await page.getByTestId('application-form').waitFor(WAIT);
    const applicationId = /\/applications\/([0-9a-f-]{36})\/edit/.exec(page.url())![1];

    // ---------------------------------------------------------------- the enterprise form
    await page.getByTestId('field-fiscalYear').fill('2025');
    await page.getByTestId('field-businessTypes').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '动画创作制作' })
      .click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '漫画创作' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('field-income-totalFen').fill('10,000,000');
    await page.getByTestId('field-income-operatingFen').fill('9800000');
    await page.getByTestId('field-income-animationMainFen').fill('7200000.50');
    await page.getByTestId('field-income-selfDevelopedFen').fill('5000000');
    await page.getByTestId('field-rdSpendingFen').fill('1200000');
    await page.getByTestId('field-staff-total').fill('48');
    await page.getByTestId('field-staff-qualified').fill('30');
    await page.getByTestId('field-staff-rd').fill('4'); // 8.3 % of the staff: below 10 %, fixed below
    await page.getByTestId('add-ipRights').click();
    await page.getByTestId('field-ipRights-0-number').fill('国作登字-2025-F-00012345');
    await page.getByTestId('field-ipRights-0-grantedOn').click();
    await page.getByTestId('field-ipRights-0-grantedOn').fill(grantedOn);
    await page.keyboard.press('Enter');
    await page.getByTestId('add-products').click();
    await page.getByTestId('field-products-0-name').fill('山海小英雄');
    await page.getByTestId('field-products-0-category').locator('input').fill('animation');
    await page.keyboard.press('Escape');
    await page.getByTestId('field-declaration').check();
    await saved(page);

    // the rules' results beside the fields they concern, and in the side panel
    await rule(page, 'rending.main-income-share', true);
    await rule(page, 'rending.self-developed-share', true);
    await rule(page, 'rending.rd-spending-share', true);
    await rule(page, 'rending.qualified-staff-share', true);
    await rule(page, 'rending.rd-staff-share', false);
    await rule(page, 'rending.recent-ip', true);
    await rule(page, 'rending.business-type', true);
    await page.getByTestId('field-staff-rd').fill('6');
    await saved(page);
    await rule(page, 'rending.rd-staff-share', true);
    await page.locator('[data-testid="rule-common.required-attachments"][data-passed="false"]').waitFor(WAIT);

    // ---------------------------------------------------------------- attachments, through the page's controls
    // small files go by multipart; the audit report, a 21 MB scan, by the resumable (tus) path
    for (const kind of REQUIRED_KINDS) {
      const big = kind === 'audit-report';
      // 21 MB through the DevTools protocol takes a while on a busy two-core machine (seen at over 15 s in CI)
      await page
        .getByTestId(`upload-input-${kind}`)
        .setInputFiles(pdf(kind, big ? 21 * 1024 * 1024 : 0), { timeout: 90_000 });
      if (big) await page.getByTestId(`upload-progress-${kind}`).getByText('断点续传').waitFor(WAIT);
      await page.getByTestId('attachment-list').getByText(`${kind}.pdf`).waitFor({ timeout: 30_000 });
    }
    await page.locator('[data-testid="rule-common.required-attachments"][data-passed="true"]').waitFor(WAIT);
    await page.getByTestId('eligible-yes').waitFor(WAIT);
    await quiet(page);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'application-form.png') });

    // ---------------------------------------------------------------- submit
    await submitAndConfirm(page);
    const number = (await page.getByTestId('submitted-number').innerText(WAIT)).trim();
    expect(number).toMatch(/^RD-2026-\d{6}$/);
    expect(number).toBe('RD-2026-000001');
    await page.getByTestId('go-application').click();
    await page.getByTestId('app-number').waitFor(WAIT);
    await page.getByTestId('status-submitted').first().waitFor(WAIT);

    // ---------------------------------------------------------------- the officer returns it with a comment
    const comment = '研发人员占比的证明材料缺少社保缴纳记录，请补充后重新提交。';
    const officer = await logIn(b, OFFICER.email, OFFICER.password);
    await officer.getByTestId('menu-officer-applications').click();
    await officer.getByTestId(`officer-app-${applicationId}`).click();
    await choose(officer, 'screening-return');
    await officer.getByTestId('screening-comment').fill(comment);
    await officer.getByTestId('screening-submit').click();
    await officer.getByTestId('status-returned').first().waitFor(WAIT);
    await officer.getByTestId('status-timeline').getByText(comment).waitFor(WAIT);

    // ---------------------------------------------------------------- the company reads it, corrects, resubmits
    await page.getByTestId('menu-applications').click();
    await page.getByTestId(`app-link-${applicationId}`).click();
    await page.getByTestId('return-comment').getByText(comment).waitFor(WAIT);
    await page.getByTestId('app-edit').click();
    await page.getByTestId('application-form').waitFor(WAIT);
    await page.getByTestId('return-comment').getByText(comment).waitFor(WAIT);
    await page.getByTestId('field-staff-rd').fill('8');
    await saved(page);
    // the social-insurance proof the officer asked for: a new staff statement, and the old one removed on the page
    const [old] = await b.portal.ds.query(
      `SELECT id FROM attachment WHERE application_id = $1 AND kind = 'staff-statement' AND deleted_at IS NULL`,
      [applicationId],
    );
    await page.getByTestId('upload-input-staff-statement').setInputFiles(pdf('社保缴纳记录'));
    await page.getByTestId('attachment-list').getByText('社保缴纳记录.pdf').waitFor(WAIT);
    await page.getByTestId(`remove-${old.id}`).click();
    await page.getByTestId(`remove-confirm-${old.id}`).click();
    await page.getByTestId(`remove-${old.id}`).waitFor({ ...WAIT, state: 'detached' });
    const files = await b.portal.ds.query(
      `SELECT file_name, deleted_at IS NOT NULL AS removed FROM attachment WHERE application_id = $1 AND kind = 'staff-statement'`,
      [applicationId],
    );
    expect(
      Object.fromEntries(files.map((f: { file_name: string; removed: boolean }) => [f.file_name, f.removed])),
    ).toEqual({
      'staff-statement.pdf': true,
      '社保缴纳记录.pdf': false,
    });
    await page.getByTestId('eligible-yes').waitFor(WAIT);
    await submitAndConfirm(page);
    expect((await page.getByTestId('submitted-number').innerText(WAIT)).trim()).toBe(number);
    await page.getByTestId('go-application').click();
    await page.getByTestId('status-submitted').first().waitFor(WAIT);
    expect((await page.getByTestId('app-number').innerText()).trim()).toBe(number);

    // what the server holds
    const app = await b.portal.http().get(`/api/applications/${applicationId}`).set(auth(company.token));
    expect(app.body).toMatchObject({ status: 'submitted', number, track: 'enterprise' });
    expect(app.body.payload).toMatchObject({
      fiscalYear: 2025,
      income: {
        totalFen: 1_000_000_000,
        operatingFen: 980_000_000,
        animationMainFen: 720_000_050,
        selfDevelopedFen: 500_000_000,
      },
      rdSpendingFen: 120_000_000,
      staff: { total: 48, qualified: 30, rd: 8 },
      ipRights: [{ kind: 'copyright', number: '国作登字-2025-F-00012345', grantedOn }],
      products: [{ name: '山海小英雄', category: 'animation', selfDeveloped: true }],
      declaration: true,
    });
    expect([...app.body.payload.businessTypes].sort()).toEqual(['animation', 'comic']);
    expect(app.body.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual([...REQUIRED_KINDS].sort());
    expect(app.body.attachments.find((a: { kind: string }) => a.kind === 'audit-report').size).toBe(21 * 1024 * 1024);
  }, 150_000); // the longest flow: ~37 s on an idle machine, over 60 s beside the e2e suites in CI
});

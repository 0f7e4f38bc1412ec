/*
 * 单位信用记录 through the pages: with a rending / enterprise application submitted through the API (eligible, every
 * rule passing), an officer opens it from the applications list, finds the organization's record empty, and adds a
 * 严重失信 (dishonest) flag in the panel's form: the form refuses a missing kind and reason and an end date before the
 * start (no request sent), and shows the server's own refusal on the end-date field (the request's `until` altered on
 * the way, so that the server answers 422); then the flag is saved, listed as in force today and open-ended, and the
 * application's eligibility — on the page and from the API — fails `common.not-excluded`. The panel in English last.
 */
import { Page } from 'playwright-core';
import { logIn, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { auth, registerCompany } from '../support/portal';
import { adminToken, DAY, makeOfficer, openCall, readyDraft } from '../e2e/applications-fixtures';

const OFFICER = { email: 'officer@flags.test', password: 'Staff#Pass2026' };
const REASON = '经法院判决认定为失信被执行人（(2026)京0105执1234号），列入严重失信主体名单。';

/** antd radios keep their test id on the hidden <input>: click its label, as a person would. */
async function choose(page: Page, testId: string) {
  await page
    .locator('label')
    .filter({ has: page.getByTestId(testId) })
    .click();
}

/** Types a `YYYY-MM-DD` date into a DatePicker (its test id is on the <input>) and confirms it. */
async function typeDate(page: Page, testId: string, day: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(day);
  await page.keyboard.press('Enter');
}

/** The form item holding the control with this test id, once it shows an error containing `text`. */
async function fieldError(page: Page, testId: string, text: string | RegExp) {
  await page
    .locator('.ant-form-item-has-error')
    .filter({ has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error')
    .filter({ hasText: text })
    .first()
    .waitFor(WAIT);
}

describe('an officer records an organization flag on the application page', () => {
  let b: BrowserPortal;
  let officerToken: string;
  let applicationId: string;
  let organizationId: string;
  let today: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    const clock = await p
      .http()
      .get('/api/admin/clock')
      .set(auth(await adminToken(p)));
    today = new Date(new Date(clock.body.now).getTime() + 8 * 3600_000).toISOString().slice(0, 10); // the Shanghai day
    officerToken = await makeOfficer(p, OFFICER.email);
    const call = await openCall(p, officerToken);
    const company = await registerCompany(p, 41, { name: '青禾动画科技有限公司' });
    organizationId = company.organizationId;
    const app = await readyDraft(p, company.token, call.id);
    const sub = await p.http().post(`/api/applications/${app.id}/submit`).set(auth(company.token)).send({});
    expect(sub.status).toBe(200);
    applicationId = app.id;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('adds a dishonest flag: listed as in force, and the application fails common.not-excluded', async () => {
    const from = new Date(new Date(`${today}T00:00:00Z`).getTime() - 30 * DAY).toISOString().slice(0, 10);
    const before = new Date(new Date(`${from}T00:00:00Z`).getTime() - 10 * DAY).toISOString().slice(0, 10);

    const page = await logIn(b, OFFICER.email, OFFICER.password);
    await page.getByTestId('menu-officer-applications').click();
    await page.getByTestId(`officer-app-${applicationId}`).click();
    await page.getByTestId('flags-empty').waitFor(WAIT);
    await page.locator('[data-testid="rule-common.not-excluded"][data-passed="true"]').waitFor(WAIT);
    await page.getByTestId('eligible-yes').waitFor(WAIT);

    // ---------------------------------------------------------------- the form's own checks: nothing is sent
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/organizations/${organizationId}/flags`))
        posts.push(r.postData() ?? '');
    });
    await page.getByTestId('flag-add').click();
    await page.getByTestId('flag-form').waitFor(WAIT);
    await page.getByTestId('flag-save').click();
    await page
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByTestId('flag-kind-dishonest') })
      .waitFor(WAIT);
    await fieldError(page, 'flag-reason', '请填写事由');
    await choose(page, 'flag-kind-dishonest');
    await page.getByTestId('flag-reason').fill(REASON);
    await typeDate(page, 'flag-from', from);
    await typeDate(page, 'flag-until', before);
    await page.getByTestId('flag-save').click();
    await fieldError(page, 'flag-until', '结束日期不能早于开始日期');
    expect(posts).toHaveLength(0);

    // ---------------------------------------------------------------- the server's refusal, on the field it concerns
    await page
      .locator('.ant-picker')
      .filter({ has: page.getByTestId('flag-until') })
      .hover();
    await page
      .locator('.ant-picker')
      .filter({ has: page.getByTestId('flag-until') })
      .locator('.ant-picker-clear')
      .click();
    await page.route('**/api/organizations/*/flags', (route) =>
      route.request().method() === 'POST'
        ? route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), until: before }) })
        : route.continue(),
    );
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/flags'));
    await page.getByTestId('flag-save').click();
    expect((await refused).status()).toBe(422);
    await fieldError(page, 'flag-until', '结束日期不能早于开始日期');
    await page.unroute('**/api/organizations/*/flags');

    // ---------------------------------------------------------------- saved: listed, in force, open-ended
    await page.getByTestId('flag-save').click();
    await page.getByTestId('flag-form').waitFor({ state: 'detached', ...WAIT });
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[1])).toEqual({ kind: 'dishonest', reason: REASON, from });
    const row = page.locator('[data-testid^="flag-"][data-kind="dishonest"]');
    await row.and(page.locator('[data-active="true"]')).waitFor(WAIT);
    await row.getByTestId('flag-active').getByText('今日有效').waitFor(WAIT);
    expect((await row.getByTestId('flag-kind').innerText()).trim()).toBe('严重失信主体');
    expect((await row.getByTestId('flag-period').innerText()).trim()).toBe(`${from} ~ 长期有效`);
    expect((await row.getByTestId('flag-reason-text').innerText()).trim()).toBe(REASON);
    expect(await page.getByTestId('flags-empty').count()).toBe(0);

    // the application's eligibility now fails common.not-excluded, on the page and from the API
    await page.locator('[data-testid="rule-common.not-excluded"][data-passed="false"]').waitFor(WAIT);
    await page.getByTestId('eligible-no').waitFor(WAIT);
    const report = await b.portal.http().get(`/api/applications/${applicationId}/eligibility`).set(auth(officerToken));
    expect(report.status).toBe(200);
    expect(report.body.eligible).toBe(false);
    expect(report.body.checks.find((c: { rule: string }) => c.rule === 'common.not-excluded')).toMatchObject({
      passed: false,
    });
    const flags = await b.portal.http().get(`/api/organizations/${organizationId}/flags`).set(auth(officerToken));
    expect(flags.body).toEqual([
      expect.objectContaining({ kind: 'dishonest', reason: REASON, from, until: null, active: true }),
    ]);

    // ---------------------------------------------------------------- the panel in English
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('org-flags').getByText('Organization record').waitFor(WAIT);
    await row.getByTestId('flag-active').getByText('In force today').waitFor(WAIT);
    expect((await row.getByTestId('flag-kind').innerText()).trim()).toBe('Seriously dishonest');
    expect((await row.getByTestId('flag-period').innerText()).trim()).toBe(`${from} ~ open-ended`);
  }, 120_000);
});

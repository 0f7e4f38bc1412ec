/*
 * Issue 10, item 7's proof: a fifth program that exists only in tests (libs/programs/src/testing/fifth, registered by
 * PORTAL_TEST_PROGRAMS=fifth) shows its form, its rule names, its attachment kinds and its award shape in the browser
 * with no web edit — everything the web knows of it comes from GET /api/programs.
 * Through the pages: the officer opens a call for it; a company applies through the form drawn from the program's
 * schema and sees the program's rule names in the eligibility report. Through the API (set-up): attachments, submit,
 * screening, one review, review-close. Through the pages again: the officer's decisions are a certificate (认定), with
 * no amount.
 */
import { Page } from 'playwright-core';
import { logIn, saveNewCall, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { ADMIN, auth, registerCompany } from '../support/portal';
import { applyAndAccept, PASSWORD, PROGRAM_CASES, reviewAndClose, setClock } from '../e2e/awards-fixtures';

const PROGRAM = 'fifth-test';
const OFFICER = { email: 'officer@fifth.test', password: PASSWORD };
const EXPERT = { email: 'expert@fifth.test', password: PASSWORD };
const TITLE = '2026 年度动漫奖（测试）';

/** antd radios keep their test id on the hidden <input>: click its label, as a person would. */
async function choose(page: Page, testId: string) {
  await page
    .locator('label')
    .filter({ has: page.getByTestId(testId) })
    .click();
}

async function saved(page: Page) {
  await page.locator('[data-testid="autosave-status"][data-state="saved"]').waitFor(WAIT);
}

describe('a fifth program, known to the web only through GET /api/programs', () => {
  let b: BrowserPortal;
  let admin: string;

  beforeAll(async () => {
    process.env.PORTAL_TEST_PROGRAMS = 'fifth';
    b = await startBrowserPortal();
    const p = b.portal;
    admin = await p.login(ADMIN.email, ADMIN.password);
    for (const u of [
      { name: '项目官员', email: OFFICER.email, roles: ['officer'] },
      {
        name: '动漫奖专家',
        email: EXPERT.email,
        roles: ['expert'],
        expert: { fields: [PROGRAM], employerCreditCode: '91110000600037341L', regionCode: '110101', conflicts: [] },
      },
    ]) {
      const res = await p
        .http()
        .post('/api/users')
        .set(auth(admin))
        .send({ password: PASSWORD, ...u });
      expect(res.status).toBe(201);
    }
    await setClock(p, admin, '2026-03-02T10:00:00+08:00');
  }, 120_000);
  afterAll(async () => {
    delete process.env.PORTAL_TEST_PROGRAMS;
    await b?.close();
  });

  it('opens a call, applies through its generated form, reports its rules and decides a certificate', async () => {
    const p = b.portal;
    const programs = (await p.http().get('/api/programs')).body as { code: string }[];
    expect(programs.map((x) => x.code)).toEqual([
      'jingpin',
      'yuandongli',
      'tuiguang',
      'rending',
      'tuiyou',
      'ydyl',
      'dongmanjiang',
      'js-xiangmuku',
      PROGRAM,
    ]);

    // ---------------------------------------------------------------- the officer opens a call for the fifth program
    const officer = await logIn(b, OFFICER.email, OFFICER.password);
    await officer.goto(`${b.baseUrl}/officer/calls`);
    await saveNewCall(officer, {
      programName: '动漫奖（测试）',
      year: 2026,
      title: TITLE,
      opens: '2026-03-01 00:00',
      closes: '2026-03-31 17:00',
      budgetYuan: '0',
    });
    const officerToken = await p.login(OFFICER.email, OFFICER.password);
    const calls = (await p.http().get('/api/calls?pageSize=100').set(auth(officerToken))).body.items;
    const call = calls.find((c: { title: string }) => c.title === TITLE);
    expect(call).toMatchObject({ programCode: PROGRAM, status: 'open' });
    await officer
      .locator('[data-testid="calls-table"] tr')
      .filter({ hasText: TITLE })
      .getByText('动漫奖（测试）', { exact: true })
      .waitFor(WAIT);

    // ---------------------------------------------------------------- a company applies through the schema's form
    const company = await registerCompany(p, 5101, { name: '五号动画有限公司' });
    const page = await logIn(b, company.email, company.password);
    await page.getByTestId('menu-calls').click();
    await page.getByTestId(`call-card-${call.id}`).getByText('动漫奖（测试）', { exact: true }).waitFor(WAIT);
    await page.getByTestId(`call-card-${call.id}`).getByTestId('call-apply').click();
    await page.getByTestId('track-series').waitFor({ state: 'attached', ...WAIT });
    await page
      .locator('label')
      .filter({ has: page.getByTestId('track-series') })
      .getByText('系列动画片')
      .waitFor(WAIT);
    await choose(page, 'track-series');
    await page.getByTestId('new-app-title').fill('《山海经》系列动画片参评');
    await page.getByTestId('new-app-create').click();
    await page.getByTestId('application-form').waitFor(WAIT);

    const form = page.getByTestId('schema-form');
    await form.getByText('参评作品名称').waitFor(WAIT); // the schema's labels
    await form.getByText('制作成本').waitFor(WAIT);
    await page.getByTestId('field-workTitle').fill('山海经');
    await page.getByTestId('field-episodes').fill('8'); // fewer than 13: the program's rule fails, fixed below
    await page.getByTestId('field-productionCostFen').fill('1200000');
    await page.getByTestId('field-premieredOn').click();
    await page.getByTestId('field-premieredOn').fill('2026-01-18');
    await page.getByTestId('field-premieredOn').press('Enter');
    await page.getByTestId('field-genre').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'history' }).click();
    await page.getByTestId('field-declaration').check();
    await saved(page);

    // the eligibility report names the program's rules as the program defines them
    const episodes = page.getByTestId('rule-fifth-test.episodes');
    await episodes.and(page.locator('[data-passed="false"]')).waitFor(WAIT);
    await episodes.getByText('集数不少于 13 集').waitFor(WAIT);
    await page.getByTestId('rule-fifth-test.premiered').getByText('已首播').waitFor(WAIT);
    await page.getByTestId('rule-common.required-attachments').getByText('必备附件').waitFor(WAIT);
    await page.getByTestId('field-episodes').fill('26');
    await saved(page);
    await episodes.and(page.locator('[data-passed="true"]')).waitFor(WAIT);
    await form.getByTestId('rule-hint-fifth-test.episodes').getByText('集数不少于 13 集').waitFor(WAIT);
    // and its own attachment kind, with its label
    await page.getByText('播出证明').first().waitFor(WAIT);

    const id = new URL(page.url()).pathname.split('/')[2];
    const app = (await p.http().get(`/api/applications/${id}`).set(auth(company.token))).body;
    expect(app.payload).toEqual({
      workTitle: '山海经',
      episodes: 26,
      productionCostFen: 120_000_000,
      premieredOn: '2026-01-18',
      genre: 'history',
      declaration: true,
    });

    // ---------------------------------------------------------------- set-up through the API: submit, review, close
    PROGRAM_CASES[PROGRAM] = {
      track: 'series',
      kinds: ['declaration', 'business-licence', 'broadcast-proof'],
      payload: () => app.payload,
    };
    const reviewed = await applyAndAccept(p, officerToken, company, call.id, PROGRAM, 1, '《山海经》系列动画片');
    const expert = await p.login(EXPERT.email, EXPERT.password);
    await reviewAndClose(
      p,
      { admin, officer: officerToken, financeA: '', financeB: '', financeAId: '', experts: [expert] },
      call.id,
      PROGRAM,
      [reviewed],
    );

    // ---------------------------------------------------------------- the officer decides: a certificate, no money
    await officer.goto(`${b.baseUrl}/officer/calls/${call.id}/decisions`);
    const table = officer.getByTestId('decisions-table');
    await table.getByText(reviewed.number).waitFor(WAIT);
    expect(await table.locator('th').filter({ hasText: '金额' }).count()).toBe(0);
    await officer.getByTestId(`decide-${reviewed.id}`).click();
    await officer.getByTestId('decision-award').waitFor({ state: 'attached', ...WAIT });
    await officer
      .locator('label')
      .filter({ has: officer.getByTestId('decision-award') })
      .getByText('拟认定')
      .waitFor(WAIT);
    expect(await officer.getByTestId('decision-amount').count()).toBe(0);
    await officer.getByTestId('decision-save').click();
    await table
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: reviewed.number })
      .getByText('动漫奖')
      .waitFor(WAIT);
    const decisions = (await p.http().get(`/api/calls/${call.id}/decisions`).set(auth(officerToken))).body;
    expect(decisions.items[0]).toMatchObject({ outcome: 'award', tier: '动漫奖', amountFen: 0 });
  });
});

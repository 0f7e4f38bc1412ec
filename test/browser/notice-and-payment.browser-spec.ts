/*
 * Issue 5, through the pages: a 国家动漫精品工程 (money) call with two applications reviewed and the round closed
 * (set up through the API with the awards fixtures); the officer fills the decisions by ranking (budget bar in view),
 * changes one amount by hand and publishes the 公示; a member of the public (no login) files a real-name objection on
 * the public notice page; the officer answers it (not upheld) in the objections inbox; the staging clock moves past the
 * notice end (admin API); the officer finalizes; finance user A prepares the batch of instalment 1 and cannot approve
 * it himself, finance user B approves it; the sandbox rail pays in the worker; the award's ledger shows the money.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Page } from 'playwright-core';
import { downloadBy, logIn as logInWith, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { auth } from '../support/portal';
import { PASSWORD, ReviewedApp, reviewedCall, setClock, setupStaff, Staff } from '../e2e/awards-fixtures';

const SHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const TAG = 'np';
const OFFICER = `officer@${TAG}.test`;
const FINANCE_A = `finance-a@${TAG}.test`;
const FINANCE_B = `finance-b@${TAG}.test`;

/** Staff log in with the fixtures' password (support/browser logIn logs their API and page errors). */
const logIn = (b: BrowserPortal, email: string) => logInWith(b, email, PASSWORD);

/** A fresh browser context; API errors and page errors are logged (the expected 403 is not an error here). */
async function openPage(b: BrowserPortal, who: string): Promise<Page> {
  const page = await b.newPage();
  page.setDefaultTimeout(15_000);
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().includes('/api/'))
      console.warn(`${who}: ${r.request().method()} ${r.url()} → ${r.status()}`);
  });
  page.on('pageerror', (e) => console.warn(`${who}: page error ${e.message}`));
  return page;
}

/** Waits until no toast message is left on the page (for clean screenshots). */
async function quiet(page: Page) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
}

describe('公示, objection, finalize and a maker–checker payment batch through the pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let callId: string;
  let apps: ReviewedApp[];

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, TAG);
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'jingpin', 2, {
      firstCompany: 3201,
      call: { budgetFen: 100_000_000 },
      titles: ['《山海少年》动画剧集', '《星河信使》动画电影'],
    }));
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00'); // a Wednesday: the notice runs to 24:00 on Thu 9 April
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  it('decides, publishes, takes and answers an objection, finalizes and pays', async () => {
    const p = b.portal;

    // ---------------------------------------------------------------- the officer: decisions with the budget bar
    const officer = await logIn(b, OFFICER);
    await officer.getByTestId('menu-officer-calls').click();
    await officer.getByTestId(`call-decisions-${callId}`).click();
    await officer.getByTestId('budget-total').getByText('¥1,000,000.00').waitFor(WAIT);
    await officer.getByTestId('budget-committed').getByText('¥0.00').waitFor(WAIT);
    await officer.getByTestId('decisions-table').getByText(apps[1].number).waitFor(WAIT);

    // fill by ranking: one 一等 at ¥400,000, then 二等 at ¥250,000 — a proposal first, saved when confirmed
    await officer.getByTestId('fill-by-ranking').click();
    await officer.getByTestId('fill-amount-0').fill('400000');
    await officer.getByTestId('fill-count-0').fill('1');
    await officer.getByTestId('fill-amount-1').fill('250000');
    await officer.getByTestId('fill-propose').click();
    await officer.getByTestId('fill-total').getByText('方案合计 ¥650,000.00，预算剩余 ¥350,000.00').waitFor(WAIT);
    const proposal = officer.getByTestId('fill-proposal');
    await proposal.getByText(apps[0].number).waitFor(WAIT);
    expect((await http(p).get(`/api/calls/${callId}/decisions`).set(auth(staff.officer))).body.committedFen).toBe(0);
    await officer.getByTestId('fill-confirm').click();
    await officer.getByTestId('budget-committed').getByText('¥650,000.00').waitFor(WAIT);

    // the second one by hand: ¥300,000
    await officer.getByTestId(`decide-${apps[1].id}`).click();
    await officer.getByTestId('decision-amount').fill('300000');
    await officer.getByTestId('decision-note').fill('专家意见一致，提高资助额度。');
    await officer.getByTestId('decision-save').click();
    await officer.getByTestId('budget-committed').getByText('¥700,000.00').waitFor(WAIT);
    await officer.getByTestId('budget-left').getByText('¥300,000.00').waitFor(WAIT);
    const rows = officer.getByTestId('decisions-table').locator('tbody tr.ant-table-row');
    await rows.filter({ hasText: apps[1].number }).getByText('¥300,000.00').waitFor(WAIT);
    await rows.filter({ hasText: apps[0].number }).getByText('¥400,000.00').waitFor(WAIT);

    // publish the notice (5 working days, the call's default)
    await officer.getByTestId('notice-publish').click();
    await officer.getByTestId('notice-publish-confirm').click();
    await officer.getByTestId('notice-published').getByText('2026-04-10 00:00').waitFor(WAIT);
    await quiet(officer);
    await officer.screenshot({ path: join(SHOTS, 'decisions.png'), fullPage: true });
    const noticeHref = await officer.getByTestId('notice-link').first().getAttribute('href');
    expect(noticeHref).toMatch(/^\/public\/notices\/[0-9a-f-]{36}$/);

    // ---------------------------------------------------------------- a member of the public objects (no login)
    const citizen = await openPage(b, 'public');
    await citizen.goto(`${b.baseUrl}${noticeHref}`);
    const entries = citizen.getByTestId('notice-entries');
    await entries.getByText(apps[0].company.name).waitFor(WAIT);
    await entries.getByText('¥300,000.00').waitFor(WAIT);
    await citizen.getByTestId('notice-window').getByText('公示中').waitFor(WAIT);
    await citizen.getByTestId('objection-name').fill('王公正');
    await citizen.getByTestId('objection-contact').fill('wang@objector.test');
    await citizen.getByTestId('objection-entry').click();
    await citizen.locator('.ant-select-item-option').filter({ hasText: apps[1].number }).click();
    await citizen.locator('.ant-select-dropdown').waitFor({ state: 'hidden', timeout: 15_000 });
    await citizen.getByTestId('objection-reason').fill('该作品的主要角色设计与他人已发表作品高度相似，请核查。');
    const evidencePdf = Buffer.from(
      '%PDF-1.4\n% 角色设计对比\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );
    await citizen
      .getByTestId('objection-evidence-file')
      .setInputFiles({ name: '角色对比.pdf', mimeType: 'application/pdf', buffer: evidencePdf });
    await citizen.screenshot({ path: join(SHOTS, 'public-notice.png'), fullPage: true });
    await citizen.getByTestId('objection-submit').click();
    await citizen.getByTestId('objection-filed').waitFor(WAIT);

    // ---------------------------------------------------------------- the officer answers it: not upheld
    await officer.getByTestId('menu-officer-objections').click();
    const inbox = officer.getByTestId('objections-table');
    const row = inbox.locator('tbody tr.ant-table-row').filter({ hasText: '王公正' });
    await row.getByText('待答复').waitFor(WAIT);
    await row.getByText(apps[1].number).waitFor(WAIT);
    await row.locator('[data-testid^="objection-answer-"]').click();
    // the evidence file, as the citizen uploaded it
    const evidence = await downloadBy(officer, officer.locator('.ant-modal [data-testid^="objection-evidence-"]'));
    expect(evidence.suggestedFilename()).toBe('角色对比.pdf');
    expect(readFileSync(await evidence.path()).equals(evidencePdf)).toBe(true);
    await officer.getByTestId('objection-dismissed').click();
    await officer
      .getByTestId('objection-response')
      .fill('经核查，角色设计系申报单位原创，有创作底稿为证，异议不成立。');
    await officer.getByTestId('objection-answer-save').click();
    await row.getByText('不成立').waitFor(WAIT);

    // ---------------------------------------------------------------- the notice ends (staging clock, admin API); finalize
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    await officer.goto(`${b.baseUrl}/officer/calls/${callId}/decisions`);
    await officer.getByTestId('budget-committed').getByText('¥700,000.00').waitFor(WAIT);
    await officer.getByTestId('finalize').click();
    await officer.getByTestId('finalize-confirm').click();
    await officer.getByText('最终名单已确定').waitFor(WAIT);
    const awards = (await http(p).get(`/api/awards?callId=${callId}`).set(auth(staff.officer))).body;
    expect(awards.total).toBe(2);
    const award0 = awards.items.find((a: { applicationId: string }) => a.applicationId === apps[0].id);

    // ---------------------------------------------------------------- finance A prepares the batch of instalment 1
    const financeA = await logIn(b, FINANCE_A);
    await financeA.getByTestId('menu-finance-payments').click();
    const prepareForm = financeA.locator('form').filter({ has: financeA.getByTestId('batch-prepare') });
    await prepareForm.getByTestId('call-select').click();
    await financeA.locator('.ant-select-item-option').filter({ hasText: '2026 年度jingpin扶持' }).click();
    await financeA.getByTestId('batch-instalment').fill('1');
    await financeA.getByTestId('batch-prepare').click();
    // 50 % of ¥400,000 and of ¥300,000
    await financeA.getByTestId('batch-prepared').getByText('2 笔，合计 ¥350,000.00').waitFor(WAIT);
    await financeA.getByTestId('batch-prepared').getByRole('link').click();
    const detailA = financeA.getByTestId('batch-detail');
    await detailA.getByTestId('batch-status').getByText('待审批').waitFor(WAIT);
    // the maker cannot approve his own batch
    const approveA = detailA.getByTestId('batch-approve');
    await approveA.getByText('须由他人审批').waitFor(WAIT);
    expect(await approveA.isDisabled()).toBe(true);
    expect(await detailA.getByTestId('batch-prepared-by').textContent()).toBe('财务甲（本人）'); // names, not user ids
    const batchId = new URL(financeA.url()).searchParams.get('id')!;
    expect(batchId).toMatch(/^[0-9a-f-]{36}$/);

    // ---------------------------------------------------------------- finance B approves; the worker pays
    const financeB = await logIn(b, FINANCE_B);
    await financeB.getByTestId('menu-finance-batches').click();
    await financeB.getByTestId(`batch-open-${batchId}`).click();
    const detailB = financeB.getByTestId('batch-detail');
    await detailB.getByTestId('batch-status').getByText('待审批').waitFor(WAIT);
    expect(await detailB.getByTestId('batch-approve').isEnabled()).toBe(true); // (antd spaces two-character labels: "审 批")
    await detailB.getByTestId('batch-approve').click();
    await financeB.getByTestId('batch-approve-confirm').click();
    await detailB.getByTestId('batch-status').getByText('已完成').waitFor({ timeout: 25_000 });
    await detailB.getByTestId('batch-by-status').getByText('已拨付: 2 · ¥350,000.00').waitFor(WAIT);
    expect(await detailB.getByTestId('batch-approved-by').textContent()).toBe('财务乙');
    await financeB.getByTestId('batches-table').getByText('财务甲').first().waitFor(WAIT);
    await quiet(financeB);
    await financeB.screenshot({ path: join(SHOTS, 'batches.png'), fullPage: true });

    // the instalments list shows them paid; the award's ledger shows the money
    await financeB.getByTestId('menu-finance-payments').click();
    const payments = financeB.getByTestId('payments-table');
    await payments.locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    await financeB.getByTestId('payments-status').click();
    await financeB.locator('.ant-select-item-option').filter({ hasText: '已拨付' }).click();
    const paidRows = payments.locator('tbody tr.ant-table-row');
    await paidRows.filter({ hasText: '计划中' }).first().waitFor({ state: 'detached', timeout: 15_000 }); // the filter has applied
    await paidRows.filter({ hasText: '¥200,000.00' }).waitFor(WAIT);
    await paidRows.filter({ hasText: '¥150,000.00' }).waitFor(WAIT);
    expect(await paidRows.count()).toBe(2);
    await paidRows.filter({ hasText: '¥200,000.00' }).getByRole('link').first().click();
    await financeB.waitForURL(`**/awards/${award0.id}/ledger`);
    const summary = financeB.getByTestId('ledger-summary');
    await summary.getByText('¥200,000.00').first().waitFor(WAIT);
    await financeB.getByTestId('instalments-table').getByText('已拨付').waitFor(WAIT);
    await financeB.getByTestId('ledger-entries').getByText('拨付').first().waitFor(WAIT);

    const ledger = await http(p).get(`/api/awards/${award0.id}/ledger`).set(auth(staff.financeA));
    expect(ledger.body).toMatchObject({
      amountFen: 40_000_000,
      paidFen: 20_000_000,
      recoveredFen: 0,
      balanceFen: 20_000_000,
    });
    const batch = await http(p).get(`/api/payment-batches/${batchId}`).set(auth(staff.financeA));
    expect(batch.body).toMatchObject({
      status: 'completed',
      count: 2,
      totalFen: 35_000_000,
      preparedBy: staff.financeAId,
    });
    const objections = await http(p).get(`/api/objections?callId=${callId}`).set(auth(staff.officer));
    expect(objections.body.items.map((o: { status: string; upheld: boolean }) => [o.status, o.upheld])).toEqual([
      ['answered', false],
    ]);
  }, 90_000);
});

function http(p: BrowserPortal['portal']) {
  return p.http();
}

/*
 * The admins' pages (issue 14): the user list — search, disable (the account's open session stops at once), enable;
 * the holiday calendar — the next year is warned about until a JSON file in the format of holidays-cn.json is
 * imported from the page; credit-code exceptions added on the page; the audit log filtered and its chain verified
 * with the result shown; the queue dashboard opened from the menu with the admin's session (no token pasted).
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { tmpdir } from 'os';
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { ADMIN } from '../support/portal';
import { PASSWORD, setupStaff } from '../e2e/awards-fixtures';

const TAG = 'adp';

describe('admin pages', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortal();
    await setupStaff(b.portal, TAG);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  it('finds a user, disables them (their open session stops at once) and enables them again', async () => {
    const finance = await logIn(b, `finance-a@${TAG}.test`, PASSWORD);
    const admin = await logIn(b, ADMIN.email, ADMIN.password);
    await admin.getByTestId('menu-admin-user-list').click();
    await admin.getByTestId('users-table').waitFor(WAIT);
    await admin.getByTestId('users-search').locator('input').fill('FINANCE-A@');
    await admin.getByTestId('users-search').locator('input').press('Enter');
    const rows = admin.getByTestId('users-table').locator('tbody tr.ant-table-row');
    await admin.getByTestId('users-table').getByText(`finance-a@${TAG}.test`).waitFor(WAIT);
    await rows.nth(1).waitFor({ state: 'detached', ...WAIT });
    expect(await rows.count()).toBe(1);
    const [{ id }] = await b.portal.ds.query(`SELECT id FROM app_user WHERE email = $1`, [`finance-a@${TAG}.test`]);

    await admin.getByTestId(`user-toggle-${id}`).click();
    await admin.getByTestId('user-toggle-confirm').click();
    await admin.getByTestId(`user-status-${id}`).getByText('已停用').waitFor(WAIT);
    // the finance user's next request fails: the page sends them to the login
    await finance.getByTestId('menu-finance-batches').click();
    await finance.waitForURL(/\/login/, WAIT);

    await admin.getByTestId(`user-toggle-${id}`).click();
    await admin.getByTestId('user-toggle-confirm').click();
    await admin.getByTestId(`user-status-${id}`).getByText('正常').waitFor(WAIT);
    await logIn(b, `finance-a@${TAG}.test`, PASSWORD);

    // the role filter and the link to create a user
    await admin.getByTestId('users-search').locator('input').fill('');
    await admin.getByTestId('users-search').locator('input').press('Enter');
    await admin.getByTestId('users-role-filter').click();
    await admin.locator('.ant-select-item-option').getByText('评审专家').click();
    await admin.getByTestId('users-table').getByText(`expert3@${TAG}.test`).waitFor(WAIT);
    await rows.nth(3).waitFor({ state: 'detached', ...WAIT });
    expect(await rows.count()).toBe(3);
    await admin.getByTestId('users-create').click();
    await admin.waitForURL(/\/admin\/users\/new$/, WAIT);
  });

  it('warns that next year is not entered until a holidays JSON file is imported on the calendar page', async () => {
    const next = new Date().getFullYear() + 1;
    const file = join(tmpdir(), `holidays-${next}-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        source: `国务院办公厅关于${next}年部分节假日安排的通知（测试）`,
        years: { [next]: { holidays: [`${next}-01-01`, `${next}-10-01`], workdays: [`${next}-09-26`] } },
      }),
    );
    const admin = await logIn(b, ADMIN.email, ADMIN.password);
    await admin.getByTestId('menu-admin-calendar').click();
    await admin.getByTestId(`calendar-missing-${next}`).waitFor(WAIT);
    // this year's days are listed
    await admin
      .getByTestId('calendar-days')
      .getByText(`${next - 1}-01-01`)
      .waitFor(WAIT);

    await admin.getByTestId('calendar-import-file').setInputFiles(file);
    await admin.getByTestId('calendar-import-result').getByText('节假日 2 天，调休上班 1 天').waitFor(WAIT);
    await admin.getByTestId(`calendar-missing-${next}`).waitFor({ state: 'detached', ...WAIT });
    const [row] = await b.portal.ds.query(`SELECT source FROM calendar_year WHERE year = $1`, [next]);
    expect(row.source).toContain(`${next}年部分节假日安排`);

    // a file that is not a holidays file is refused on the page
    const bad = join(tmpdir(), `holidays-bad-${process.pid}.json`);
    writeFileSync(bad, JSON.stringify({ holidays: [] }));
    await admin.getByTestId('calendar-import-file').setInputFiles(bad);
    await admin.getByText('文件格式不对').waitFor(WAIT);
  });

  it('adds a credit-code exception on its page', async () => {
    const admin = await logIn(b, ADMIN.email, ADMIN.password);
    await admin.getByTestId('menu-admin-credit-codes').click();
    await admin.getByTestId('exception-new').click();
    await admin.getByTestId('exception-code').fill('91350100M000100Y44');
    await admin.getByTestId('exception-reason').fill('试点期间赋码，经市场监管局书面确认');
    await admin.getByTestId('exception-save').click();
    await admin.getByTestId('exceptions-table').getByText('91350100M000100Y44').waitFor(WAIT);
    await admin.getByTestId('exceptions-table').getByText('试点期间赋码，经市场监管局书面确认').waitFor(WAIT);
  });

  it('filters the audit log and verifies the chain, showing the result', async () => {
    const admin = await logIn(b, ADMIN.email, ADMIN.password);
    await admin.getByTestId('menu-admin-audit').click();
    await admin.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    await admin.getByTestId('audit-action').fill('user.disabled');
    await admin.getByTestId('audit-search').click();
    const rows = admin.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    await admin.getByTestId('audit-table').getByText('user.disabled').first().waitFor(WAIT);
    await rows.nth(1).waitFor({ state: 'detached', ...WAIT });
    expect(await rows.count()).toBe(1);

    const [{ seq }] = await b.portal.ds.query(`SELECT seq FROM audit_head WHERE id = 1`);
    await admin.getByTestId('audit-verify').click();
    const result = admin.getByTestId('audit-verify-result');
    await result.getByText('哈希链完整').waitFor(WAIT);
    expect(await result.textContent()).toMatch(new RegExp(`已校验 \\d+ 条事件`));
    expect(Number(/已校验 (\d+) 条/.exec((await result.textContent()) ?? '')?.[1])).toBeGreaterThanOrEqual(Number(seq));
  });

  it('opens the queue dashboard from the menu in a new tab with the admin session', async () => {
    const admin = await logIn(b, ADMIN.email, ADMIN.password);
    const [tab] = await Promise.all([
      admin.context().waitForEvent('page'),
      admin.getByTestId('menu-admin-queues').click(),
    ]);
    await tab.waitForURL(/\/admin\/queues/, WAIT);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).not.toMatch(/token=/);
    const res = await tab.request.get(`${b.baseUrl}/admin/queues/api/queues`);
    expect(res.status()).toBe(200);
    // another browser without the cookie is turned away
    const stranger = await b.newPage();
    const denied = await stranger.request.get(`${b.baseUrl}/admin/queues/api/queues`);
    expect(denied.status()).toBe(403);
  });
});

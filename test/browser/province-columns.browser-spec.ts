/*
 * Issue 12 item 6 through the pages: the province column and filter on the officer's 立项决定 (decisions) and 排名
 * (ranking) tables and on 拨付管理 (payments). A 推广计划 call has awarded two 江苏 companies and one 广西 company (ranked
 * 江苏, 广西, 江苏; set up through the API). The national officer sees the three rows with their provinces on the
 * decisions page and narrows them to 广西 with the filter (kept in the address across a reload); the ranking opened
 * with ?province=32 shows the two 江苏 rows with their national ranks; finance narrows the instalments to 江苏 (the
 * server's filter: the page's total follows).
 */
import type { Page } from 'playwright-core';
import { BrowserPortal, logIn as logInWith, startBrowserPortal, WAIT } from '../support/browser';
import { PASSWORD, setupStaff, twoProvinceAwards, TwoProvinceAwards } from '../e2e/awards-fixtures';

const TAG = 'pcb';
const logIn = (b: BrowserPortal, email: string) => logInWith(b, email, PASSWORD);

/** Picks a province in the page's province filter by typing its name. */
async function chooseProvince(page: Page, name: string): Promise<void> {
  await page.getByTestId('province-filter').click();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
}

describe('the province column and filter on the officer and finance lists', () => {
  let b: BrowserPortal;
  let seeded: TwoProvinceAwards;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const staff = await setupStaff(b.portal, TAG);
    seeded = await twoProvinceAwards(b.portal, staff, 7401);
  }, 240_000);
  afterAll(async () => {
    await b?.close();
  });

  const rowsOf = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');
  const provinces = async (page: Page, testId: string) =>
    (await page.getByTestId(testId).getByTestId('province-cell').allInnerTexts()).map((x) => x.trim());

  it('decisions: the province column shows and the filter narrows the rows to 广西', async () => {
    const page = await logIn(b, `officer@${TAG}.test`);
    await page.goto(`${b.baseUrl}/officer/calls/${seeded.callId}/decisions`);
    const rows = rowsOf(page, 'decisions-table');
    await rows.nth(2).waitFor(WAIT);
    expect(await rows.count()).toBe(3);
    expect(await provinces(page, 'decisions-table')).toEqual(['江苏', '广西', '江苏']);

    await chooseProvince(page, '广西');
    await rows.nth(1).waitFor({ ...WAIT, state: 'detached' });
    expect(await rows.count()).toBe(1);
    expect(await rows.nth(0).innerText()).toContain('广西展会推广');
    expect(await provinces(page, 'decisions-table')).toEqual(['广西']);
    expect(new URL(page.url()).searchParams.get('province')).toBe('45');
    await page.screenshot({ path: 'docs/screenshots/decisions-province.png', fullPage: true });

    await page.reload();
    await rows.nth(0).getByText('广西展会推广').waitFor(WAIT);
    expect(await rows.count()).toBe(1);
  });

  it('ranking: opened with ?province=32 it lists the two 江苏 rows with their national ranks', async () => {
    const page = await logIn(b, `officer@${TAG}.test`);
    await page.goto(`${b.baseUrl}/officer/calls/${seeded.callId}/review?province=32`);
    const rows = rowsOf(page, 'ranking-table');
    await rows.nth(1).waitFor(WAIT);
    expect(await rows.count()).toBe(2);
    const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).map((x) => x.trim());
    expect((await cells(0)).slice(0, 4)).toEqual(['1', seeded.apps[0].number, '江苏展会推广甲', '江苏']);
    expect((await cells(1)).slice(0, 4)).toEqual(['3', seeded.apps[2].number, '江苏展会推广乙', '江苏']);

    const filter = page.getByTestId('province-filter');
    await filter.hover();
    await filter.locator('.ant-select-clear').click();
    await rows.nth(2).waitFor(WAIT);
    expect(await provinces(page, 'ranking-table')).toEqual(['江苏', '广西', '江苏']);
  });

  it('payments: finance narrows the instalments to 江苏', async () => {
    const page = await logIn(b, `finance-a@${TAG}.test`);
    await page.goto(`${b.baseUrl}/finance/payments?callId=${seeded.callId}`);
    const rows = rowsOf(page, 'payments-table');
    await rows.nth(2).waitFor(WAIT);
    expect(await rows.count()).toBe(3);
    expect((await provinces(page, 'payments-table')).sort()).toEqual(['广西', '江苏', '江苏']);

    const answer = page.waitForResponse((r) => r.url().includes('/api/payments?') && r.url().includes('province=32'));
    await chooseProvince(page, '江苏');
    expect((await answer).status()).toBe(200);
    await rows.nth(2).waitFor({ ...WAIT, state: 'detached' });
    expect(await rows.count()).toBe(2);
    expect(await provinces(page, 'payments-table')).toEqual(['江苏', '江苏']);
    expect(new URL(page.url()).searchParams.get('province')).toBe('32');
  });
});

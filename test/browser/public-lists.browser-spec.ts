/*
 * Issue 15: the public lists page (/public/lists). A 一带一路 list is published through the API (two enterprises,
 * listed without money, finalized); a visitor, not logged in, finds it on the page with its entries and what each is
 * listed as, filters by program, and sees no amount anywhere. The page passes axe (the accessibility tour visits it too).
 */
import { join } from 'path';
import { BrowserPortal, chooseOption, startBrowserPortal, WAIT } from '../support/browser';
import { certifyCall, reviewedCall, setClock, setupStaff } from '../e2e/awards-fixtures';

jest.setTimeout(180_000);

describe('the public lists page', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortal();
  }, 90_000);
  afterAll(async () => {
    await b?.close();
  });

  it('a visitor reads a published 一带一路 list, filtered by program, without amounts', async () => {
    const p = b.portal;
    const staff = await setupStaff(p, 'pl');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const { callId, apps } = await reviewedCall(p, staff, 'ydyl', 2, { firstCompany: 8401, call: { budgetFen: 0 } });
    await certifyCall(p, staff, callId, 2, '2026-03-10T09:00:00+08:00', '“一带一路”国际合作重点企业');

    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/public`);
    await page.getByTestId('public-link-lists').click();
    const card = page.getByTestId(`public-list-${callId}`);
    await card.waitFor(WAIT);
    for (const app of apps) {
      const row = card.locator('tr', { hasText: app.number });
      await row.waitFor(WAIT);
      expect(await row.innerText()).toContain('“一带一路”国际合作重点企业');
      expect(await row.innerText()).toContain(app.title);
    }
    expect(await card.innerText()).toContain('2026 年度ydyl扶持');
    expect(await page.locator('main, body').first().innerText()).not.toMatch(/¥|元/);
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'public-lists.png') });

    // another program's filter hides it
    await chooseOption(page, page.getByTestId('public-lists-program'), '优秀国产动画片推优');
    await page.getByText('暂无已公布的名单').waitFor(WAIT);
    expect(await card.count()).toBe(0);
  });
});

/*
 * Issue 15's pages, in one browser session (one portal and one Chromium for both, as a suite's start-up is most of
 * its time on a busy CI machine):
 * - the public lists page (/public/lists): a 一带一路 list is published through the API (two enterprises, listed
 *   without money, finalized); a visitor, not logged in, finds it with its entries and what each is listed as, filters
 *   by program, and sees no amount anywhere (the accessibility tour visits the page too);
 * - the deliberation vote on the officer's review round page: a 推优 call with `deliberation` is reviewed through the
 *   API; the officer types the five members present and the tallies of two nominees (5 for; 2 for, 3 against),
 *   records the vote, and sees the first elected and the second not, in the page and in the session listed below;
 *   axe checks the page;
 * - the programs' guides: 动漫奖's timeline has the vote, the 一带一路 list says it is a list, 江苏's bank names its
 *   province.
 */
import { join } from 'path';
import { BrowserPortal, chooseOption, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { expectAccessible } from '../support/axe';
import { certifyCall, PASSWORD, reviewedCall, setClock, setupStaff, Staff } from '../e2e/awards-fixtures';

jest.setTimeout(180_000);

describe('issue 15 pages: the public lists, the deliberation vote', () => {
  let b: BrowserPortal;
  let staff: Staff;

  beforeAll(async () => {
    b = await startBrowserPortal();
    staff = await setupStaff(b.portal, 'sp');
    await setClock(b.portal, staff.admin, '2026-03-02T10:00:00+08:00');
  }, 90_000);
  afterAll(async () => {
    await b?.close();
  });

  it('a visitor reads a published 一带一路 list, filtered by program, without amounts', async () => {
    const p = b.portal;
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

  it('the officer records a vote: a majority of the members present elects', async () => {
    const p = b.portal;
    const { callId, apps } = await reviewedCall(p, staff, 'tuiyou', 2, {
      firstCompany: 8601,
      call: { deliberation: true, budgetFen: 300_000_000 },
    });

    const page = await logIn(b, 'officer@sp.test', PASSWORD);
    await page.goto(`${b.baseUrl}/officer/calls/${callId}/review`);
    const card = page.getByTestId('deliberation');
    await card.waitFor(WAIT);
    await page.getByTestId('deliberation-members').fill('王主任，李委员，张委员，赵委员，钱委员');
    await card.getByText('出席 5 人').waitFor(WAIT);
    const tally = async (id: string, yes: number, no: number) => {
      await page.getByTestId(`deliberation-yes-${id}`).fill(String(yes));
      await page.getByTestId(`deliberation-no-${id}`).fill(String(no));
      await page.getByTestId(`deliberation-abstain-${id}`).fill('0');
    };
    await tally(apps[0].id, 5, 0);
    await tally(apps[1].id, 2, 3);
    await page.getByTestId('deliberation-record').click();
    await page.getByTestId('deliberation-session-1').waitFor(WAIT);
    await page.getByTestId(`deliberation-elected-${apps[0].id}`).waitFor(WAIT);
    expect(await page.getByTestId(`deliberation-elected-${apps[1].id}`).count()).toBe(0);
    const session = await page.getByTestId('deliberation-session-1').innerText();
    expect(session).toContain('王主任、李委员、张委员、赵委员、钱委员');
    expect(session).toContain('未当选');
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'deliberation.png'), fullPage: true });
    await expectAccessible(page, 'review round with a deliberation vote');

    const stored = await p.ds.query(
      `SELECT v.application_id, v.elected FROM deliberation_vote v JOIN deliberation_session s ON s.id = v.session_id
        WHERE s.call_id = $1`,
      [callId],
    );
    expect(new Map(stored.map((r: any) => [r.application_id, r.elected]))).toEqual(
      new Map([
        [apps[0].id, true],
        [apps[1].id, false],
      ]),
    );
  });

  it('the programs’ guides show the new steps: the vote, the list, the province that runs a program', async () => {
    const page = await b.newPage();
    await page.goto(`${b.baseUrl}/public/programs/dongmanjiang`);
    await page.getByTestId('program-timeline').getByText('领导小组表决').waitFor(WAIT);
    await page.goto(`${b.baseUrl}/public/programs/ydyl`);
    await page.getByTestId('public-program-ydyl').getByText('入选名单').first().waitFor(WAIT);
    await page.goto(`${b.baseUrl}/public/programs/js-xiangmuku`);
    expect(await page.getByTestId('program-office').innerText()).toContain('江苏');
    // a national program names no province
    await page.goto(`${b.baseUrl}/public/programs/jingpin`);
    await page.getByTestId('public-program-jingpin').waitFor(WAIT);
    expect(await page.getByTestId('program-office').count()).toBe(0);
    await expectAccessible(page, 'a program guide');
  });
});

/*
 * Issue 15: the deliberation vote on the officer's review round page. A 推优 call with `deliberation` is reviewed
 * through the API; the officer opens its round page, types the five members present and the tallies of two nominees
 * (5 for; 2 for, 3 against), records the vote, and sees the first elected and the second not, in the page and in
 * the session listed below. axe checks the page.
 */
import { join } from 'path';
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { expectAccessible } from '../support/axe';
import { PASSWORD, reviewedCall, setClock, setupStaff } from '../e2e/awards-fixtures';

jest.setTimeout(180_000);

describe('the deliberation vote page', () => {
  let b: BrowserPortal;

  beforeAll(async () => {
    b = await startBrowserPortal();
  }, 90_000);
  afterAll(async () => {
    await b?.close();
  });

  it('the officer records a vote: a majority of the members present elects', async () => {
    const p = b.portal;
    const staff = await setupStaff(p, 'dv');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const { callId, apps } = await reviewedCall(p, staff, 'tuiyou', 2, {
      firstCompany: 8601,
      call: { deliberation: true, budgetFen: 300_000_000 },
    });

    const page = await logIn(b, 'officer@dv.test', PASSWORD);
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
});

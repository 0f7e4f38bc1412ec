/*
 * Issue 12, the provincial expert round card on /officer/calls/:callId/province. Set-up through the API: a 精品工程 call
 * with a recommendation stage (quota 3), two experts registered with 江苏, three 江苏 applications that passed the 初审.
 * The 江苏 officer runs the provincial draw on the page and sees the progress (6 reviews pending); the experts score
 * two of the three through the API (the third gets no review); the officer closes the round on the page, sees the
 * ranking and uses "order by ranking": the two ranked applications fill the recommendation order in ranking order,
 * each with a note naming its rank — the unranked one is left for the officer to decide — and forwards them.
 */
import { Page } from 'playwright-core';
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { auth, registerCompany } from '../support/portal';
import {
  createCall,
  PASSWORD,
  provincialOfficer,
  ReviewedApp,
  setClock,
  setupStaff,
  Staff,
  submitApplication,
} from '../e2e/awards-fixtures';

const JS_OFFICER = 'officer-js@prb.test';

describe('the provincial expert round through the page', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let callId: string;
  const apps: ReviewedApp[] = [];
  const experts: string[] = [];

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, 'prb'); // the national officer (and 北京 experts, who must not be drawn)
    const js = await provincialOfficer(p, staff.admin, JS_OFFICER, '32');
    for (let i = 1; i <= 2; i++) {
      const email = `js-expert${i}@prb.test`;
      const made = await p
        .http()
        .post('/api/users')
        .set(auth(staff.admin))
        .send({
          name: `江苏专家${i}`,
          email,
          password: PASSWORD,
          roles: ['expert'],
          expert: {
            fields: ['jingpin'],
            employerCreditCode: '91110000600037341L',
            regionCode: `32010${i}`,
            conflicts: [],
          },
        });
      expect(made.status).toBe(201);
      experts.push(await p.login(email, PASSWORD));
    }
    await setClock(p, staff.admin, '2026-03-10T10:00:00+08:00');
    callId = await createCall(p, staff.officer, 'jingpin', {
      provincialStage: 'recommend',
      provincialQuota: 3,
      // far ahead: the page compares the deadline with the browser's own clock, not the staging clock
      provincialClosesAt: '2030-06-30T17:00:00+08:00',
    });
    for (let i = 1; i <= 3; i++) {
      const c = await registerCompany(p, 6500 + i, { region: '320102', name: `无锡动画${i}号有限公司` });
      const app = await submitApplication(p, c, callId, 'jingpin', i, `江苏精品动画${i}号`);
      const passed = await p
        .http()
        .post(`/api/applications/${app.id}/provincial-check`)
        .set(auth(js))
        .send({ decision: 'pass', opinion: '材料完整，同意进入省级评审' });
      expect(passed.body.status).toBe('provincial_passed');
      apps.push(app);
    }
  }, 180_000);
  afterAll(async () => {
    await b?.close();
  });

  /** The card's progress counters as text. */
  const progressText = async (page: Page) =>
    (await page.getByTestId('provincial-round-progress').innerText()).replace(/\s+/g, ' ');

  it('draws, shows the progress, closes, ranks and orders the recommendation by the ranking', async () => {
    const page = await logIn(b, JS_OFFICER, PASSWORD);
    await page.goto(`${b.baseUrl}/officer/calls/${callId}/province`);
    await page.getByTestId('provincial-round-progress').waitFor(WAIT);
    expect(await page.getByTestId('provincial-close').isDisabled()).toBe(true); // nothing submitted yet

    await page.getByTestId('provincial-draw').click();
    await page.getByText('本次抽取 6 人次').waitFor(WAIT);
    await page.getByTestId('provincial-pending').getByText('6').waitFor(WAIT);
    expect(await progressText(page)).toMatch(/已提交 0 待评审 6 已谢绝 0 已过期 0/);
    const drawn: { email: string; round_province: string }[] = await b.portal.ds.query(
      `SELECT u.email, r.round_province FROM review_assignment r JOIN app_user u ON u.id = r.expert_id
        WHERE r.call_id = $1`,
      [callId],
    );
    expect(drawn).toHaveLength(6);
    for (const r of drawn)
      expect(r).toMatchObject({ email: expect.stringMatching(/^js-expert/), round_province: '32' });

    // the experts score 江苏精品动画3号 above 1号; nobody reviews 2号
    const programs = await b.portal.http().get('/api/programs');
    const rubric: { key: string; max: number }[] = programs.body.find(
      (x: { code: string }) => x.code === 'jingpin',
    ).rubric;
    const scoreOf = new Map([
      [apps[0].id, 6],
      [apps[2].id, 9],
    ]);
    for (const token of experts) {
      const list = await b.portal.http().get('/api/reviews?status=pending&pageSize=100').set(auth(token));
      for (const r of list.body.items as { id: string; applicationId: string }[]) {
        const v = scoreOf.get(r.applicationId);
        if (v === undefined) continue;
        const scores = Object.fromEntries(rubric.map((c) => [c.key, Math.min(c.max, v)]));
        const sub = await b.portal
          .http()
          .post(`/api/reviews/${r.id}/submit`)
          .set(auth(token))
          .send({ scores, comment: '评审意见：制作扎实。' });
        expect(sub.status).toBe(200);
      }
    }

    // the card's refresh shows the scores coming in (counts only)
    await page.getByTestId('provincial-refresh').click();
    await page.getByTestId('provincial-submitted').getByText('4').waitFor(WAIT);
    expect(await progressText(page)).toMatch(/已提交 4 待评审 2 已谢绝 0 已过期 0/);
    expect(await page.getByTestId('provincial-ranking').count()).toBe(0);

    await page.getByTestId('provincial-close').click();
    await page.getByTestId('provincial-close-confirm').click();
    const ranking = page.getByTestId('provincial-ranking');
    await ranking.waitFor(WAIT);
    const rows = ranking.locator('tbody tr.ant-table-row');
    await rows.nth(2).waitFor(WAIT);
    const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).map((x) => x.trim());
    expect((await cells(0)).slice(0, 3)).toEqual(['1', apps[2].number, apps[2].title]);
    expect((await cells(1)).slice(0, 3)).toEqual(['2', apps[0].number, apps[0].title]);
    expect((await cells(2)).slice(0, 3)).toEqual(['—', apps[1].number, apps[1].title]); // no review: unranked
    expect(await progressText(page)).toMatch(/已提交 4 待评审 0 已谢绝 0 已过期 2/);

    await page.getByTestId('provincial-use-ranking').click();
    const counter = page.getByTestId('quota-counter');
    await counter.getByText('已报送 0 + 本次 2 / 名额 3').waitFor(WAIT);
    const table = page.getByTestId('recommend-table');
    const order = await table
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    expect(order).toEqual([apps[2].id, apps[0].id, apps[1].id]);
    expect(await page.getByTestId(`recommend-note-${apps[2].id}`).inputValue()).toBe('省级专家评审第 1 名');
    expect(await page.getByTestId(`recommend-note-${apps[0].id}`).inputValue()).toBe('省级专家评审第 2 名');
    expect(await page.getByTestId(`recommend-note-${apps[1].id}`).isDisabled()).toBe(true);
    await page.screenshot({ path: 'docs/screenshots/provincial-round.png', fullPage: true });

    await page.getByTestId('recommend-reason').fill('未获省级专家评审，未予推荐');
    await page.getByTestId('recommend-submit').click();
    const list = page.getByTestId('forwarded-list');
    await list.getByText(`1. ${apps[2].title}`).waitFor(WAIT);
    await list.getByText(`2. ${apps[0].title}`).waitFor(WAIT);
    // nothing is left to order: the ranking button has nothing to put in
    await page.getByTestId('provincial-use-ranking').click();
    await counter.getByText('已报送 2 + 本次 0 / 名额 3').waitFor(WAIT);

    const rowsDb: { id: string; status: string; recommendation_rank: number | null }[] = await b.portal.ds.query(
      `SELECT id, status, recommendation_rank FROM application WHERE call_id = $1`,
      [callId],
    );
    const of = (id: string) => rowsDb.find((r) => r.id === id);
    expect(of(apps[2].id)).toMatchObject({ status: 'forwarded', recommendation_rank: 1 });
    expect(of(apps[0].id)).toMatchObject({ status: 'forwarded', recommendation_rank: 2 });
    expect(of(apps[1].id)).toMatchObject({ status: 'not_recommended', recommendation_rank: null });
  });
});

/*
 * Issue 14, items 3 and 6 through the pages: the expert's home lists the pending review and opens it; the expert
 * profile page pauses availability, declares a conflict with an organization found by name (and removes it) and shows
 * the review history; the applicant's home shows the applications by status and the open call.
 */
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { ADMIN, auth, registerCompany } from '../support/portal';
import { createCall, PASSWORD, submitApplication } from '../e2e/awards-fixtures';

describe('expert profile and home work lists (pages)', () => {
  let b: BrowserPortal;
  let company: Awaited<ReturnType<typeof registerCompany>>;
  let callId: string;
  const expertEmails = ['expert1@eph.test', 'expert2@eph.test'];
  const expertIds: string[] = [];
  const reviewOf: Record<string, string> = {};

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const officerRes = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '项目官员', email: 'officer@eph.test', password: PASSWORD, roles: ['officer'] });
    expect(officerRes.status).toBe(201);
    for (const [i, email] of expertEmails.entries()) {
      const res = await p
        .http()
        .post('/api/users')
        .set(auth(admin))
        .send({
          name: `档案专家${i + 1}`,
          email,
          password: PASSWORD,
          roles: ['expert'],
          expert: {
            fields: ['yuandongli'],
            employerCreditCode: '91110000600037341L',
            regionCode: '110101',
            conflicts: [],
          },
        });
      expect(res.status).toBe(201);
      expertIds.push(res.body.id);
    }
    const officer = await p.login('officer@eph.test', PASSWORD);
    const day = 86_400_000;
    callId = await createCall(p, officer, 'yuandongli', {
      title: '档案测试原动力批次',
      opensAt: new Date(Date.now() - day).toISOString(),
      closesAt: new Date(Date.now() + 10 * day).toISOString(),
    });
    company = await registerCompany(p, 961, { name: '回避测试动画公司' });
    const app = await submitApplication(p, company, callId, 'yuandongli', 1, '档案测试作品');
    const scr = await p
      .http()
      .post(`/api/applications/${app.id}/screening`)
      .set(auth(officer))
      .send({ decision: 'accept', comment: '材料齐全' });
    expect(scr.status).toBe(200);
    const draw = await p.http().post(`/api/calls/${callId}/review-draw`).set(auth(officer)).send({ seed: 1 });
    expect(draw.status).toBe(200);
    const rows = await p.ds.query(`SELECT id, expert_id FROM review_assignment WHERE call_id = $1`, [callId]);
    expect(rows).toHaveLength(2);
    for (const r of rows) reviewOf[r.expert_id] = r.id;
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it("the expert's home lists the pending review and opens it", async () => {
    const page = await logIn(b, expertEmails[0], PASSWORD);
    const card = page.getByTestId('home-card-expert');
    await card.getByTestId('work-pendingReviews').waitFor(WAIT);
    await page.getByTestId('work-count-pendingReviews').getByText('1').waitFor(WAIT);
    const reviewId = reviewOf[expertIds[0]];
    const item = page.getByTestId(`work-item-pendingReviews-${reviewId}`);
    expect(await item.innerText()).toContain('档案测试原动力批次');
    await item.getByRole('link').click();
    await page.waitForURL(`**/reviews/${reviewId}`);
  });

  it('the profile page: availability, a conflict found by name (added, then removed), the review history', async () => {
    const page = await logIn(b, expertEmails[0], PASSWORD);
    await page.getByTestId('menu-expert-profile').click();
    await page.getByTestId('expert-fields').getByText('原动力').waitFor(WAIT);

    // availability
    await page.getByTestId('expert-available').click();
    await page.getByText('暂停：不会被抽取为评审专家').waitFor(WAIT);
    const [prof] = await b.portal.ds.query(`SELECT available FROM expert_profile WHERE user_id = $1`, [expertIds[0]]);
    expect(prof.available).toBe(false);

    // a conflict: search by a part of the name, pick the organization, add with a note
    await page.locator('input#conflict-search').click();
    await page.locator('input#conflict-search').fill('回避测试');
    const option = page.locator('.ant-select-item-option').filter({ hasText: '回避测试动画公司' });
    await option.waitFor(WAIT);
    await option.click();
    await page.getByTestId('conflict-note').fill('曾任该公司顾问');
    await page.getByTestId('conflict-add').click();
    const table = page.getByTestId('conflicts-table');
    await table.getByText('回避测试动画公司').waitFor(WAIT);
    expect(await table.innerText()).toContain(company.creditCode);
    const declared = await b.portal.ds.query(
      `SELECT credit_code, note FROM expert_conflict WHERE expert_id = $1 AND source_review_id IS NULL`,
      [expertIds[0]],
    );
    expect(declared).toEqual([{ credit_code: company.creditCode, note: '曾任该公司顾问' }]);
    // the other expert declared nothing
    expect(await b.portal.ds.query(`SELECT 1 FROM expert_conflict WHERE expert_id = $1`, [expertIds[1]])).toHaveLength(
      0,
    );

    // the history: the one review, pending
    const history = page.getByTestId('history-table');
    await history.getByText('档案测试原动力批次').waitFor(WAIT);
    expect(await history.innerText()).toContain('待评审');

    // remove the conflict
    await page.getByTestId(`conflict-remove-${company.creditCode}`).click();
    await table.getByText('尚未声明回避单位').waitFor(WAIT);
    expect(await b.portal.ds.query(`SELECT 1 FROM expert_conflict WHERE expert_id = $1`, [expertIds[0]])).toHaveLength(
      0,
    );
  });

  it("the applicant's home: applications by status and the open call it applied to", async () => {
    const page = await logIn(b, company.email, company.password);
    const card = page.getByTestId('home-card-applicant');
    await card.getByTestId('work-status-under_review').waitFor(WAIT);
    expect(await card.getByTestId('work-status-under_review').innerText()).toContain('1');
    const call = page.getByTestId(`work-item-openCalls-${callId}`);
    await call.waitFor(WAIT);
    expect(await call.innerText()).toContain('档案测试原动力批次');
    expect(await call.innerText()).toContain('已申报');
    expect(await page.getByTestId('work-count-returned').innerText()).toContain('0');
    await page.getByTestId('work-all-openCalls').click();
    await page.waitForURL('**/calls');
  });
});

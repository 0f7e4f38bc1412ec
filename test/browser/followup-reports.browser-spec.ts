/*
 * Issue 13 through the pages: a grantee files the mid-term report of a 精品工程 award (a call with reportsRequired) on
 * the award page — the form drawn from the program's report schema, the countdown shown — and an officer finds it in
 * the follow-up queue, opens the award and accepts it: instalment 2 becomes due. The award is made through the API
 * (the subject here is the pages).
 */
import { logIn, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { auth } from '../support/portal';
import { PASSWORD, ReviewedApp, reviewedCall, setClock, setupStaff, Staff } from '../e2e/awards-fixtures';

jest.setTimeout(120_000);

describe('reports after the award through the pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let app: ReviewedApp;
  let awardId: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, 'frb');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const made = await reviewedCall(p, staff, 'jingpin', 1, {
      firstCompany: 6201,
      call: { budgetFen: 50_000_000, reportsRequired: true },
    });
    app = made.apps[0];
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    const d = await p
      .http()
      .put(`/api/calls/${made.callId}/decisions/${app.id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '一等', amountFen: 10_000_000, note: '立项' });
    if (d.status !== 200) throw new Error(`decision: ${d.status}`);
    await p.http().post(`/api/calls/${made.callId}/notices`).set(auth(staff.officer)).send({});
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const fin = await p.http().post(`/api/calls/${made.callId}/finalize`).set(auth(staff.officer)).send({});
    if (fin.status !== 200) throw new Error(`finalize: ${fin.status} ${JSON.stringify(fin.body)}`);
    awardId = fin.body.awards[0].id;
    await setClock(p, staff.admin, '2026-09-20T10:00:00+08:00'); // 20 days before the mid-term is due
  }, 240_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the grantee files the mid-term report; the officer accepts it from the queue', async () => {
    const g = await logIn(b, app.company.email, 'Company#Pass2026');
    await g.goto(`${b.baseUrl}/my/awards/${awardId}`);
    const card = g.getByTestId('report-midterm');
    await card.waitFor(WAIT);
    expect(await card.getByTestId('countdown').textContent()).toContain('还有 20 天');
    await card.getByTestId('report-field-progress').fill('前 12 集已完成制作。');
    await card.getByTestId('add-completedDeliverables').click();
    await card.getByTestId('report-field-completedDeliverables-0-name').fill('第 1–12 集成片');
    await card.getByTestId('add-spending').click();
    await card.getByTestId('report-field-spending-0-costLine').fill('制作费');
    await card.getByTestId('report-field-spending-0-amountFen').fill('40000');
    await card.getByTestId('report-submit-midterm').click();
    await card.getByTestId('report-status-midterm').getByText('待审核').waitFor(WAIT);
    const [row] = await b.portal.ds.query(
      `SELECT status, payload FROM award_report WHERE award_id = $1 AND kind = 'midterm'`,
      [awardId],
    );
    expect(row.status).toBe('submitted');
    expect(row.payload.spending).toEqual([{ costLine: '制作费', amountFen: 4_000_000 }]);

    const o = await logIn(b, `officer@frb.test`, PASSWORD);
    await o.goto(`${b.baseUrl}/officer/followup`);
    await o.getByRole('tab', { name: '待审报告' }).click();
    const queue = o.getByTestId('reports-queue');
    await queue.getByText(app.number).waitFor(WAIT);
    await queue.locator('[data-testid^="open-report-"]').first().click();
    const oc = o.getByTestId('report-midterm');
    await oc.waitFor(WAIT);
    await oc.getByTestId('report-payload').getByText('前 12 集已完成制作。').waitFor(WAIT);
    await oc.getByTestId('report-accept-midterm').click();
    await o.getByTestId('report-decide-note').fill('进度符合任务书');
    // the answer of the accept call itself, so a failure names its cause (a click that sent nothing times out here)
    const accepted = o.waitForResponse(
      (r) => r.url().includes(`/api/reports/`) && r.url().endsWith('/accept') && r.request().method() === 'POST',
      WAIT,
    );
    await o.getByTestId('report-decide-ok').click();
    const answer = await accepted;
    expect({ status: answer.status(), body: answer.ok() ? null : await answer.text() }).toEqual({
      status: 200,
      body: null,
    });
    await o.getByTestId('report-decide-note').waitFor({ ...WAIT, state: 'detached' });
    await oc.getByTestId('report-status-midterm').getByText('已通过').waitFor(WAIT);
    const [inst] = await b.portal.ds.query(
      `SELECT status, to_char(due_on, 'YYYY-MM-DD') AS due FROM instalment WHERE award_id = $1 AND instalment_no = 2`,
      [awardId],
    );
    expect(inst).toEqual({ status: 'planned', due: '2026-09-20' });
  });
});

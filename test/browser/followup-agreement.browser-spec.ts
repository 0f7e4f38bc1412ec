/*
 * 签约 through the pages (issue 13): on a 精品工程 call that requires agreements, the grantee opens the award's page,
 * reads the task agreement and accepts it with a confirmation; the officer countersigns it in the follow-up queue
 * ("待会签任务书"), after which the award's instalments are no longer held. The call is taken to finalize through the
 * API (the pages of review and decisions have their own specs).
 */
import { logIn, startBrowserPortal, BrowserPortal, WAIT } from '../support/browser';
import { auth } from '../support/portal';
import { PASSWORD, reviewedCall, ReviewedApp, setClock, setupStaff, Staff } from '../e2e/awards-fixtures';

const TAG = 'agb';

describe('task agreement through the pages', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let app: ReviewedApp;
  let awardId: string;

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, TAG);
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const { callId, apps } = await reviewedCall(p, staff, 'jingpin', 1, {
      firstCompany: 6301,
      call: { agreementRequired: true },
      titles: ['页面签约动画'],
    });
    app = apps[0];
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    const d = await p
      .http()
      .put(`/api/calls/${callId}/decisions/${app.id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '一等', amountFen: 30_000_000, note: '立项' });
    if (d.status !== 200) throw new Error(`decision: ${d.status} ${JSON.stringify(d.body)}`);
    const n = await p.http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    if (n.status !== 201) throw new Error(`notice: ${n.status} ${JSON.stringify(n.body)}`);
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const f = await p.http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    if (f.status !== 200) throw new Error(`finalize: ${f.status} ${JSON.stringify(f.body)}`);
    awardId = f.body.awards[0].id;
  }, 180_000);
  afterAll(async () => {
    await b?.close();
  });

  const instalments = async () =>
    (await b.portal.http().get(`/api/payments?awardId=${awardId}`).set(auth(staff.financeA))).body.items.map(
      (i: { status: string }) => i.status,
    );

  it('the grantee reads the agreement on the award page and accepts it with a confirmation', async () => {
    const page = await logIn(b, app.company.email, 'Company#Pass2026');
    await page.goto(`${b.baseUrl}/my/awards/${awardId}`);
    const panel = page.getByTestId('agreement-panel');
    await panel.getByTestId('agreement-status-issued').waitFor(WAIT);
    expect(await panel.getByTestId('agreement-title').textContent()).toBe('页面签约动画');
    expect(await panel.getByTestId('agreement-plan-end').textContent()).toBe('2028-04-10');
    await panel.getByText('待任务书会签').first().waitFor(WAIT);
    await panel.getByTestId('agreement-accept').click();
    await page.getByTestId('agreement-accept-confirm').click();
    await panel.getByTestId('agreement-status-accepted').waitFor(WAIT);
    expect(await panel.getByTestId('agreement-accepted').textContent()).toContain('联系人6301');
    expect(await instalments()).toEqual(['held', 'held', 'held']);
  });

  it('the officer countersigns it in the queue: the instalments are released', async () => {
    const page = await logIn(b, `officer@${TAG}.test`, PASSWORD);
    await page.goto(`${b.baseUrl}/officer/followup`);
    const queue = page.getByTestId('agreements-queue');
    await queue.getByText('页面签约动画').waitFor(WAIT);
    await queue.getByTestId(`queue-countersign-${awardId}`).click();
    await page.getByTestId(`queue-countersign-confirm-${awardId}`).click();
    await page.getByText('已会签').first().waitFor(WAIT);
    await queue.getByText('页面签约动画').waitFor({ state: 'detached', ...WAIT });
    expect(await instalments()).toEqual(['planned', 'planned', 'planned']);
    await page.goto(`${b.baseUrl}/officer/awards/${awardId}`);
    await page.getByTestId('agreement-status-countersigned').waitFor(WAIT);
  });

  it('the grantee requests a title change on the page; the officer approves it in the changes queue', async () => {
    const page = await logIn(b, app.company.email, 'Company#Pass2026');
    await page.goto(`${b.baseUrl}/my/awards/${awardId}`);
    const panel = page.getByTestId('changes-panel');
    await panel.getByTestId('change-form').waitFor(WAIT);
    await panel.getByTestId('change-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '项目名称' }).click();
    await panel.getByTestId('change-title').fill('页面签约动画·续');
    await panel.getByTestId('change-reason').fill('与已播作品重名。');
    await panel.getByTestId('change-submit').click();
    await panel.getByTestId('changes-table').getByText('待审核').waitFor(WAIT);

    const officer = await logIn(b, `officer@${TAG}.test`, PASSWORD);
    await officer.goto(`${b.baseUrl}/officer/followup`);
    await officer.getByRole('tab', { name: '变更申请' }).click();
    const queue = officer.getByTestId('changes-queue');
    await queue.getByText('“页面签约动画·续”').waitFor(WAIT);
    await queue.locator('[data-testid^="queue-approve-"]').first().click();
    await officer.getByTestId('change-decision-confirm').click();
    await queue.getByText('“页面签约动画·续”').waitFor({ state: 'detached', ...WAIT });
    await officer.goto(`${b.baseUrl}/officer/awards/${awardId}`);
    const title = officer.getByTestId('agreement-panel').getByTestId('agreement-title');
    await title.getByText('页面签约动画·续').waitFor(WAIT);
  });
});

/*
 * Issue 12, the provincial stage through the page /officer/calls/:callId/province. Set-up through the API: a 精品工程
 * call with a recommendation stage (quota 2 for 江苏, 1 for 广西), three 江苏 companies and one 广西 company submit.
 * (a) The 江苏 officer passes the 初审 of each of the three on the page, ticks all three for recommendation — the quota
 * counter turns red and forwarding is refused — then forwards two in the order chosen, each with a note; the third ends
 * not recommended. (b) The national officer's view of the same page: the counts by province, and the call's
 * applications narrowed to one province — only what was forwarded.
 */
import { Page } from 'playwright-core';
import { AccountStatusCache } from '../../libs/identity/src/users/account-status';
import { BrowserPortal, logIn, startBrowserPortal, WAIT } from '../support/browser';
import { auth, registerCompany } from '../support/portal';
import { createCall, PASSWORD, PROGRAM_CASES, setClock, setupStaff, Staff } from '../e2e/awards-fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const JS_OFFICER = 'officer-js@pb.test';

describe('the provincial stage through the page', () => {
  let b: BrowserPortal;
  let staff: Staff;
  let callId: string;
  const jsApps: { id: string; title: string }[] = [];
  let gxApp: { id: string; title: string };

  /** create → attachments → submit, by the company. */
  async function submitted(token: string, i: number, title: string): Promise<{ id: string; title: string }> {
    const p = b.portal;
    const spec = PROGRAM_CASES.jingpin;
    const created = await p
      .http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(token))
      .send({ title, track: spec.track, payload: spec.payload(i) });
    expect(created.status).toBe(201);
    for (const kind of spec.kinds)
      expect(
        (
          await p
            .http()
            .post(`/api/applications/${created.body.id}/attachments`)
            .set(auth(token))
            .field('kind', kind)
            .attach('file', PDF, { filename: `${kind}.pdf`, contentType: 'application/pdf' })
        ).status,
      ).toBe(201);
    const sub = await p.http().post(`/api/applications/${created.body.id}/submit`).set(auth(token)).send({});
    expect(sub.body.status).toBe('submitted');
    return { id: created.body.id, title };
  }

  /** The cells of one row of the counts by province. */
  async function countsRow(page: Page, code: string): Promise<string[]> {
    const row = page.getByTestId('province-counts').locator(`tr[data-row-key="${code}"]`);
    await row.waitFor(WAIT);
    return (await row.locator('td').allInnerTexts()).map((x) => x.trim());
  }

  beforeAll(async () => {
    b = await startBrowserPortal();
    const p = b.portal;
    staff = await setupStaff(p, 'pb');
    const made = await p
      .http()
      .post('/api/users')
      .set(auth(staff.admin))
      .send({ name: '江苏审核员', email: JS_OFFICER, password: PASSWORD, roles: ['officer'] });
    expect(made.status).toBe(201);
    await p.ds.query(`UPDATE app_user SET agency_id = (SELECT id FROM agency WHERE code = 'prov-32') WHERE id = $1`, [
      made.body.id,
    ]);
    p.app.get(AccountStatusCache).invalidate(made.body.id);
    await setClock(p, staff.admin, '2026-03-10T10:00:00+08:00');
    callId = await createCall(p, staff.officer, 'jingpin', {
      provincialStage: 'recommend',
      provincialQuota: { default: 2, byProvince: { '45': 1 } },
      // far ahead: the page compares the deadline with the browser's own clock, not the staging clock
      provincialClosesAt: '2030-06-30T17:00:00+08:00',
    });
    for (let i = 1; i <= 3; i++) {
      const c = await registerCompany(p, 5400 + i, { region: '320102', name: `苏州动画${i}号有限公司` });
      jsApps.push(await submitted(c.token, i, `江苏精品${i}号`));
    }
    const gx = await registerCompany(p, 5409, { region: '450102', name: '柳州动画有限公司' });
    gxApp = await submitted(gx.token, 9, '广西精品');
  }, 180_000);
  afterAll(async () => {
    await b?.close();
  });

  it('(a) a 江苏 officer passes the 初审 and forwards within the quota; over the quota is refused', async () => {
    const page = await logIn(b, JS_OFFICER, PASSWORD);
    await page.goto(`${b.baseUrl}/officer/calls/${callId}/province`);
    // one province: the officer's own, with its quota
    expect(await countsRow(page, '32')).toEqual(['江苏（32）', '3', '0', '0', '0', '2']);
    await expect(page.getByTestId('province-counts').locator('tr[data-row-key="45"]').count()).resolves.toBe(0);

    const queue = page.getByTestId('provincial-queue');
    await queue.waitFor(WAIT);
    expect(await queue.getByText('广西精品').count()).toBe(0);
    for (const a of jsApps) {
      await page.getByTestId(`provincial-pass-${a.id}`).click();
      await page.getByTestId('provincial-opinion').fill('初审意见：材料完整，数据逻辑一致，同意推荐。');
      await page.getByTestId('provincial-check-ok').click();
      await page.getByTestId(`provincial-pass-${a.id}`).waitFor({ ...WAIT, state: 'detached' });
    }
    expect(await countsRow(page, '32')).toEqual(['江苏（32）', '3', '3', '0', '0', '2']);

    // the order of recommendation: 3 first, then 1; ticking 2 as well goes over the quota
    const table = page.getByTestId('recommend-table');
    await table.waitFor(WAIT);
    const tick = (id: string) => table.locator(`tr[data-row-key="${id}"] .ant-checkbox-wrapper`).click();
    const counter = page.getByTestId('quota-counter');
    await tick(jsApps[2].id);
    await tick(jsApps[0].id);
    await counter.getByText('已报送 0 + 本次 2 / 名额 2').waitFor(WAIT);
    await tick(jsApps[1].id);
    await counter.getByText('已报送 0 + 本次 3 / 名额 2').waitFor(WAIT);
    await page.getByTestId(`recommend-note-${jsApps[0].id}`).fill('推荐');
    await page.getByTestId(`recommend-note-${jsApps[1].id}`).fill('推荐');
    await page.getByTestId(`recommend-note-${jsApps[2].id}`).fill('推荐');
    expect(await counter.getAttribute('class')).toMatch(/error/);
    expect(await page.getByTestId('recommend-submit').isDisabled()).toBe(true);

    await tick(jsApps[1].id);
    await counter.getByText('已报送 0 + 本次 2 / 名额 2').waitFor(WAIT);
    await page.getByTestId(`recommend-note-${jsApps[2].id}`).fill('题材新颖，制作精良，推荐第一');
    await page.getByTestId(`recommend-note-${jsApps[0].id}`).fill('制作扎实，推荐第二');
    await page.getByTestId('recommend-reason').fill('名额所限，未予推荐');
    expect(await page.getByTestId('recommend-submit').isDisabled()).toBe(false);
    await page.getByTestId('recommend-submit').click();

    const list = page.getByTestId('forwarded-list');
    await list.getByText(`1. ${jsApps[2].title}`).waitFor(WAIT);
    await list.getByText(`2. ${jsApps[0].title}`).waitFor(WAIT);
    expect(await countsRow(page, '32')).toEqual(['江苏（32）', '3', '3', '2', '1', '2']);
    await page.screenshot({ path: 'docs/screenshots/provincial-recommend.png', fullPage: true });

    const rows: { id: string; status: string; recommendation_rank: number | null }[] = await b.portal.ds.query(
      `SELECT id, status, recommendation_rank FROM application WHERE call_id = $1 ORDER BY recommendation_rank NULLS LAST`,
      [callId],
    );
    const of = (id: string) => rows.find((r) => r.id === id);
    expect(of(jsApps[2].id)).toMatchObject({ status: 'forwarded', recommendation_rank: 1 });
    expect(of(jsApps[0].id)).toMatchObject({ status: 'forwarded', recommendation_rank: 2 });
    expect(of(jsApps[1].id)).toMatchObject({ status: 'not_recommended', recommendation_rank: null });
    expect(of(gxApp.id)?.status).toBe('submitted');
  });

  it('(b) the national officer sees the counts by province and, per province, only what was forwarded', async () => {
    const page = await logIn(b, 'officer@pb.test', PASSWORD);
    await page.goto(`${b.baseUrl}/officer/calls/${callId}/province`);
    expect(await countsRow(page, '32')).toEqual(['江苏（32）', '3', '3', '2', '1', '2']);
    expect(await countsRow(page, '45')).toEqual(['广西（45）', '1', '0', '0', '0', '1']);
    // the national office neither checks nor recommends
    expect(await page.getByTestId('provincial-queue').count()).toBe(0);

    const apps = page.getByTestId('call-applications');
    await apps.getByText(jsApps[2].title).waitFor(WAIT);
    await page.getByTestId('province-row-32').click();
    await apps.getByText(jsApps[0].title).waitFor(WAIT);
    expect(await apps.getByText(jsApps[1].title).count()).toBe(0); // not recommended: stays with the province
    expect(await apps.getByText(gxApp.title).count()).toBe(0);
    expect(await apps.locator('tbody tr.ant-table-row').count()).toBe(2);

    await page.getByTestId('province-row-45').click();
    await apps.locator('.ant-empty').waitFor(WAIT); // 广西 forwarded nothing yet
    await page.screenshot({ path: 'docs/screenshots/provincial-national-view.png', fullPage: true });
  });
});

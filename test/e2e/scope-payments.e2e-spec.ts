/*
 * Issue 12, item 2 (payments and experts), through the HTTP API: officers of 江苏 (32) and 广西 (45) and a national
 * officer, a 推广计划 call (no provincial stage) awarding one company of each province. Each provincial officer lists
 * and reads only the instalments and ledgers of their own province's awards and accepts only their milestones (404 for
 * the other's, exactly as another organization's money); finance and the national officer see both. The expert pool:
 * a provincial officer sees the experts registered with their province.
 */
import { AccountStatusCache } from '../../libs/identity/src/users/account-status';
import { auth, registerCompany, TestPortal, startPortal } from '../support/portal';
import {
  applyAndAccept,
  Company,
  createCall,
  PASSWORD,
  ReviewedApp,
  reviewAndClose,
  setClock,
  setupStaff,
  Staff,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('officers of two provinces: payments, ledgers, milestones, experts (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let js: string; // 江苏 officer
  let gx: string; // 广西 officer
  let callId: string;
  let jsApp: ReviewedApp;
  let gxApp: ReviewedApp;
  const awardOf: Record<string, string> = {};
  const http = () => p.http();

  /** An officer of the provincial agency `code` (POST /api/users, then the agency set directly). */
  async function provincialOfficer(tag: string, code: string): Promise<string> {
    const email = `officer@${tag}.test`;
    const made = await http()
      .post('/api/users')
      .set(auth(staff.admin))
      .send({ name: `${tag} 审核员`, email, password: PASSWORD, roles: ['officer'] });
    expect(made.status).toBe(201);
    await p.ds.query(`UPDATE app_user SET agency_id = (SELECT id FROM agency WHERE code = $2) WHERE id = $1`, [
      made.body.id,
      code,
    ]);
    p.app.get(AccountStatusCache).invalidate(made.body.id);
    return p.login(email, PASSWORD);
  }

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'sp');
    js = await provincialOfficer('pjs', 'prov-32');
    gx = await provincialOfficer('pgx', 'prov-45');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    callId = await createCall(p, staff.officer, 'tuiguang', { budgetFen: 30_000_000, requestSharePercent: 50 });
    const jsCo = (await registerCompany(p, 5301, { region: '320102', name: '南京推广动画有限公司' })) as Company;
    const gxCo = (await registerCompany(p, 5302, { region: '450102', name: '南宁推广动画有限公司' })) as Company;
    jsApp = await applyAndAccept(p, staff.officer, jsCo, callId, 'tuiguang', 1, '江苏推广项目');
    gxApp = await applyAndAccept(p, staff.officer, gxCo, callId, 'tuiguang', 2, '广西推广项目');
    await reviewAndClose(p, staff, callId, 'tuiguang', [jsApp, gxApp]);
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    for (const [a, amountFen] of [
      [jsApp, 15_000_000],
      [gxApp, 10_000_000],
    ] as const) {
      const d = await http()
        .put(`/api/calls/${callId}/decisions/${a.id}`)
        .set(auth(staff.officer))
        .send({ outcome: 'award', amountFen, note: '展会推广' });
      expect(d.status).toBe(200);
    }
    expect((await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({})).status).toBe(201);
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const fin = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    for (const a of fin.body.awards) awardOf[a.applicationId] = a.id;
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('GET /api/payments: each province lists only its own awards’ instalments; finance and the nation see both', async () => {
    const ids = async (token: string) =>
      (await http().get(`/api/payments?callId=${callId}&pageSize=100`).set(auth(token))).body.items.map(
        (i: any) => i.applicationId,
      );
    expect(await ids(js)).toEqual([jsApp.id]);
    expect(await ids(gx)).toEqual([gxApp.id]);
    expect(new Set(await ids(staff.officer))).toEqual(new Set([jsApp.id, gxApp.id]));
    expect(new Set(await ids(staff.financeA))).toEqual(new Set([jsApp.id, gxApp.id]));
    const total = await http().get(`/api/payments?callId=${callId}`).set(auth(js));
    expect(total.body.total).toBe(1);
  });

  it('GET /api/payments/:id and the award’s ledger: 404 for another province, 200 for its own', async () => {
    const all = (await http().get(`/api/payments?callId=${callId}`).set(auth(staff.financeA))).body.items;
    const gxInstalment = all.find((i: any) => i.applicationId === gxApp.id);
    const jsInstalment = all.find((i: any) => i.applicationId === jsApp.id);
    expect((await http().get(`/api/payments/${gxInstalment.id}`).set(auth(js))).status).toBe(404);
    expect((await http().get(`/api/payments/${jsInstalment.id}`).set(auth(js))).status).toBe(200);
    expect((await http().get(`/api/payments/${gxInstalment.id}`).set(auth(gx))).status).toBe(200);
    expect((await http().get(`/api/payments/${gxInstalment.id}`).set(auth(staff.officer))).status).toBe(200);

    const gxLedger = await http().get(`/api/awards/${awardOf[gxApp.id]}/ledger`).set(auth(js));
    expect(gxLedger.status).toBe(404);
    expect(gxLedger.body.code).toBe('AWARD.NOT_FOUND');
    expect((await http().get(`/api/awards/${awardOf[jsApp.id]}/ledger`).set(auth(js))).status).toBe(200);
    expect((await http().get(`/api/awards/${awardOf[gxApp.id]}/ledger`).set(auth(staff.financeA))).status).toBe(200);
  });

  it('POST /api/awards/:id/milestones/:n/accept: another province’s award is 404 and nothing moves; its own is accepted', async () => {
    const other = await http()
      .post(`/api/awards/${awardOf[gxApp.id]}/milestones/1/accept`)
      .set(auth(js))
      .send({ note: '支出凭证已审核' });
    expect(other.status).toBe(404);
    const untouched = (await http().get(`/api/payments?awardId=${awardOf[gxApp.id]}`).set(auth(staff.financeA))).body
      .items[0];
    expect(untouched.dueOn).toBeNull();

    const own = await http()
      .post(`/api/awards/${awardOf[gxApp.id]}/milestones/1/accept`)
      .set(auth(gx))
      .send({ note: '支出凭证已审核' });
    expect(own.status).toBe(200);
    expect(own.body.dueOn).toBe('2026-04-10');
  });

  it('GET /api/experts: a provincial officer sees the experts registered with their province; the nation sees all', async () => {
    const made = await http()
      .post('/api/users')
      .set(auth(staff.admin))
      .send({
        name: '江苏专家',
        email: 'expert-js@sp.test',
        password: PASSWORD,
        roles: ['expert'],
        expert: { fields: ['tuiguang'], employerCreditCode: '91110000600037341L', regionCode: '320102', conflicts: [] },
      });
    expect(made.status).toBe(201);
    const jsPool = await http().get('/api/experts?pageSize=100').set(auth(js));
    expect(jsPool.status).toBe(200);
    expect(jsPool.body.items.map((e: any) => [e.email, e.provinceCode])).toEqual([['expert-js@sp.test', '32']]);
    expect(jsPool.body.total).toBe(1);
    const gxPool = await http().get(`/api/experts?callId=${callId}`).set(auth(gx));
    expect(gxPool.status).toBe(200);
    expect(gxPool.body.total).toBe(0);
    const national = await http().get('/api/experts?pageSize=100').set(auth(staff.officer));
    expect(national.body.total).toBe(4);
  });
});

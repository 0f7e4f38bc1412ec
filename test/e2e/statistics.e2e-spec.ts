/*
 * Issue 14, item 8: the statistics of the public information platform and the officers' dashboards, checked against
 * facts made here. Applications of a 认定 call submitted through the API by companies of 江苏 (32) and 广西 (45) —
 * accepted, rejected, one left a draft —, and 5 精品 awards in 北京 (11) written straight into the database (as the
 * finance specs do): 3 of 5,000.00 yuan paid through a batch and the bank's return, one of them then revoked, 2 of
 * 3,000.00 yuan planned only. The summary is recomputed by the admin's "refresh now"; the public reads it without a
 * login, as JSON and CSV; a provincial officer sees their province only. Also the public index of notices.
 */
import { seedAwards } from '../fake-bank/seed-awards';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  Company,
  createCall,
  provincialOfficer,
  screenAccept,
  setClock,
  setupStaff,
  Staff,
  submitApplication,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('statistics (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let js: string; // 江苏 officer
  let paid: { callId: string; awardIds: string[]; instalmentIds: string[] };
  let planned: { callId: string };
  const http = () => p.http();
  const row = (rows: any[], key: string) => rows.find((r) => r.key === key);

  beforeAll(async () => {
    p = await startPortal({ worker: false, env: { PAYMENT_RAIL: 'bank-file' } });
    staff = await setupStaff(p, 'st');
    js = await provincialOfficer(p, staff.admin, 'officer@js-st.test', '32');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const rendingCall = await createCall(p, staff.officer, 'rending', { budgetFen: 0 });
    const jsCo = (await registerCompany(p, 6101, { region: '320102', name: '南京统计动画有限公司' })) as Company;
    const gxCo = (await registerCompany(p, 6102, { region: '450102', name: '南宁统计动画有限公司' })) as Company;
    const gxCo2 = (await registerCompany(p, 6103, { region: '450103', name: '南宁第二动画有限公司' })) as Company;
    const a1 = await submitApplication(p, jsCo, rendingCall, 'rending', 1, '江苏认定申请');
    await screenAccept(p, staff.officer, a1.id);
    const a2 = await submitApplication(p, gxCo, rendingCall, 'rending', 2, '广西认定申请');
    await screenAccept(p, staff.officer, a2.id);
    const a3 = await submitApplication(p, gxCo2, rendingCall, 'rending', 3, '广西被驳回的申请');
    const rej = await http()
      .post(`/api/applications/${a3.id}/screening`)
      .set(auth(staff.officer))
      .send({ decision: 'reject', comment: '不符合申报条件' });
    expect(rej.status).toBe(200);
    // a draft is not an application yet
    const draft = await http()
      .post(`/api/calls/${rendingCall}/applications`)
      .set(auth(jsCo.token))
      .send({ title: '草稿', track: 'enterprise', payload: {} });
    expect(draft.status).toBe(201);

    paid = await seedAwards(p.ds, { count: 3, tag: 'stpaid', amountFen: 500_000, dueOn: '2026-03-01' });
    planned = await seedAwards(p.ds, { count: 2, tag: 'stplan', amountFen: 300_000, dueOn: '2026-03-01' });
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: paid.callId, instalmentNo: 1 })
      .expect(201);
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
    expect((await http().get(`/api/payment-batches/${batch.body.id}/bank-file`).set(auth(staff.financeA))).status).toBe(
      200,
    );
    const lines = paid.instalmentIds.map((id, i) => `${id},PAID,BK-${i + 1},`);
    const ret = await http()
      .post(`/api/payment-batches/${batch.body.id}/bank-return`)
      .set(auth(staff.financeA))
      .attach('file', Buffer.from(`instalmentId,status,reference,reason\r\n${lines.join('\r\n')}\r\n`), {
        filename: 'return.csv',
        contentType: 'text/csv',
      });
    expect(ret.body).toMatchObject({ paid: 3, failed: 0 });
    // revoked after payment: no longer an award, its money is being recovered (not paid)
    await http()
      .post(`/api/awards/${paid.awardIds[0]}/revoke`)
      .set(auth(staff.officer))
      .send({ reason: '虚报材料，撤销并追回资金' })
      .expect(200);
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('before the first refresh the public sees an empty summary with no date; only an admin refreshes', async () => {
    const before = await http().get('/api/public/statistics');
    expect(before.status).toBe(200);
    expect(before.body.refreshedAt).toBeNull();
    expect(before.body.totals).toMatchObject({ applications: 0, awards: 0, committedFen: 0, paidFen: 0 });
    expect((await http().post('/api/statistics/refresh')).status).toBe(401);
    expect((await http().post('/api/statistics/refresh').set(auth(staff.officer))).status).toBe(403);
    const done = await http().post('/api/statistics/refresh').set(auth(staff.admin));
    expect(done.status).toBe(200);
    // cells: 认定 2026 × {32, 45}, 精品 2026 × {11}
    expect(done.body.cells).toBe(3);
    expect(await p.ds.query(`SELECT count(*)::int AS n FROM stats_cell`)).toEqual([{ n: 3 }]);
  });

  it('the public dashboard (no login): totals and breakdowns by program, province and year match the facts', async () => {
    const res = await http().get('/api/public/statistics');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=30');
    expect(res.body.refreshedAt).toEqual(expect.any(String));
    expect(res.body.scope).toBeNull();
    // 3 submitted 认定 applications (the draft does not count) + 5 seeded 精品 ones
    expect(res.body.totals).toEqual({
      applications: 8,
      accepted: 7,
      awards: 4,
      passRate: 0.5,
      committedFen: 2 * 500_000 + 2 * 300_000,
      paidFen: 2 * 500_000,
    });
    expect(row(res.body.byProgram, 'jingpin')).toMatchObject({
      name: { zh: expect.any(String), en: expect.any(String) },
      applications: 5,
      accepted: 5,
      awards: 4,
      passRate: 0.8,
      committedFen: 1_600_000,
      paidFen: 1_000_000,
    });
    expect(row(res.body.byProgram, 'rending')).toMatchObject({ applications: 3, accepted: 2, awards: 0, passRate: 0 });
    expect(res.body.byProvince.map((r: any) => r.key)).toEqual(['11', '32', '45']);
    expect(row(res.body.byProvince, '32')).toMatchObject({ name: { zh: '江苏', en: 'Jiangsu' }, applications: 1 });
    expect(row(res.body.byProvince, '45')).toMatchObject({ applications: 2, accepted: 1 });
    expect(res.body.byYear).toEqual([expect.objectContaining({ key: '2026', applications: 8, awards: 4 })]);

    const rending = await http().get('/api/public/statistics?program=rending');
    expect(rending.body.totals).toMatchObject({ applications: 3, accepted: 2, awards: 0, committedFen: 0 });
    expect(rending.body.byProgram.map((r: any) => r.key)).toEqual(['rending']);
    const gx = await http().get('/api/public/statistics?province=45&year=2026');
    expect(gx.body.totals).toMatchObject({ applications: 2, accepted: 1 });
    expect((await http().get('/api/public/statistics?year=2025')).body.totals.applications).toBe(0);

    expect((await http().get('/api/public/statistics?province=Jiangsu')).status).toBe(400);
    expect((await http().get('/api/public/statistics?year=abc')).status).toBe(400);
  });

  it('the CSV (no login): one line per program × province × year, money in yuan', async () => {
    const res = await http().get('/api/public/statistics.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('applications');
    expect(lines.find((l) => l.startsWith('jingpin,'))).toMatch(/,11,北京,2026,5,5,4,0\.8,16000\.00,10000\.00$/);
    expect(lines.find((l) => l.startsWith('rending,') && l.includes(',45,'))).toMatch(/,2026,2,1,0,0,0\.00,0\.00$/);
    const filtered = await http().get('/api/public/statistics.csv?province=32');
    expect(filtered.text.trim().split(/\r\n/)).toHaveLength(2);
  });

  it('officers: a national officer sees everything, a provincial officer their province only', async () => {
    const national = await http().get('/api/statistics').set(auth(staff.officer));
    expect(national.status).toBe(200);
    expect(national.body.totals.applications).toBe(8);
    const mine = await http().get('/api/statistics').set(auth(js));
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toMatchObject({ provinceCode: '32' });
    expect(mine.body.totals).toMatchObject({ applications: 1, accepted: 1, awards: 0 });
    expect(mine.body.byProvince.map((r: any) => r.key)).toEqual(['32']);
    // asking for another province gives nothing of it
    expect((await http().get('/api/statistics?province=11').set(auth(js))).body.totals.applications).toBe(0);
    const csv = await http().get('/api/statistics/cells.csv').set(auth(js));
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',32,江苏,2026,1,1,0,');
    expect((await http().get('/api/statistics').set(auth(staff.financeA))).status).toBe(403);
    expect((await http().get('/api/statistics')).status).toBe(401);
  });

  it('the public index of notices: open now (ending soonest first) and past ones', async () => {
    const [admin] = await p.ds.query(`SELECT id FROM app_user WHERE email = 'admin@test.portal'`);
    await p.ds.query(
      `INSERT INTO public_notice (call_id, working_days, starts_at, ends_at, published_by)
       VALUES ($1, 5, '2026-02-20T09:00:00+08:00', '2026-03-06T17:00:00+08:00', $3),
              ($2, 5, '2026-01-05T09:00:00+08:00', '2026-01-12T17:00:00+08:00', $3)`,
      [planned.callId, paid.callId, admin.id],
    );
    const open = await http().get('/api/public/notices?state=open');
    expect(open.status).toBe(200);
    expect(open.body.total).toBe(1);
    expect(open.body.items[0]).toMatchObject({ callId: planned.callId, open: true, program: 'jingpin', year: 2026 });
    const past = await http().get('/api/public/notices?state=past');
    expect(past.body.items.map((n: any) => n.callId)).toEqual([paid.callId]);
    expect(past.body.items[0].open).toBe(false);
    expect((await http().get('/api/public/notices')).body.total).toBe(1); // open by default
    expect((await http().get('/api/public/notices?state=soon')).status).toBe(400);
  });
});

describe('statistics (worker)', () => {
  let p: TestPortal;
  beforeAll(async () => {
    p = await startPortal({ worker: true });
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('the worker recomputes the summary when it starts (and then on its schedule)', async () => {
    const until = Date.now() + 30_000;
    let rows: { refreshed_at: Date }[] = [];
    while (Date.now() < until && !rows.length) {
      rows = await p.ds.query(`SELECT refreshed_at FROM stats_refresh WHERE id = 1`);
      if (!rows.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows).toHaveLength(1);
    const res = await p.http().get('/api/public/statistics');
    const [after] = await p.ds.query(`SELECT refreshed_at FROM stats_refresh WHERE id = 1`);
    // the job scheduler's first run may follow the start's at once: the answer is the row as it stood during the call
    const shown = new Date(res.body.refreshedAt).getTime();
    expect(shown).toBeGreaterThanOrEqual(new Date(rows[0].refreshed_at).getTime());
    expect(shown).toBeLessThanOrEqual(new Date(after.refreshed_at).getTime());
  });
});

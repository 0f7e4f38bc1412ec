/*
 * Issue 13, 签约 and 变更 of grants (real Postgres and Redis, the staging clock, the sandbox rail): a 精品工程 call that
 * requires agreements holds every instalment until the grantee accepts the task agreement and an officer countersigns
 * it; then the first instalment is batched, approved and paid. A call without the setting pays as API.md says.
 * Changes: requested, one pending per kind, approved (the agreement's version and plan end move, the PDF's annex lists
 * them) or rejected; a revoked award takes none.
 */
import { createHash } from 'crypto';
import { verifyAuditChain } from '@portal/platform';
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  pdfText,
  provincialOfficer,
  ReviewedApp,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
  waitForPayments,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('followup: task agreements (签约) and changes (变更) of grants', () => {
  let p: TestPortal;
  let staff: Staff;
  let callId: string; // agreementRequired
  let plainCallId: string; // without the setting
  let apps: ReviewedApp[];
  let plainApps: ReviewedApp[];
  let awardA: any; // apps[0]
  let awardB: any; // apps[1]
  let plainAward: any;
  const http = () => p.http();

  async function decideAndPublish(call: string, list: ReviewedApp[], amounts: number[]) {
    for (let i = 0; i < list.length; i++) {
      const res = await http()
        .put(`/api/calls/${call}/decisions/${list[i].id}`)
        .set(auth(staff.officer))
        .send({ outcome: 'award', tier: '一等', amountFen: amounts[i], note: '立项' });
      expect(res.status).toBe(200);
    }
    expect((await http().post(`/api/calls/${call}/notices`).set(auth(staff.officer)).send({})).status).toBe(201);
  }

  async function finalize(call: string): Promise<any[]> {
    const res = await http().post(`/api/calls/${call}/finalize`).set(auth(staff.officer)).send({});
    expect(res.status).toBe(200);
    return res.body.awards;
  }

  const pdf = async (token: string, awardId: string) => {
    const res = await http().get(`/api/awards/${awardId}/agreement.pdf`).set(auth(token)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const sha = createHash('sha256').update(res.body).digest('hex');
    expect(res.headers['x-content-sha256']).toBe(sha);
    return { bytes: res.body as Buffer, sha };
  };

  beforeAll(async () => {
    p = await startPortal({ env: { PAYMENT_RELAY_INTERVAL_MS: '300', PAYMENT_RETRY_DELAY_MS: '100' } });
    staff = await setupStaff(p, 'agr');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'jingpin', 2, {
      firstCompany: 6101,
      call: { agreementRequired: true },
      titles: ['签约动画甲', '签约动画乙'],
    }));
    ({ callId: plainCallId, apps: plainApps } = await reviewedCall(p, staff, 'jingpin', 1, {
      firstCompany: 6201,
      call: { title: '2026 年度精品工程（无签约）' },
    }));
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    await decideAndPublish(callId, apps, [40_000_000, 20_000_000]);
    await decideAndPublish(plainCallId, plainApps, [10_000_000]);
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const awards = await finalize(callId);
    awardA = awards.find((a: any) => a.applicationId === apps[0].id);
    awardB = awards.find((a: any) => a.applicationId === apps[1].id);
    plainAward = (await finalize(plainCallId))[0];
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('holds every instalment of an agreement-required call with the reason `agreement`; nothing is due for a batch', async () => {
    const plan = await http().get(`/api/payments?callId=${callId}&pageSize=100`).set(auth(staff.financeA));
    expect(plan.body.total).toBe(6);
    expect(plan.body.items.every((i: any) => i.status === 'held')).toBe(true);
    expect(plan.body.items.every((i: any) => JSON.stringify(i.holdReasons) === '["agreement"]')).toBe(true);
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(batch.status).toBe(422);
    expect(batch.body.code).toBe('PAYMENT_BATCH.NOTHING_DUE');
  });

  it('a call without the setting pays as API.md says: no agreement, the first instalment planned and batchable', async () => {
    const plan = await http().get(`/api/payments?awardId=${plainAward.id}`).set(auth(staff.financeA));
    expect(plan.body.items.map((i: any) => [i.instalmentNo, i.status, i.holdReasons])).toEqual([
      [1, 'planned', []],
      [2, 'planned', []],
      [3, 'planned', []],
    ]);
    const none = await http().get(`/api/awards/${plainAward.id}/agreement`).set(auth(plainApps[0].company.token));
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('AGREEMENT.NOT_FOUND');
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: plainCallId, instalmentNo: 1 });
    expect(batch.status).toBe(201);
    expect(batch.body.count).toBe(1);
    // nor reports: the milestones stay the officer's (POST /api/awards/:id/milestones/:n/accept)
    const report = await http()
      .put(`/api/awards/${plainAward.id}/reports/midterm`)
      .set(auth(plainApps[0].company.token))
      .send({ payload: {} });
    expect([report.status, report.body.code]).toEqual([409, 'REPORT.NOT_REQUIRED']);
  });

  it('issues the agreement: parties, work, amount, plan with milestones, plan end = award day + 24 months', async () => {
    const res = await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(apps[0].company.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      awardId: awardA.id,
      status: 'issued',
      version: 1,
      applicationNumber: apps[0].number,
      title: '签约动画甲',
      organizationName: apps[0].company.name,
      creditCode: apps[0].company.creditCode,
      agency: { zh: '文化和旅游部' },
      amountFen: 40_000_000,
      awardedOn: '2026-04-10',
      planMonths: 24,
      planEndsOn: '2028-04-10',
      pdfSha256: null,
      acceptedAt: null,
      changes: [],
    });
    expect(res.body.instalments.map((i: any) => [i.instalmentNo, i.amountFen, i.condition.zh, i.status])).toEqual([
      [1, 20_000_000, '首期（立项后）', 'held'],
      [2, 12_000_000, '二期（中期检查通过后）', 'held'],
      [3, 8_000_000, '尾款（结项验收后）', 'held'],
    ]);
    expect(res.body.duties.length).toBeGreaterThan(0);
    expect(res.body.deliverables.length).toBeGreaterThan(0);
    // officers and finance see it; another company does not (404), not even that it exists
    expect((await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(staff.officer))).status).toBe(200);
    expect((await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(staff.financeA))).status).toBe(200);
    const other = await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(apps[1].company.token));
    expect(other.status).toBe(404);
    expect((await http().get(`/api/awards/${awardA.id}/agreement.pdf`).set(auth(apps[1].company.token))).status).toBe(
      404,
    );
  });

  it('renders the PDF deterministically with every part of the agreement', async () => {
    const one = await pdf(apps[0].company.token, awardA.id);
    const two = await pdf(staff.officer, awardA.id);
    expect(two.sha).toBe(one.sha);
    const text = (await pdfText(one.bytes)).replace(/\s+/g, '');
    for (const s of [
      '项目任务书',
      '文化和旅游部',
      apps[0].company.name,
      apps[0].company.creditCode,
      apps[0].number,
      '签约动画甲',
      '¥400,000.00',
      '首期（立项后）',
      '二期（中期检查通过后）',
      '尾款（结项验收后）',
      '交付成果',
      '专款专用',
      '撤销与追回',
      '2028年4月10日',
      '变更记录',
    ])
      expect(text).toContain(s.replace(/\s+/g, ''));
  });

  it('refuses to countersign before the grantee accepts (409); a grantee cannot countersign (403)', async () => {
    const early = await http().post(`/api/awards/${awardA.id}/agreement/countersign`).set(auth(staff.officer));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('AGREEMENT.NOT_ACCEPTED');
    expect(
      (await http().post(`/api/awards/${awardA.id}/agreement/countersign`).set(auth(apps[0].company.token))).status,
    ).toBe(403);
    expect(
      (await http().post(`/api/awards/${awardA.id}/agreement/accept`).set(auth(staff.officer)).send({})).status,
    ).toBe(403);
  });

  it('the grantee accepts: name, time, address and the sha256 of the PDF frozen; double accept 409; other company 404', async () => {
    const { sha } = await pdf(apps[0].company.token, awardA.id);
    const stale = await http()
      .post(`/api/awards/${awardA.id}/agreement/accept`)
      .set(auth(apps[0].company.token))
      .send({ version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('AGREEMENT.VERSION_CHANGED');
    expect(
      (
        await http()
          .post(`/api/awards/${awardA.id}/agreement/accept`)
          .set(auth(apps[0].company.token))
          .send({ version: 1, extra: 1 })
      ).status,
    ).toBe(400);
    const otherCo = await http()
      .post(`/api/awards/${awardA.id}/agreement/accept`)
      .set(auth(apps[1].company.token))
      .send({});
    expect(otherCo.status).toBe(404);

    const ok = await http()
      .post(`/api/awards/${awardA.id}/agreement/accept`)
      .set(auth(apps[0].company.token))
      .send({ version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'accepted',
      acceptedByName: '联系人6101',
      acceptedAt: '2026-04-10T01:00:00.000Z',
      acceptedVersion: 1,
      pdfSha256: sha,
    });
    expect(ok.body.acceptedIp).toMatch(/\d|:/);
    const again = await http()
      .post(`/api/awards/${awardA.id}/agreement/accept`)
      .set(auth(apps[0].company.token))
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('AGREEMENT.ALREADY_ACCEPTED');
    // the PDF carries no stamp: the bytes accepted are still the bytes served
    expect((await pdf(apps[0].company.token, awardA.id)).sha).toBe(sha);
    const [audit] = await p.ds.query(
      `SELECT data FROM audit_event WHERE action = 'agreement.accepted' AND entity_id = $1`,
      [ok.body.id],
    );
    expect(audit.data).toMatchObject({ awardId: awardA.id, sha256: sha, version: 1 });
  });

  it("lists accepted agreements for the officer's queue (scoped; not for grantees)", async () => {
    const res = await http().get('/api/agreements?status=accepted').set(auth(staff.officer));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.awardId)).toContain(awardA.id);
    expect(res.body.items.every((i: any) => i.status === 'accepted')).toBe(true);
    const issued = await http().get(`/api/agreements?status=issued&callId=${callId}`).set(auth(staff.officer));
    expect(issued.body.items.map((i: any) => i.awardId)).toEqual([awardB.id]);
    expect((await http().get('/api/agreements').set(auth(apps[0].company.token))).status).toBe(403);
  });

  it('an officer of another province gets 404 for the agreement, its countersign and the changes; the lists leave it out', async () => {
    const js = await provincialOfficer(p, staff.admin, 'officer-32@agr.test', '32'); // the companies are in Beijing (11)
    expect((await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(js))).status).toBe(404);
    expect((await http().get(`/api/awards/${awardA.id}/agreement.pdf`).set(auth(js))).status).toBe(404);
    expect((await http().post(`/api/awards/${awardA.id}/agreement/countersign`).set(auth(js))).status).toBe(404);
    expect((await http().get(`/api/awards/${awardA.id}/changes`).set(auth(js))).status).toBe(404);
    expect((await http().get('/api/agreements?status=accepted').set(auth(js))).body.total).toBe(0);
    const bj = await provincialOfficer(p, staff.admin, 'officer-11@agr.test', '11');
    expect((await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(bj))).status).toBe(200);
  });

  it('the officer countersigns: the hold is released, instalment 1 is batched, approved and paid', async () => {
    const res = await http().post(`/api/awards/${awardA.id}/agreement/countersign`).set(auth(staff.officer));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'countersigned', countersignedByName: '项目官员' });
    expect(res.body.instalments.map((i: any) => [i.status, i.holdReasons])).toEqual([
      ['planned', []],
      ['planned', []],
      ['planned', []],
    ]);
    const told = await waitForMail(p, apps[0].company.email, /任务书已会签/);
    expect(told).toContain('此前因待签约暂停的 3 笔拨款将按拨付计划办理');
    const twice = await http().post(`/api/awards/${awardA.id}/agreement/countersign`).set(auth(staff.officer));
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('AGREEMENT.ALREADY_COUNTERSIGNED');

    const plan = await http().get(`/api/payments?awardId=${awardA.id}`).set(auth(staff.financeA));
    expect(plan.body.items.map((i: any) => [i.instalmentNo, i.status, i.dueOn])).toEqual([
      [1, 'planned', '2026-04-10'],
      [2, 'planned', null],
      [3, 'planned', null],
    ]);
    // B is still held: the batch takes A's first instalment only
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ count: 1, totalFen: 20_000_000 });
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB))).status).toBe(
      200,
    );
    const paid = await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');
    expect(paid.map((i: any) => i.awardId)).toEqual([awardA.id]);
    const heldB = await http().get(`/api/payments?awardId=${awardB.id}`).set(auth(staff.financeA));
    expect(heldB.body.items.every((i: any) => i.status === 'held')).toBe(true);
  });

  let scheduleChangeId: string;
  it('takes a change request; one pending per kind (409); bad proposals 400; other company 404; grantee cannot decide', async () => {
    const url = `/api/awards/${awardA.id}/changes`;
    const body = {
      kind: 'schedule',
      reason: '主创人员调整，制作周期延长半年。',
      proposed: { planEndsOn: '2028-10-31' },
    };
    const res = await http().post(url).set(auth(apps[0].company.token)).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'schedule', status: 'pending', requestedByName: '联系人6101' });
    scheduleChangeId = res.body.id;
    const dup = await http().post(url).set(auth(apps[0].company.token)).send(body);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('CHANGE.PENDING_EXISTS');

    const wrongShape = await http()
      .post(url)
      .set(auth(apps[0].company.token))
      .send({ kind: 'title', reason: 'x', proposed: { text: '新名字' } });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.code).toBe('CHANGE.INVALID_PROPOSAL');
    expect(
      (await http().post(url).set(auth(apps[0].company.token)).send({ kind: 'colour', reason: 'x', proposed: {} }))
        .status,
    ).toBe(400);
    const early = await http()
      .post(url)
      .set(auth(apps[0].company.token))
      .send({ kind: 'schedule', reason: 'x', proposed: { planEndsOn: '2026-01-01' } });
    expect(early.status).toBe(422); // before the award's day
    expect(early.body.code).toBe('CHANGE.SCHEDULE_INVALID');
    expect((await http().post(url).set(auth(apps[1].company.token)).send(body)).status).toBe(404);
    expect((await http().get(url).set(auth(apps[1].company.token))).status).toBe(404);
    expect((await http().post(url).set(auth(staff.officer)).send(body)).status).toBe(403);
    expect(
      (await http().post(`/api/changes/${scheduleChangeId}/approve`).set(auth(apps[0].company.token)).send({})).status,
    ).toBe(403);
  });

  it('the officer approves the schedule change: plan end moved, agreement version 2, the PDF lists the change', async () => {
    const queue = await http().get('/api/changes?status=pending').set(auth(staff.officer));
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((c: any) => [c.id, c.applicationNumber])).toContainEqual([
      scheduleChangeId,
      apps[0].number,
    ]);
    const ok = await http()
      .post(`/api/changes/${scheduleChangeId}/approve`)
      .set(auth(staff.officer))
      .send({ note: '同意延期' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', agreementVersion: 2, decisionNote: '同意延期' });
    const again = await http().post(`/api/changes/${scheduleChangeId}/approve`).set(auth(staff.officer)).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CHANGE.NOT_PENDING');

    const ag = await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(apps[0].company.token));
    expect(ag.body).toMatchObject({
      version: 2,
      planEndsOn: '2028-10-31',
      status: 'countersigned',
      acceptedVersion: 1,
    });
    expect(ag.body.changes.map((c: any) => [c.kind, c.agreementVersion])).toEqual([['schedule', 2]]);
    const text = (await pdfText((await pdf(apps[0].company.token, awardA.id)).bytes)).replace(/\s+/g, '');
    expect(text).toContain('第2版');
    expect(text).toContain('计划完成日期变更为2028-10-31');
    expect(text).toContain('主创人员调整');
    expect(text).toContain('2028年10月31日');

    // the application's dossier carries the agreement and the changes (followup's DOSSIER_SECTIONS)
    const dossier = await http()
      .get(`/api/applications/${apps[0].id}/dossier.pdf`)
      .set(auth(staff.officer))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(dossier.status).toBe(200);
    const file = (await pdfText(dossier.body)).replace(/\s+/g, '');
    expect(file).toContain('项目任务书（签约）');
    expect(file).toContain('已会签');
    expect(file).toContain(ag.body.pdfSha256);
    expect(file).toContain('项目变更');
    expect(file).toContain('计划完成日期改为2028-10-31');
  });

  it('a title change shows on the agreement while the application keeps its title; a rejected change needs a note', async () => {
    const url = `/api/awards/${awardA.id}/changes`;
    const title = await http()
      .post(url)
      .set(auth(apps[0].company.token))
      .send({ kind: 'title', reason: '片名与同档期作品重名。', proposed: { title: '签约动画甲·新篇' } });
    expect(title.status).toBe(201);
    expect((await http().post(`/api/changes/${title.body.id}/approve`).set(auth(staff.officer)).send({})).status).toBe(
      200,
    );
    const budget = await http()
      .post(url)
      .set(auth(apps[0].company.token))
      .send({
        kind: 'budget',
        reason: '后期费用调整。',
        proposed: { lines: [{ item: '后期制作', amountFen: 5_000_000, note: '外包' }] },
      });
    expect(budget.status).toBe(201);
    expect((await http().post(`/api/changes/${budget.body.id}/reject`).set(auth(staff.officer)).send({})).status).toBe(
      400,
    );
    const rej = await http()
      .post(`/api/changes/${budget.body.id}/reject`)
      .set(auth(staff.officer))
      .send({ note: '预算调整超出比例' });
    expect(rej.body).toMatchObject({ status: 'rejected', agreementVersion: null });

    const ag = await http().get(`/api/awards/${awardA.id}/agreement`).set(auth(staff.officer));
    expect(ag.body).toMatchObject({ version: 3, title: '签约动画甲·新篇', originalTitle: '签约动画甲' });
    const app = await http().get(`/api/applications/${apps[0].id}`).set(auth(apps[0].company.token));
    expect(app.body.title).toBe('签约动画甲');
    const list = await http().get(url).set(auth(apps[0].company.token));
    expect(list.body.map((c: any) => [c.kind, c.status])).toEqual([
      ['schedule', 'approved'],
      ['title', 'approved'],
      ['budget', 'rejected'],
    ]);
    const withdrawn = await http()
      .post(url)
      .set(auth(apps[0].company.token))
      .send({ kind: 'team', reason: '编剧更换。', proposed: { text: '编剧由张三改为李四' } });
    const w = await http().post(`/api/changes/${withdrawn.body.id}/withdraw`).set(auth(apps[0].company.token));
    expect(w.body.status).toBe('withdrawn');
    expect(
      (await http().post(`/api/changes/${withdrawn.body.id}/withdraw`).set(auth(apps[1].company.token))).status,
    ).toBe(404);
  });

  it('simultaneous requests of one kind: one is taken, the others 409', async () => {
    const send = () =>
      http()
        .post(`/api/awards/${awardA.id}/changes`)
        .set(auth(apps[0].company.token))
        .send({ kind: 'content', reason: '并发提交', proposed: { text: '增加一集番外' } });
    const res = await Promise.all([send(), send(), send()]);
    expect(res.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const [{ n }] = await p.ds.query(
      `SELECT count(*)::int AS n FROM award_change WHERE award_id = $1 AND kind = 'content' AND status = 'pending'`,
      [awardA.id],
    );
    expect(n).toBe(1);
  });

  it('a revoked award takes no change (409 CHANGE.AWARD_CLOSED) and no acceptance', async () => {
    const pending = await http()
      .post(`/api/awards/${awardB.id}/changes`)
      .set(auth(apps[1].company.token))
      .send({ kind: 'content', reason: '调整', proposed: { text: '增加一集' } });
    expect(pending.status).toBe(201);
    const rv = await http()
      .post(`/api/awards/${awardB.id}/revoke`)
      .set(auth(staff.officer))
      .send({ reason: '核查发现申报材料不实' });
    expect(rv.status).toBe(200);
    const res = await http()
      .post(`/api/awards/${awardB.id}/changes`)
      .set(auth(apps[1].company.token))
      .send({ kind: 'title', reason: '改名', proposed: { title: '新名字' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CHANGE.AWARD_CLOSED');
    const approve = await http().post(`/api/changes/${pending.body.id}/approve`).set(auth(staff.officer)).send({});
    expect(approve.status).toBe(409);
    expect(approve.body.code).toBe('CHANGE.AWARD_CLOSED');
    const accept = await http()
      .post(`/api/awards/${awardB.id}/agreement/accept`)
      .set(auth(apps[1].company.token))
      .send({});
    expect(accept.status).toBe(409);
    expect(accept.body.code).toBe('AGREEMENT.AWARD_REVOKED');
    const queue = await http().get(`/api/agreements?callId=${callId}`).set(auth(staff.officer));
    expect(queue.body.items.map((i: any) => i.awardId)).toEqual([awardA.id]);
  });

  it('wrote an audit event for every act, in the one chain', async () => {
    const rows: { action: string; n: number }[] = await p.ds.query(
      `SELECT action, count(*)::int AS n FROM audit_event
        WHERE action LIKE 'agreement.%' OR action LIKE 'change.%' GROUP BY action ORDER BY action`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toEqual({
      'agreement.accepted': 1,
      'agreement.countersigned': 1,
      'agreement.issued': 2,
      'change.approved': 2,
      'change.rejected': 1,
      'change.requested': 6,
      'change.withdrawn': 1,
    });
    const [cs] = await p.ds.query(`SELECT actor_id, data FROM audit_event WHERE action = 'agreement.countersigned'`);
    expect(cs.data).toMatchObject({ awardId: awardA.id, released: 3 });
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
  });
});

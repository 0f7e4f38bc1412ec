/*
 * Ledgers by program, call and award with totals (issue 14, finance), and a recovery marked recovered with the bank's
 * reference. The money moves through the real routes on the bank-file rail: a batch prepared by finance A, approved
 * by finance B, exported, and the bank's return imported; an award revoked after payment goes to recovery, and
 * finance records the repayment. The totals are checked against these facts and against the ledger table itself.
 */
import { seedAwards } from '../fake-bank/seed-awards';
import { auth, startPortal, TestPortal } from '../support/portal';
import { setupStaff, Staff } from './awards-fixtures';

jest.setTimeout(60_000);

describe('finance ledgers (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  const http = () => p.http();
  let paidCall: { callId: string; awardIds: string[]; instalmentIds: string[] };
  let plannedCall: { callId: string; awardIds: string[]; instalmentIds: string[] };

  beforeAll(async () => {
    p = await startPortal({ worker: false, env: { PAYMENT_RAIL: 'bank-file' } });
    staff = await setupStaff(p, 'fl');
    // 3 awards of 5,000.00 yuan paid (one then revoked and recovered); 2 awards of 3,000.00 yuan only planned
    paidCall = await seedAwards(p.ds, { count: 3, tag: 'flpaid', amountFen: 500_000 });
    plannedCall = await seedAwards(p.ds, { count: 2, tag: 'flplan', amountFen: 300_000 });
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: paidCall.callId, instalmentNo: 1 })
      .expect(201);
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
    const file = await http().get(`/api/payment-batches/${batch.body.id}/bank-file`).set(auth(staff.financeA));
    expect(file.status).toBe(200);
    expect(file.text.split(/\r?\n/).filter((l) => l.includes('付款测试公司'))).toHaveLength(3);
    const lines = paidCall.instalmentIds.map((id, i) => `${id},PAID,BK-${i + 1},`);
    const ret = await http()
      .post(`/api/payment-batches/${batch.body.id}/bank-return`)
      .set(auth(staff.financeA))
      .attach('file', Buffer.from(`instalmentId,status,reference,reason\r\n${lines.join('\r\n')}\r\n`), {
        filename: 'return.csv',
        contentType: 'text/csv',
      });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ paid: 3, failed: 0, pendingFailed: 0 });
    const revoke = await http()
      .post(`/api/awards/${paidCall.awardIds[0]}/revoke`)
      .set(auth(staff.officer))
      .send({ reason: '虚报材料，撤销立项并追回资金' });
    expect(revoke.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('marks a recovering instalment recovered with the bank reference (finance only; twice → 409)', async () => {
    const [{ id }] = await p.ds.query(`SELECT id FROM instalment WHERE award_id = $1`, [paidCall.awardIds[0]]);
    expect((await http().get(`/api/payments/${id}`).set(auth(staff.financeA))).body.status).toBe('recovering');
    expect(
      (await http().post(`/api/payments/${id}/recovered`).set(auth(staff.officer)).send({ bankReference: 'X' })).status,
    ).toBe(403);
    expect(
      (
        await http()
          .post(`/api/payments/${id}/recovered`)
          .set(auth(staff.financeA))
          .send({ bankReference: 'x'.repeat(101) })
      ).status,
    ).toBe(400);
    const ok = await http()
      .post(`/api/payments/${id}/recovered`)
      .set(auth(staff.financeA))
      .send({ bankReference: ' TK-2026-0042 ', note: '单位已退回' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('recovered');
    const again = await http()
      .post(`/api/payments/${id}/recovered`)
      .set(auth(staff.financeB))
      .send({ bankReference: 'TK-2026-0042' });
    expect(again.status).toBe(409);
    const ledger = await http().get(`/api/awards/${paidCall.awardIds[0]}/ledger`).set(auth(staff.financeA));
    const line = ledger.body.entries.find((e: any) => e.kind === 'recovered');
    expect(line.detail).toMatchObject({ bankReference: 'TK-2026-0042', note: '单位已退回' });
    expect(line.amountFen).toBe(500_000);
  });

  it('a call: one row per award, with totals (planned, paid, recovered, balance, still to pay)', async () => {
    const res = await http().get(`/api/ledgers?callId=${paidCall.callId}`).set(auth(staff.financeA));
    expect(res.status).toBe(200);
    expect(res.body.rowsBy).toBe('award');
    expect(res.body.totals).toEqual({
      awards: 3,
      plannedFen: 1_500_000,
      paidFen: 1_500_000,
      recoveredFen: 500_000,
      balanceFen: 1_000_000,
      outstandingRecoveryFen: 0,
      unpaidFen: 0,
    });
    expect(res.body.rows).toHaveLength(3);
    const revoked = res.body.rows.find((r: any) => r.key === paidCall.awardIds[0]);
    expect(revoked).toMatchObject({ paidFen: 500_000, recoveredFen: 500_000, balanceFen: 0 });
    expect(revoked.organizationName).toMatch(/^付款测试公司flpaid-/);
    expect(revoked.label).toMatch(/^JP-Tflpaid-\d{6} 付款测试项目\d$/);
    // the numbers are the ledger's own
    const [sql] = await p.ds.query(
      `SELECT sum(l.amount_fen) FILTER (WHERE l.kind = 'paid')::bigint AS paid, sum(l.amount_fen) FILTER (WHERE l.kind = 'recovered')::bigint AS rec
         FROM payment_ledger l JOIN instalment i ON i.id = l.instalment_id WHERE i.call_id = $1`,
      [paidCall.callId],
    );
    expect([Number(sql.paid), Number(sql.rec)]).toEqual([1_500_000, 500_000]);
  });

  it('a program: one row per call; no filter: one row per program; a year narrows', async () => {
    const prog = await http().get('/api/ledgers?program=jingpin').set(auth(staff.financeB));
    expect(prog.status).toBe(200);
    expect(prog.body.rowsBy).toBe('call');
    expect(prog.body.totals).toMatchObject({
      awards: 5,
      plannedFen: 2_100_000,
      paidFen: 1_500_000,
      recoveredFen: 500_000,
      balanceFen: 1_000_000,
      unpaidFen: 600_000,
    });
    const byCall = Object.fromEntries(prog.body.rows.map((r: any) => [r.key, r]));
    expect(byCall[plannedCall.callId]).toMatchObject({
      awards: 2,
      plannedFen: 600_000,
      paidFen: 0,
      unpaidFen: 600_000,
    });
    expect(byCall[paidCall.callId]).toMatchObject({ awards: 3, plannedFen: 1_500_000, year: 2026 });
    expect(byCall[paidCall.callId].label).toBe('付款测试批次 flpaid');

    const all = await http().get('/api/ledgers').set(auth(staff.financeA));
    expect(all.body.rowsBy).toBe('program');
    expect(all.body.rows.map((r: any) => [r.key, r.awards, r.plannedFen, r.paidFen])).toEqual([
      ['jingpin', 5, 2_100_000, 1_500_000],
    ]);
    expect((await http().get('/api/ledgers?year=2025').set(auth(staff.financeA))).body.totals.awards).toBe(0);
    expect((await http().get('/api/ledgers?program=rending').set(auth(staff.financeA))).body.rows).toEqual([]);
  });

  it('finance only; bad filters 400', async () => {
    expect((await http().get('/api/ledgers').set(auth(staff.officer))).status).toBe(403);
    expect((await http().get('/api/ledgers').set(auth(staff.admin))).status).toBe(403);
    expect((await http().get('/api/ledgers')).status).toBe(401);
    expect((await http().get('/api/ledgers?callId=nope').set(auth(staff.financeA))).status).toBe(400);
    expect((await http().get('/api/ledgers?program=DROP%20TABLE').set(auth(staff.financeA))).status).toBe(400);
    expect((await http().get('/api/ledgers?other=1').set(auth(staff.financeA))).status).toBe(400);
  });
});

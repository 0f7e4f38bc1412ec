/*
 * “原动力” from registration to `paid`, through the HTTP API with the default sandbox rail (the simulated bank inside
 * the portal): decisions, 公示, the final list, then instalments — an excluded organization is left out of the batch
 * with its reason, another becomes excluded between approval and sending and fails with `excluded`, and both are paid
 * once their flags lapse.
 */
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  pdfText,
  ReviewedApp,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
  waitForPayments,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('yuandongli: final list and payments with exclusions (API, sandbox rail)', () => {
  let p: TestPortal;
  let staff: Staff;
  let callId: string;
  let apps: ReviewedApp[];
  let awardOf: Record<string, string> = {};
  const http = () => p.http();

  beforeAll(async () => {
    p = await startPortal({ env: { PAYMENT_RELAY_INTERVAL_MS: '300', PAYMENT_RETRY_DELAY_MS: '100' } });
    staff = await setupStaff(p, 'yd');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'yuandongli', 3, {
      firstCompany: 5101,
      call: { budgetFen: 60_000_000 },
    }));
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('decides, publishes the notice and finalizes the list', async () => {
    for (const [a, body] of [
      [apps[0], { outcome: 'award', tier: '一档', amountFen: 30_000_000, note: '原创性突出' }],
      [apps[1], { outcome: 'award', tier: '二档', amountFen: 20_000_000, note: '出版价值较高' }],
      [apps[2], { outcome: 'reject', note: '名额所限' }],
    ] as const) {
      expect(
        (await http().put(`/api/calls/${callId}/decisions/${a.id}`).set(auth(staff.officer)).send(body)).status,
      ).toBe(200);
    }
    const notice = await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({ workingDays: 7 });
    expect(notice.status).toBe(201);
    // Wed 1 Apr + 7 working days: 2, 3, 7, 8, 9, 10, 13 April → 24:00 on Monday 13 April
    expect(notice.body.endsAt).toBe('2026-04-13T16:00:00.000Z');
    await setClock(p, staff.admin, '2026-04-14T09:00:00+08:00');
    const fin = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    expect(fin.body).toMatchObject({ awarded: 2, notAwarded: 1 });
    awardOf = Object.fromEntries(fin.body.awards.map((a: any) => [a.applicationId, a.id]));
    await waitForMail(p, apps[2].company.email, /未获立项/);
    const pdf = await http()
      .get(`/api/awards/${awardOf[apps[1].id]}/certificate.pdf`)
      .set(auth(apps[1].company.token))
      .buffer(true)
      .parse(binary);
    expect(await pdfText(pdf.body)).toContain(apps[1].company.name);
    const pub = await http().get('/api/public/awards?program=yuandongli&year=2026');
    expect(pub.body.items.map((a: any) => a.organization).sort()).toEqual(
      [apps[0].company.name, apps[1].company.name].sort(),
    );
  });

  it('leaves an organization flagged dishonest today out of the batch, with its reason', async () => {
    const flag = await http()
      .post(`/api/organizations/${apps[1].company.organizationId}/flags`)
      .set(auth(staff.officer))
      .send({ kind: 'dishonest', reason: '列入严重失信主体名单', from: '2026-04-01', until: '2026-04-14' });
    expect(flag.status).toBe(201);
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(batch.status).toBe(201);
    const skippedId = (
      await http().get(`/api/payments?awardId=${awardOf[apps[1].id]}&instalmentNo=1`).set(auth(staff.financeA))
    ).body.items[0].id;
    expect(batch.body).toMatchObject({
      count: 1,
      totalFen: 15_000_000,
      skipped: [{ instalmentId: skippedId, reason: 'excluded' }],
    });
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB))).status).toBe(
      200,
    );
    const [paid] = await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');
    expect(paid.railReference).toMatch(/^SBX-/);
    await waitForMail(p, apps[0].company.email, /第 1 期资金已拨付/);
    expect((await http().get(`/api/payments/${skippedId}`).set(auth(staff.financeA))).body.status).toBe('planned');
  });

  it('re-checks just before sending: flagged after approval, the instalment fails with `excluded`', async () => {
    const acc = await http()
      .post(`/api/awards/${awardOf[apps[0].id]}/milestones/2/accept`)
      .set(auth(staff.officer))
      .send({ note: '中期检查合格' });
    expect(acc.status).toBe(200);
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 2 });
    expect(batch.body).toMatchObject({ count: 1, totalFen: 9_000_000 });
    await http()
      .post(`/api/organizations/${apps[0].company.organizationId}/flags`)
      .set(auth(staff.officer))
      .send({ kind: 'barred', reason: '提供虚假材料，禁止申报', from: '2026-04-14', until: '2026-04-14' })
      .expect(201);
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
    const [failed] = await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'failed');
    expect(failed.failure).toBe('excluded');
    await waitForMail(p, apps[0].company.email, /拨付未成功/);

    // the next day both flags have lapsed: the failed one is retried, the skipped one goes into a new batch
    await setClock(p, staff.admin, '2026-04-15T09:00:00+08:00');
    expect((await http().post(`/api/payments/${failed.id}/retry`).set(auth(staff.financeB))).status).toBe(200);
    await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');
    const again = await http().post('/api/payment-batches').set(auth(staff.financeB)).send({ callId, instalmentNo: 1 });
    expect(again.body).toMatchObject({ count: 1, totalFen: 10_000_000, skipped: [] });
    await http().post(`/api/payment-batches/${again.body.id}/approve`).set(auth(staff.financeA)).expect(200);
    await waitForPayments(p, staff.financeA, `batchId=${again.body.id}`, 'paid');
  });

  it('balances per award: paid − recovered, seen by finance and by the company', async () => {
    const a0 = await http().get(`/api/awards/${awardOf[apps[0].id]}/ledger`).set(auth(apps[0].company.token));
    expect(a0.body).toMatchObject({
      amountFen: 30_000_000,
      paidFen: 24_000_000,
      recoveredFen: 0,
      balanceFen: 24_000_000,
    });
    const a1 = await http().get(`/api/awards/${awardOf[apps[1].id]}/ledger`).set(auth(staff.financeA));
    expect(a1.body).toMatchObject({ paidFen: 10_000_000, balanceFen: 10_000_000 });
    const [sbx] = await p.ds.query(
      `SELECT count(*)::int AS n, sum(amount_fen)::bigint AS total, max(calls) AS calls FROM sandbox_bank_payment`,
    );
    expect(sbx).toMatchObject({ n: 3, total: '34000000', calls: 1 });
  });
});

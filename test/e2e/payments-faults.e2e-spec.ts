/*
 * Paying through the HTTP rail when the bank misbehaves (the fake bank under test/fake-bank): an answer lost and
 * given again, a timeout, a slow bank, refusals with retries and a person's retry, instalments stuck in `sending`
 * after a crash, a lost queue job. Every instalment is paid at most once: the fake bank is never asked to pay a key
 * it already paid, and the ledger holds one `paid` line per instalment.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QUEUES } from '@portal/platform';
import { HttpRail } from '@portal/payments';
import { FakeBank } from '../fake-bank/fake-bank';
import { seedAwards } from '../fake-bank/seed-awards';
import { auth, startPortal, TestPortal } from '../support/portal';
import { setupStaff, Staff, waitForMail, waitForPayments } from './awards-fixtures';

jest.setTimeout(60_000);

describe('payments against a misbehaving bank (HTTP rail)', () => {
  let p: TestPortal;
  let bank: FakeBank;
  let staff: Staff;
  const http = () => p.http();

  beforeAll(async () => {
    bank = await new FakeBank({ slowMs: 1500 }).start();
    p = await startPortal({
      env: {
        PAYMENT_RAIL: 'http',
        PAYMENT_RAIL_URL: bank.url,
        PAYMENT_RAIL_TIMEOUT_MS: '800',
        PAYMENT_RELAY_INTERVAL_MS: '300',
        PAYMENT_STUCK_SECONDS: '2',
        PAYMENT_RETRY_DELAY_MS: '100',
        PAYMENT_MAX_ATTEMPTS: '3',
      },
    });
    staff = await setupStaff(p, 'pf');
  }, 120_000);

  afterAll(async () => {
    await p?.close();
    await bank?.stop();
  });

  beforeEach(() => bank.setMode('succeed'));

  /** Seeds `count` awards with a due first instalment, batches them (A) and approves (B). */
  async function payBatch(count: number, tag: string) {
    const seeded = await seedAwards(p.ds, { count, tag, amountFen: 500_000 });
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 });
    expect(batch.status).toBe(201);
    const ok = await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB));
    expect(ok.status).toBe(200);
    return { ...seeded, batchId: batch.body.id as string };
  }

  /** Waits until no instalment of the batch is still on its way. */
  async function settled(batchId: string, timeoutMs = 20_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const b = await http().get(`/api/payment-batches/${batchId}`).set(auth(staff.financeA));
      if (b.body.status === 'completed') return b.body;
      if (Date.now() > until) throw new Error(`batch not settled: ${JSON.stringify(b.body.byStatus)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async function ledgerKinds(instalmentId: string): Promise<string[]> {
    const res = await http().get(`/api/payments/${instalmentId}`).set(auth(staff.financeA));
    return res.body.history.map((h: any) => (h.kind === 'rail-answer' ? `rail:${h.detail.outcome}` : h.kind));
  }

  async function paidLines(instalmentIds: string[]): Promise<number> {
    const [r] = await p.ds.query(
      `SELECT count(*)::int AS n FROM payment_ledger WHERE kind = 'paid' AND instalment_id = ANY($1::uuid[])`,
      [instalmentIds],
    );
    return r.n;
  }

  it('answer-twice: the first answer is lost, the portal asks instead of sending again, and the bank pays once', async () => {
    bank.setMode('answer-twice');
    const { instalmentIds, batchId } = await payBatch(2, 'twice');
    await waitForPayments(p, staff.financeA, `batchId=${batchId}`, 'paid');
    for (const id of instalmentIds) {
      expect(bank.payments.get(id)).toMatchObject({ posts: 1, paidCount: 1, repeats: 0 });
      expect(bank.payments.get(id)!.gets).toBeGreaterThanOrEqual(1);
      expect(await ledgerKinds(id)).toEqual(['batched', 'approved', 'sending', 'rail:ambiguous', 'paid']);
    }
    // running the job again (a redelivered or re-relayed job) changes nothing
    const queue = p.worker!.get<Queue>(getQueueToken(QUEUES.payments), { strict: false });
    await queue.add('send', { instalmentId: instalmentIds[0] }, { jobId: `again-${instalmentIds[0]}` });
    await new Promise((r) => setTimeout(r, 500));
    expect(bank.payments.get(instalmentIds[0])).toMatchObject({ posts: 1, paidCount: 1 });
    expect(await paidLines(instalmentIds)).toBe(2);
    expect(bank.stats()).toMatchObject({ doubles: 0, repeats: 0 });
  });

  it('timeout: the bank paid but never answered; the status call finds it paid', async () => {
    bank.setMode('timeout');
    const { instalmentIds, batchId } = await payBatch(1, 'timeout');
    const [paid] = await waitForPayments(p, staff.financeA, `batchId=${batchId}`, 'paid');
    expect(paid.railReference).toMatch(/^FB/);
    expect(bank.payments.get(instalmentIds[0])).toMatchObject({ posts: 1, paidCount: 1 });
    expect(await ledgerKinds(instalmentIds[0])).toContain('rail:ambiguous');
  });

  it('slow: pending at the bank for a while, then paid, never sent twice', async () => {
    bank.setMode('slow');
    const { instalmentIds, batchId } = await payBatch(1, 'slow');
    await waitForPayments(p, staff.financeA, `batchId=${batchId}`, 'paid', 20_000);
    expect(bank.payments.get(instalmentIds[0])).toMatchObject({ posts: 1, paidCount: 1, repeats: 0 });
  });

  it('refusals are retried with backoff, then wait in failed for a person, who retries', async () => {
    const seeded = await seedAwards(p.ds, { count: 2, tag: 'fail', amountFen: 700_000 });
    bank.setMode('fail', [seeded.instalmentIds[0]]);
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 });
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
    await settled(batch.body.id);
    const [bad] = await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}&status=failed`, 'failed');
    expect(bad).toMatchObject({ id: seeded.instalmentIds[0], attempts: 3, failure: expect.stringMatching(/frozen/) });
    expect(bank.payments.get(bad.id)).toMatchObject({ posts: 3, paidCount: 0 });
    const [member] = await p.ds.query(
      `SELECT u.email FROM app_user u JOIN instalment i ON i.organization_id = u.organization_id WHERE i.id = $1`,
      [bad.id],
    );
    await waitForMail(p, member.email, /拨付未成功/);
    const good = (await http().get(`/api/payments?batchId=${batch.body.id}&status=paid`).set(auth(staff.financeA))).body
      .items;
    expect(good.map((i: any) => i.id)).toEqual([seeded.instalmentIds[1]]);
    const b = await http().get(`/api/payment-batches/${batch.body.id}`).set(auth(staff.financeA));
    expect(b.body.byStatus).toEqual({ failed: { count: 1, totalFen: 700_000 }, paid: { count: 1, totalFen: 700_000 } });

    expect((await http().post(`/api/payments/${good[0].id}/retry`).set(auth(staff.financeA))).status).toBe(409);
    expect((await http().post(`/api/payments/${bad.id}/retry`).set(auth(staff.officer))).status).toBe(403);
    bank.setMode('succeed', [bad.id]);
    const retry = await http().post(`/api/payments/${bad.id}/retry`).set(auth(staff.financeA));
    expect(retry.status).toBe(200);
    expect(['approved', 'sending', 'paid']).toContain(retry.body.status);
    await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid');
    expect(bank.payments.get(bad.id)).toMatchObject({ posts: 4, paidCount: 1, repeats: 0 });
    expect(await paidLines(seeded.instalmentIds)).toBe(2);
  });

  it('the reconciler asks the bank about instalments stuck in sending before sending anything again, and re-queues lost jobs', async () => {
    const seeded = await seedAwards(p.ds, { count: 3, tag: 'stuck', amountFen: 300_000 });
    const [paidMeanwhile, neverArrived, lostJob] = seeded.instalmentIds;
    // A worker that crashed: it had claimed two instalments; the bank had paid one of them, never heard of the other.
    // A third was approved but its queue job is gone.
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 });
    await p.ds.query(
      `UPDATE payment_batch SET status = 'approved', approved_by = (SELECT id FROM app_user WHERE email = 'finance-b@pf.test'), rail = 'http' WHERE id = $1`,
      [batch.body.id],
    );
    await p.ds.query(
      `UPDATE instalment SET status = 'sending', attempts = 1, rail = 'http', sending_since = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [[paidMeanwhile, neverArrived]],
    );
    await p.ds.query(
      `UPDATE instalment SET status = 'approved', updated_at = now() - interval '1 hour' WHERE id = $1`,
      [lostJob],
    );
    const rail = new HttpRail(bank.url, 1000);
    await rail.send({
      key: paidMeanwhile,
      amountFen: 300_000,
      payeeName: 'x',
      payeeCreditCode: 'y',
      memo: 'before the crash',
    });
    rail.close();

    await waitForPayments(p, staff.financeA, `batchId=${batch.body.id}`, 'paid', 20_000);
    expect(bank.payments.get(paidMeanwhile)).toMatchObject({ posts: 1, paidCount: 1, repeats: 0 });
    expect(bank.payments.get(neverArrived)).toMatchObject({ posts: 1, paidCount: 1 });
    expect(bank.payments.get(lostJob)).toMatchObject({ posts: 1, paidCount: 1 });
    expect(await ledgerKinds(neverArrived)).toEqual(expect.arrayContaining(['requeued', 'sending', 'paid']));
    expect(await paidLines(seeded.instalmentIds)).toBe(3);
    expect(bank.stats().doubles).toBe(0);
  });

  it('the ledger refuses changes, and refuses a second paid line for one instalment', async () => {
    const [line] = await p.ds.query(
      `SELECT id, instalment_id, award_id FROM payment_ledger WHERE kind = 'paid' LIMIT 1`,
    );
    await expect(p.ds.query(`UPDATE payment_ledger SET amount_fen = 0 WHERE id = $1`, [line.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(p.ds.query(`DELETE FROM payment_ledger WHERE id = $1`, [line.id])).rejects.toThrow(/append-only/);
    await expect(
      p.ds.query(
        `INSERT INTO payment_ledger (instalment_id, award_id, at, kind, amount_fen) VALUES ($1, $2, now(), 'paid', 1)`,
        [line.instalment_id, line.award_id],
      ),
    ).rejects.toThrow(/payment_ledger_paid_once/);
  });

  it('bank-file endpoints refuse a batch paid through another rail', async () => {
    const { batchId } = await payBatch(1, 'notfile');
    expect((await http().get(`/api/payment-batches/${batchId}/bank-file`).set(auth(staff.financeA))).status).toBe(409);
    expect((await http().get(`/api/payment-batches/${batchId}`).set(auth(staff.officer))).status).toBe(403);
    const list = await http().get('/api/payment-batches?pageSize=50').set(auth(staff.financeA));
    expect(list.body.total).toBeGreaterThanOrEqual(6);
  });
});

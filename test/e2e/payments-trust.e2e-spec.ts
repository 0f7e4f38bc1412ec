/*
 * Money that one person cannot move (issue 11, point 13) and revocation racing a payment (point 14), on the bank-file
 * rail: on a call with `paymentDualControl` the failed lines of a return file and the retry of a failed instalment need
 * a second finance user, as batches always do; without it (a call created through the API without the setting)
 * API.md's flow holds: one finance user retries, a return is applied at once. Nobody approves or retries a payment to
 * their own organization; an admin never approves. A payment settled as paid on an award revoked meanwhile ends in
 * `recovering`, whatever the interleaving.
 */
import { Client } from 'pg';
import { PaymentSettlement } from '@portal/payments';
import { seedAwards } from '../fake-bank/seed-awards';
import { ADMIN, auth, startPortal, TestPortal } from '../support/portal';
import { createCall, PASSWORD, setupStaff, Staff } from './awards-fixtures';

jest.setTimeout(60_000);

describe('payments: maker–checker everywhere, and revocation racing a payment', () => {
  let p: TestPortal;
  let staff: Staff;
  const http = () => p.http();

  beforeAll(async () => {
    p = await startPortal({ worker: false, env: { PAYMENT_RAIL: 'bank-file' } });
    staff = await setupStaff(p, 'pt');
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  const userId = async (email: string) =>
    (await p.ds.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id as string;
  const status = async (id: string) =>
    (await p.ds.query(`SELECT status, failure FROM instalment WHERE id = $1`, [id]))[0] as {
      status: string;
      failure: string | null;
    };
  const returnFile = (lines: string[]) =>
    Buffer.from(`instalmentId,status,reference,reason\r\n${lines.join('\r\n')}\r\n`, 'utf8');
  const upload = (token: string, batchId: string, lines: string[]) =>
    http()
      .post(`/api/payment-batches/${batchId}/bank-return`)
      .set(auth(token))
      .attach('file', returnFile(lines), { filename: 'return.csv', contentType: 'text/csv' });

  /** Seeded awards batched by finance A and approved by finance B (the call's paymentDualControl as given). */
  async function approvedBatch(count: number, tag: string, dualControl = false) {
    const seeded = await seedAwards(p.ds, { count, tag, amountFen: 400_000, dualControl });
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 })
      .expect(201);
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
    return { ...seeded, batchId: batch.body.id as string };
  }

  it('paymentDualControl: off for a call created through the API without it; on at any time, off only until finalize', async () => {
    const plain = await createCall(p, staff.officer, 'jingpin', { title: '未设双人复核的批次' });
    const call = await http().get(`/api/calls/${plain}`).expect(200);
    expect(call.body.paymentDualControl).toBe(false);
    const dual = await createCall(p, staff.officer, 'jingpin', { title: '双人复核的批次', paymentDualControl: true });
    const d = await http().get(`/api/calls/${dual}`).expect(200);
    expect(d.body.paymentDualControl).toBe(true);
    expect(
      (
        await http()
          .post('/api/calls')
          .set(auth(staff.officer))
          .send({ ...d.body, paymentDualControl: 'yes' })
      ).status,
    ).toBe(400);
    // before finalize it may go either way; once the money is planned it may only be switched on
    const off = await http()
      .patch(`/api/calls/${dual}`)
      .set(auth(staff.officer))
      .send({ paymentDualControl: false, version: d.body.version })
      .expect(200);
    expect(off.body.paymentDualControl).toBe(false);
    await p.ds.query(`UPDATE call SET finalized_at = now() WHERE id = $1`, [dual]);
    const on = await http()
      .patch(`/api/calls/${dual}`)
      .set(auth(staff.officer))
      .send({ paymentDualControl: true, version: off.body.version })
      .expect(200);
    const refused = await http()
      .patch(`/api/calls/${dual}`)
      .set(auth(staff.officer))
      .send({ paymentDualControl: false, version: on.body.version });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CALL.PAYMENT_SETTINGS_FROZEN');
    expect(refused.body.details).toEqual([expect.objectContaining({ path: 'paymentDualControl' })]);
    expect((await http().get(`/api/calls/${dual}`)).body.paymentDualControl).toBe(true);
  });

  it("without dual control (API.md): one finance user retries at once, a return's failed lines are applied at once", async () => {
    const { batchId, instalmentIds } = await approvedBatch(2, 'solo');
    const [bad, good] = instalmentIds;
    expect((await http().get(`/api/payment-batches/${batchId}`).set(auth(staff.financeA))).body).toMatchObject({
      paymentDualControl: false,
      pendingReturnProposals: 0,
    });
    await http().get(`/api/payment-batches/${batchId}/bank-file`).set(auth(staff.financeA)).expect(200);
    const ret = await upload(staff.financeA, batchId, [`${bad},FAILED,,账户已冻结`, `${good},PAID,BK-S,`]);
    expect(ret.status).toBe(200);
    expect(ret.body).toEqual({ paid: 1, failed: 1, pendingFailed: 0, proposalId: null, ignored: [] });
    expect(await status(bad)).toEqual({ status: 'failed', failure: '账户已冻结' });
    expect(await status(good)).toMatchObject({ status: 'paid' });
    const proposals = await http()
      .get(`/api/payment-batches/${batchId}/bank-return-proposals`)
      .set(auth(staff.financeA));
    expect(proposals.status).toBe(200);
    expect(proposals.body).toEqual([]);

    // the paid organization's own finance user may not send its money again
    const [{ organization_id: paidOrg }] = await p.ds.query(`SELECT organization_id FROM instalment WHERE id = $1`, [
      bad,
    ]);
    const admin = await p.login(ADMIN.email, ADMIN.password);
    await http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: '收款单位财务',
        email: 'finance-solo-own@pt.test',
        password: PASSWORD,
        roles: ['finance'],
        organizationId: paidOrg,
      })
      .expect(201);
    const own = await http()
      .post(`/api/payments/${bad}/retry`)
      .set(auth(await p.login('finance-solo-own@pt.test', PASSWORD)));
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('PAYMENT.OWN_ORGANIZATION');
    expect(await status(bad)).toMatchObject({ status: 'failed' });

    // one finance user: back to sending at once (approved, queued), nothing left to approve
    const retried = await http().post(`/api/payments/${bad}/retry`).set(auth(staff.financeA));
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'approved', retryProposedBy: null, failure: null, attempts: 0 });
    expect((await http().post(`/api/payments/${bad}/retry/approve`).set(auth(staff.financeB))).status).toBe(409);
    const file = await http().get(`/api/payment-batches/${batchId}/bank-file`).set(auth(staff.financeA));
    expect(file.text).toContain(bad);
    expect(await status(bad)).toMatchObject({ status: 'sending' });
    const events = await p.ds.query(
      `SELECT action, actor_id FROM audit_event WHERE entity_id::text = $1 AND action LIKE 'instalment.retr%' ORDER BY seq`,
      [bad],
    );
    expect(events).toEqual([{ action: 'instalment.retried', actor_id: staff.financeAId }]);
  });

  it('a return file that marks a line failed, and the retry of that line, each need a second finance user (paymentDualControl)', async () => {
    const { batchId, instalmentIds } = await approvedBatch(2, 'ret', true);
    const [bad, good] = instalmentIds;
    await http().get(`/api/payment-batches/${batchId}/bank-file`).set(auth(staff.financeA)).expect(200);

    // the import records the paid line; the failed one waits for someone else
    const ret = await upload(staff.financeA, batchId, [`${bad},FAILED,,账户已冻结`, `${good},PAID,BK-1,`]);
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ paid: 1, failed: 0, pendingFailed: 1, ignored: [] });
    expect(await status(good)).toMatchObject({ status: 'paid' });
    expect(await status(bad)).toMatchObject({ status: 'sending' });
    // what waits for the checker: on the batch, and listed with who proposed it and each line
    expect((await http().get(`/api/payment-batches/${batchId}`).set(auth(staff.financeB))).body).toMatchObject({
      paymentDualControl: true,
      pendingReturnProposals: 1,
    });
    const waiting = await http().get(`/api/payment-batches/${batchId}/bank-return-proposals`).set(auth(staff.financeB));
    expect(waiting.status).toBe(200);
    expect(waiting.body).toEqual([
      expect.objectContaining({
        id: ret.body.proposalId,
        batchId,
        status: 'proposed',
        proposedBy: staff.financeAId,
        proposedByName: '财务甲',
        decidedBy: null,
        result: null,
        lines: [
          expect.objectContaining({
            instalmentId: bad,
            status: 'failed',
            reason: '账户已冻结',
            amountFen: 400_000,
            instalmentStatus: 'sending',
          }),
        ],
      }),
    ]);
    expect(
      (await http().get(`/api/payment-batches/${batchId}/bank-return-proposals`).set(auth(staff.officer))).status,
    ).toBe(403);
    const approveReturn = (token: string) =>
      http().post(`/api/payment-batches/${batchId}/bank-return/${ret.body.proposalId}/approve`).set(auth(token));
    const self = await approveReturn(staff.financeA);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('BANK_RETURN.SAME_PERSON');
    expect(await status(bad)).toMatchObject({ status: 'sending' });
    expect((await approveReturn(staff.officer)).status).toBe(403);
    const ok = await approveReturn(staff.financeB);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ paid: 0, failed: 1, pendingFailed: 0 });
    expect(await status(bad)).toEqual({ status: 'failed', failure: '账户已冻结' });
    expect((await approveReturn(staff.financeB)).status).toBe(409);
    const applied = await http().get(`/api/payment-batches/${batchId}/bank-return-proposals`).set(auth(staff.financeA));
    expect(applied.body[0]).toMatchObject({
      status: 'applied',
      decidedByName: '财务乙',
      result: { failed: 1 },
      lines: [expect.objectContaining({ instalmentStatus: 'failed' })],
    });
    expect(
      (await http().get(`/api/payment-batches/${batchId}`).set(auth(staff.financeB))).body.pendingReturnProposals,
    ).toBe(0);

    // the retry: proposed by one, approved by another
    const proposed = await http().post(`/api/payments/${bad}/retry`).set(auth(staff.financeA));
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'failed', retryProposedBy: staff.financeAId });
    expect(await status(bad)).toMatchObject({ status: 'failed' });
    // the checker finds it among the payments whose retry waits
    const pending = await http().get(`/api/payments?batchId=${batchId}&retryProposed=true`).set(auth(staff.financeB));
    expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([bad]);
    const selfRetry = await http().post(`/api/payments/${bad}/retry/approve`).set(auth(staff.financeA));
    expect(selfRetry.status).toBe(403);
    expect(selfRetry.body.code).toBe('INSTALMENT.SAME_PERSON');
    expect((await http().post(`/api/payments/${bad}/retry`).set(auth(staff.financeB))).status).toBe(409);
    expect(await status(bad)).toMatchObject({ status: 'failed' });
    const retried = await http().post(`/api/payments/${bad}/retry/approve`).set(auth(staff.financeB));
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'approved', retryProposedBy: null, failure: null });
    expect(
      (await http().get(`/api/payments?batchId=${batchId}&retryProposed=true`).set(auth(staff.financeB))).body.items,
    ).toEqual([]);
    expect((await http().post(`/api/payments/${good}/retry/approve`).set(auth(staff.financeB))).status).toBe(409);

    // it leaves with the next file; the audit chain names both people
    const file = await http().get(`/api/payment-batches/${batchId}/bank-file`).set(auth(staff.financeA));
    expect(file.text).toContain(bad);
    const events = await p.ds.query(
      `SELECT action, actor_id FROM audit_event WHERE action = ANY($1::text[]) AND entity_id::text = ANY($2::text[]) ORDER BY seq`,
      [
        [
          'payment-batch.bank-return',
          'payment-batch.bank-return-approved',
          'instalment.retry-proposed',
          'instalment.retried',
        ],
        [batchId, bad],
      ],
    );
    const financeB = await userId('finance-b@pt.test');
    expect(events).toEqual([
      { action: 'payment-batch.bank-return', actor_id: staff.financeAId },
      { action: 'payment-batch.bank-return-approved', actor_id: financeB },
      { action: 'instalment.retry-proposed', actor_id: staff.financeAId },
      { action: 'instalment.retried', actor_id: financeB },
    ]);
  });

  it('a finance user cannot approve a batch that pays their own organization', async () => {
    const seeded = await seedAwards(p.ds, { count: 2, tag: 'own', amountFen: 200_000 });
    const admin = await p.login(ADMIN.email, ADMIN.password);
    await http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: '单位财务',
        email: 'finance-own@pt.test',
        password: PASSWORD,
        roles: ['finance'],
        organizationId: seeded.organizationIds[1],
      })
      .expect(201);
    const own = await p.login('finance-own@pt.test', PASSWORD);
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 })
      .expect(201);
    const res = await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(own));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PAYMENT.OWN_ORGANIZATION');
    expect((await http().get(`/api/payment-batches/${batch.body.id}`).set(auth(own))).body.status).toBe('prepared');
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
  });

  it('an admin cannot be given the finance role, and an admin holding it anyway cannot approve', async () => {
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const refused = await http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '管理兼财务', email: 'admin-finance@pt.test', password: PASSWORD, roles: ['admin', 'finance'] });
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ path: 'roles' })]);
    // an account that got both some other way (an old database, a manual change) is still refused at approval
    await http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '财务丙', email: 'finance-c@pt.test', password: PASSWORD, roles: ['finance'] })
      .expect(201);
    await p.ds.query(`UPDATE app_user SET roles = '{finance,admin}' WHERE email = 'finance-c@pt.test'`);
    const both = await p.login('finance-c@pt.test', PASSWORD);
    const seeded = await seedAwards(p.ds, { count: 1, tag: 'adm', amountFen: 200_000 });
    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: seeded.callId, instalmentNo: 1 })
      .expect(201);
    const res = await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(both));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PAYMENT.APPROVER_IS_ADMIN');
  });

  describe('revocation racing a payment', () => {
    /** One award whose instalment is `sending` (the rail has it), and the facts the settlement needs. */
    async function sendingInstalment(tag: string) {
      const s = await seedAwards(p.ds, { count: 1, tag, amountFen: 300_000 });
      const id = s.instalmentIds[0];
      await p.ds.query(
        `UPDATE instalment SET status = 'sending', rail = 'http', attempts = 1, sending_since = now() WHERE id = $1`,
        [id],
      );
      const facts = {
        id,
        awardId: s.awardIds[0],
        organizationId: s.organizationIds[0],
        organizationName: '付款测试公司',
        title: '付款测试项目',
        instalmentNo: 1,
        amountFen: 300_000,
      };
      return { id, awardId: s.awardIds[0], facts };
    }

    const revoke = (awardId: string) =>
      http().post(`/api/awards/${awardId}/revoke`).set(auth(staff.officer)).send({ reason: '审计发现虚报' });

    async function lockWaiters(): Promise<number> {
      const [r] = await p.ds.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return r.n;
    }

    async function until(what: string, done: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (!(await done())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    async function expectRecovering(id: string) {
      expect(await status(id)).toMatchObject({ status: 'recovering' });
      const kinds = (
        await p.ds.query(`SELECT kind FROM payment_ledger WHERE instalment_id = $1 ORDER BY id`, [id])
      ).map((r: { kind: string }) => r.kind);
      expect(kinds.slice(-2)).toEqual(['paid', 'recovery-opened']);
      const [rec] = await p.ds.query(`SELECT amount_fen, status FROM payment_recovery WHERE instalment_id = $1`, [id]);
      expect(rec).toMatchObject({ amount_fen: '300000', status: 'open' });
    }

    it('revoked after the send, before the rail answered: the paid answer ends in recovering', async () => {
      const settlement = p.app.get(PaymentSettlement);
      const { id, awardId, facts } = await sendingInstalment('seq');
      expect((await revoke(awardId)).status).toBe(200);
      expect(await status(id)).toMatchObject({ status: 'sending' }); // on its way: neither cancelled nor recovered
      expect(await settlement.paidNow(facts, 'REF-SEQ', { via: 'send' })).toBe(true);
      await expectRecovering(id);
    });

    it('revoked while the paid answer is being written: still recovering (the revocation waits for it)', async () => {
      const settlement = p.app.get(PaymentSettlement);
      const { id, awardId, facts } = await sendingInstalment('race');
      // hold the instalment's row, so the settlement stops inside its write, after it has begun
      const holder = new Client({ connectionString: p.databaseUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT id FROM instalment WHERE id = $1 FOR UPDATE`, [id]);
        const base = await lockWaiters();
        const settled = settlement.paidNow(facts, 'REF-RACE', { via: 'send' });
        await until('the settlement to wait for the instalment', async () => (await lockWaiters()) > base);
        // the officer revokes now: it either finishes (reading the instalment as `sending`) or waits for the award
        let revoked: { status: number } | null = null;
        const revocation = revoke(awardId).then((r) => (revoked = r));
        await until(
          'the revocation to finish or wait',
          async () => revoked !== null || (await lockWaiters()) > base + 1,
        );
        await holder.query('COMMIT');
        expect(await settled).toBe(true);
        await revocation;
        expect(revoked!.status).toBe(200);
      } finally {
        await holder.end();
      }
      await expectRecovering(id);
    });

    it("the revocation's stamp comes first, while the paid statement already runs on an older snapshot: recovering", async () => {
      const settlement = p.app.get(PaymentSettlement);
      const { id, awardId, facts } = await sendingInstalment('stamp');
      // what PaymentPlans.revoke does first, held open: the award revoked and the instalment on its way stamped
      const revoker = new Client({ connectionString: p.databaseUrl });
      await revoker.connect();
      try {
        await revoker.query('BEGIN');
        await revoker.query(`UPDATE award SET status = 'revoked', revoked_at = now() WHERE id = $1`, [awardId]);
        await revoker.query(`UPDATE instalment SET award_revoked_at = now() WHERE id = $1 AND status = 'sending'`, [
          id,
        ]);
        const base = await lockWaiters();
        const settled = settlement.paidNow(facts, 'REF-STAMP', { via: 'send' }); // its snapshot: the award active
        await until('the settlement to wait for the instalment', async () => (await lockWaiters()) > base);
        await revoker.query('COMMIT');
        expect(await settled).toBe(true);
      } finally {
        await revoker.end();
      }
      await expectRecovering(id);
    });
  });
});

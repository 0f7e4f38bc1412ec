/*
 * Focused specs of the payment sender's claim (approved → sending) and the settlement's paid / failed (the instalment
 * machine's transitions, batched and single), on a real database built by the migrations: the guards, duplicates in
 * one batch, a batch where some items no longer qualify, a guard that stopped holding between read and write. No
 * worker runs: the sender is built here around a scripted rail, so nothing else touches the instalments.
 */
import { ClockService, PortalConfig, inTransaction } from '@portal/platform';
import {
  InstalmentMachine,
  PaymentOrder,
  PaymentRail,
  PaymentSender,
  PaymentSettlement,
  RailAnswer,
} from '@portal/payments';
import { seedAwards } from '../fake-bank/seed-awards';
import { startPortal, TestPortal } from '../support/portal';

jest.setTimeout(60_000);

class ScriptedRail implements PaymentRail {
  readonly name = 'http' as const;
  readonly sendsOnline = true;
  sent: PaymentOrder[] = [];
  answer: (o: PaymentOrder) => RailAnswer = (o) => ({ outcome: 'paid', reference: `REF-${o.key.slice(0, 8)}` });
  async send(order: PaymentOrder): Promise<RailAnswer> {
    this.sent.push(order);
    return this.answer(order);
  }
  async status(): Promise<RailAnswer> {
    return { outcome: 'unknown' };
  }
}

describe('payment sender and settlement (the instalment machine, batched)', () => {
  let p: TestPortal;
  let rail: ScriptedRail;
  let sender: PaymentSender;
  let settlement: PaymentSettlement;

  beforeAll(async () => {
    p = await startPortal({ worker: false, env: { PAYMENT_MAX_ATTEMPTS: '3' } });
    rail = new ScriptedRail();
    settlement = p.app.get(PaymentSettlement);
    sender = new PaymentSender(
      p.ds,
      p.app.get(ClockService),
      p.app.get(PortalConfig),
      settlement,
      p.app.get(InstalmentMachine),
      rail,
    );
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  /**
   * Seeds `count` awards with one instalment each, put straight into `status` (with a queued outbox row); for each
   * instalment (in the order of `instalmentIds`) its award and organization.
   */
  async function seed(count: number, status = 'approved') {
    const s = await seedAwards(p.ds, { count, amountFen: 100_000 });
    await p.ds.query(`UPDATE instalment SET status = $2 WHERE id = ANY($1::uuid[])`, [s.instalmentIds, status]);
    await p.ds.query(`INSERT INTO payment_outbox (id) SELECT unnest($1::uuid[])`, [s.instalmentIds]);
    const rows: { id: string; award_id: string; organization_id: string }[] = await p.ds.query(
      `SELECT id, award_id, organization_id FROM instalment WHERE id = ANY($1::uuid[])`,
      [s.instalmentIds],
    );
    const by = new Map(rows.map((r) => [r.id, r]));
    return {
      ...s,
      awardIds: s.instalmentIds.map((id) => by.get(id)!.award_id),
      organizationIds: s.instalmentIds.map((id) => by.get(id)!.organization_id),
    };
  }

  async function state(id: string) {
    const [i] = await p.ds.query(
      `SELECT status, attempts, rail, failure, rail_reference, (SELECT status FROM payment_outbox o WHERE o.id = i.id) AS outbox
         FROM instalment i WHERE id = $1`,
      [id],
    );
    const ledger = await p.ds.query(
      `SELECT kind, from_status, to_status, detail FROM payment_ledger WHERE instalment_id = $1 ORDER BY id`,
      [id],
    );
    return { ...i, ledger };
  }

  async function mailsTo(organizationId: string, template: string): Promise<{ subject: string; body_text: string }[]> {
    return p.ds.query(
      `SELECT m.subject, m.body_text FROM mail_message m JOIN app_user u ON u.email = m.to_address
        WHERE u.organization_id = $1 AND m.template = $2`,
      [organizationId, template],
    );
  }

  describe('claim (approved → sending)', () => {
    it('claims each instalment of a batch once, even when it appears twice, with one ledger line and attempt 1', async () => {
      const {
        instalmentIds: [a, b],
      } = await seed(2);
      const out = await sender.claimMany([a, a, b]);
      expect(out.map((r) => r?.id ?? null)).toEqual([a, null, b]);
      expect(out[0]).toMatchObject({
        attempts: 1,
        organizationName: expect.stringContaining('付款测试公司'),
        title: expect.any(String),
      });
      const s = await state(a);
      expect(s).toMatchObject({ status: 'sending', attempts: 1, rail: 'http', outbox: 'sent' });
      expect(s.ledger).toEqual([
        { kind: 'sending', from_status: 'approved', to_status: 'sending', detail: { rail: 'http', attempt: 1 } },
      ]);
    });

    it('leaves out, and writes nothing for, the items whose guard does not hold, while the others of the batch commit', async () => {
      const s = await seed(5);
      const [ok, cancelled, revoked, excluded, ok2] = s.instalmentIds;
      await p.ds.query(`UPDATE instalment SET status = 'cancelled' WHERE id = $1`, [cancelled]);
      await revoke(s.awardIds[2]);
      await p.ds.query(
        `INSERT INTO organization_flag (organization_id, kind, from_date, reason, created_by)
         VALUES ($1, 'barred', '2000-01-01', 'spec', (SELECT id FROM app_user ORDER BY created_at LIMIT 1))`,
        [s.organizationIds[3]],
      );
      const out = await sender.claimMany([ok, cancelled, revoked, excluded, ok2]);
      expect(out.map((r) => (r ? r.id : null))).toEqual([ok, null, null, null, ok2]);
      for (const id of [cancelled, revoked, excluded]) {
        const st = await state(id);
        expect(st.ledger).toEqual([]);
        expect(st.attempts).toBe(0);
      }
      expect((await state(revoked)).status).toBe('approved');
    });

    it('claims nothing once the instalment is no longer approved (a second claim of the same id)', async () => {
      const {
        instalmentIds: [a],
      } = await seed(1);
      expect((await sender.claimMany([a]))[0]).not.toBeNull();
      expect(await sender.claimMany([a])).toEqual([null]);
      expect((await state(a)).ledger).toHaveLength(1);
    });

    it('leaves an instalment of a bank-file batch to the bank file', async () => {
      const s = await seed(1);
      const [b] = await p.ds.query(
        `INSERT INTO payment_batch (call_id, instalment_no, prepared_by, count, total_fen, skipped, created_at, status, rail)
         VALUES ($1, 1, (SELECT id FROM app_user ORDER BY created_at LIMIT 1), 1, 100000, '[]', now(), 'approved', 'bank-file') RETURNING id`,
        [s.callId],
      );
      await p.ds.query(`UPDATE instalment SET batch_id = $2 WHERE id = $1`, [s.instalmentIds[0], b.id]);
      expect(await sender.claimMany(s.instalmentIds)).toEqual([null]);
    });
  });

  describe('the job (sender.process) and the settlement', () => {
    it('sends an approved instalment once and records it paid, with the mail to the organization', async () => {
      const s = await seed(1);
      const [id] = s.instalmentIds;
      rail.sent = [];
      await sender.process(id);
      await sender.process(id); // a job that runs twice changes nothing the second time
      expect(rail.sent.map((o) => o.key)).toEqual([id]);
      const st = await state(id);
      expect(st).toMatchObject({ status: 'paid', rail_reference: `REF-${id.slice(0, 8)}` });
      expect(st.ledger.map((l: { kind: string }) => l.kind)).toEqual(['sending', 'paid']);
      expect(await mailsTo(s.organizationIds[0], 'payments.sent')).toHaveLength(1);
      // the mail is also the member's inbox item, linked to the award (issue 14, inbox)
      const inbox = await p.ds.query(
        `SELECT m.link, m.recipient_id = u.id AS mine FROM mail_message m JOIN app_user u ON u.email = m.to_address
          WHERE u.organization_id = $1 AND m.template = 'payments.sent'`,
        [s.organizationIds[0]],
      );
      expect(inbox).toEqual([{ link: `/my/awards/${s.awardIds[0]}`, mine: true }]);
    });

    it('cancels, instead of sending, an approved instalment whose award was revoked', async () => {
      const s = await seed(1);
      await revoke(s.awardIds[0]);
      rail.sent = [];
      await sender.process(s.instalmentIds[0]);
      expect(rail.sent).toEqual([]);
      expect(await state(s.instalmentIds[0])).toMatchObject({ status: 'cancelled', outbox: 'sent' });
    });

    it('after the last refused attempt the instalment fails and the organization is mailed; the failure kept is cut to 300 characters', async () => {
      const s = await seed(1);
      const [id] = s.instalmentIds;
      const long = '银行拒绝：'.padEnd(400, '长');
      rail.answer = () => ({ outcome: 'failed', reason: long });
      await p.ds.query(`UPDATE instalment SET attempts = 2 WHERE id = $1`, [id]); // the next attempt is the last
      await sender.process(id);
      rail.answer = (o) => ({ outcome: 'paid', reference: `REF-${o.key.slice(0, 8)}` });
      const st = await state(id);
      expect(st.status).toBe('failed');
      expect(st.failure).toHaveLength(300);
      const mails = await mailsTo(s.organizationIds[0], 'payments.failed');
      expect(mails).toHaveLength(1);
      expect(mails[0].body_text).toContain(long);
    });

    it('pays each instalment of a batch once when the same one is settled twice concurrently', async () => {
      const s = await seed(2);
      await p.ds.query(`UPDATE instalment SET status = 'sending' WHERE id = ANY($1::uuid[])`, [s.instalmentIds]);
      const facts = await Promise.all(s.instalmentIds.map((id) => factsOf(id)));
      const results = await Promise.all([
        settlement.paidNow(facts[0], 'R1', { via: 'spec' }),
        settlement.paidNow(facts[0], 'R1-again', { via: 'spec' }),
        settlement.paidNow(facts[1], 'R2', { via: 'spec' }),
      ]);
      expect(results).toEqual([true, false, true]);
      const [{ n }] = await p.ds.query(
        `SELECT count(*)::int AS n FROM payment_ledger WHERE kind = 'paid' AND instalment_id = ANY($1::uuid[])`,
        [s.instalmentIds],
      );
      expect(n).toBe(2);
      expect((await state(s.instalmentIds[0])).rail_reference).toBe('R1');
      expect(await mailsTo(s.organizationIds[0], 'payments.sent')).toHaveLength(1);
    });

    it('refuses to pay an instalment that is no longer sending (already settled): false, nothing written', async () => {
      const s = await seed(1);
      const f = await factsOf(s.instalmentIds[0]); // approved, not sending
      expect(await settlement.paidNow(f, 'X', {})).toBe(false);
      expect(await inTransaction(p.ds, (tx) => settlement.paid(tx, f, 'X', 'finance', null, {}))).toBe(false);
      expect((await state(f.id)).ledger).toEqual([]);
      expect(await mailsTo(s.organizationIds[0], 'payments.sent')).toEqual([]);
    });

    it('opens a recovery at once when the award was revoked while the payment was on its way', async () => {
      const s = await seed(1);
      await p.ds.query(`UPDATE instalment SET status = 'sending' WHERE id = $1`, [s.instalmentIds[0]]);
      await revoke(s.awardIds[0]);
      expect(await settlement.paidNow(await factsOf(s.instalmentIds[0]), 'R', {})).toBe(true);
      const st = await state(s.instalmentIds[0]);
      expect(st.status).toBe('recovering');
      expect(st.ledger.map((l: { kind: string }) => l.kind)).toEqual(['paid', 'recovery-opened']);
      const [r] = await p.ds.query(`SELECT status, amount_fen FROM payment_recovery WHERE instalment_id = $1`, [
        s.instalmentIds[0],
      ]);
      expect(r).toMatchObject({ status: 'open', amount_fen: '100000' });
    });
  });

  async function revoke(awardId: string) {
    await p.ds.query(
      `UPDATE award SET status = 'revoked', revoked_reason = 'spec', revoked_at = now(),
                        revoked_by = (SELECT id FROM app_user ORDER BY created_at LIMIT 1) WHERE id = $1`,
      [awardId],
    );
  }

  async function factsOf(id: string) {
    const [r] = await p.ds.query(
      `SELECT i.id, i.award_id, i.organization_id, i.instalment_no, i.amount_fen, o.name, a.title
         FROM instalment i JOIN organization o ON o.id = i.organization_id JOIN application a ON a.id = i.application_id WHERE i.id = $1`,
      [id],
    );
    return {
      id: r.id,
      awardId: r.award_id,
      organizationId: r.organization_id,
      organizationName: r.name,
      title: r.title,
      instalmentNo: Number(r.instalment_no),
      amountFen: Number(r.amount_fen),
    };
  }
});

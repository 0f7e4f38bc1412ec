import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClockService, inTransaction, MicroBatcher, Tx } from '@portal/platform';
import { InstalmentFacts, InstalmentMachine } from '../instalments/instalment-mover';
import { PaymentActor } from '../instalments/instalment-status';
import { appendLedger } from '../ledger/ledger';

interface PaidItem {
  f: InstalmentFacts;
  reference: string | null;
  detail: Record<string, unknown>;
}

const REVOKED_MEANWHILE = 'the award was revoked while the payment was on its way';

/**
 * The outcomes of sending, shared by the worker (online rails) and the bank's return file: paid (and, if the award
 * was revoked meanwhile, straight into recovery), failed (mailed, waits for a person), or back to approved. Each is
 * one transition of the instalment machine, which writes its status change, ledger line and mail.
 *
 * Revocation racing a payment, by construction: revocation (PaymentPlans.revoke) first stamps `award_revoked_at` on
 * the award's instalments still `sending` — an UPDATE that waits for a paid statement holding the row — and only then
 * opens recoveries for what is `paid`. So either the paid statement wrote first (committed before the stamp's wait
 * ended; the revocation's later statement finds it paid → recovering), or the stamp came first and the paid statement,
 * which writes that very row, sees it (Postgres re-reads a row updated meanwhile) and reports the award revoked
 * (→ recovering right after). No lock on the hot path: a payment settled as paid on a revoked award never stays `paid`.
 */
@Injectable()
export class PaymentSettlement {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly machine: InstalmentMachine,
  ) {}

  /**
   * The worker's sending → paid, group-committed: the paid instalments of concurrent jobs go to the database in ONE
   * statement (the machine's parts of the transition for all of them). If the award was revoked meanwhile, the
   * recovery is opened right after. false when the instalment was not in `sending` (already settled), and for a
   * second item of the same instalment in one batch.
   */
  paidNow(f: InstalmentFacts, reference: string | null, detail: Record<string, unknown>): Promise<boolean> {
    return this.paidBatch.submit({ f, reference, detail });
  }

  private readonly paidBatch = new MicroBatcher<PaidItem, boolean>((items) => this.paidMany(items));

  private async paidMany(items: PaidItem[]): Promise<boolean[]> {
    const { moved } = await this.machine.moveNow({
      items: items.map((it) => ({ id: it.f.id, reference: it.reference, detail: it.detail, facts: it.f })),
      to: 'paid',
      from: ['sending'],
      actor: 'system',
      actorId: null,
      at: this.clock.now(),
    });
    // revoked: the award as the statement saw it, or the revocation's stamp on the row it paid (see above)
    const revoked = moved.filter((m) => m.awardStatus === 'revoked').map((m) => m.id);
    if (revoked.length) await inTransaction(this.ds, (tx) => this.openRecovery(tx, revoked, REVOKED_MEANWHILE, null));
    // the same instalment twice in one batch: only the first caller paid it
    const paid = new Set(moved.map((m) => m.id));
    return items.map((it) => paid.delete(it.f.id));
  }

  /** sending → paid, in the caller's transaction; false when the instalment was not in `sending`. */
  async paid(
    tx: Tx,
    f: InstalmentFacts,
    reference: string | null,
    actor: PaymentActor,
    actorId: string | null,
    detail: Record<string, unknown>,
  ): Promise<boolean> {
    const moved = await this.machine.move(tx, {
      items: [{ id: f.id, reference, detail, facts: f }],
      to: 'paid',
      from: ['sending'],
      actor,
      actorId,
      at: this.clock.now(),
    });
    if (!moved.length) return false;
    if (moved[0].awardStatus === 'revoked') await this.openRecovery(tx, [f.id], REVOKED_MEANWHILE, null);
    return true;
  }

  /** approved|sending → failed, mailed to the organization; false when it was in neither. */
  async failed(
    tx: Tx,
    f: InstalmentFacts,
    failure: string,
    actor: PaymentActor,
    actorId: string | null,
    detail: Record<string, unknown>,
  ): Promise<boolean> {
    const moved = await this.machine.move(tx, {
      items: [{ id: f.id, failure, detail, facts: f }],
      to: 'failed',
      from: ['approved', 'sending'],
      actor,
      actorId,
      at: this.clock.now(),
    });
    return moved.length > 0;
  }

  /** sending → approved: the rail confirmed nothing was paid; the job retries later. */
  async requeue(tx: Tx, f: InstalmentFacts, detail: Record<string, unknown>): Promise<boolean> {
    const moved = await this.machine.move(tx, {
      items: [{ id: f.id, detail }],
      to: 'approved',
      from: ['sending'],
      actor: 'system',
      actorId: null,
      at: this.clock.now(),
    });
    return moved.length > 0;
  }

  /** A rail answer that changes nothing yet (pending, ambiguous) is still written down. */
  async note(tx: Tx, f: InstalmentFacts, detail: Record<string, unknown>): Promise<void> {
    await appendLedger(tx.manager, [
      {
        instalmentId: f.id,
        awardId: f.awardId,
        at: this.clock.now(),
        kind: 'rail-answer',
        amountFen: f.amountFen,
        detail,
      },
    ]);
  }

  /**
   * paid → recovering, with one open recovery (追回) per instalment claiming `recoveryPercent` of it (default all); the
   * sum put up for recovery. A share of 0 claims nothing: the paid instalments stay paid.
   */
  async openRecovery(
    tx: Tx,
    ids: string[],
    reason: string,
    actorId: string | null,
    recoveryPercent = 100,
  ): Promise<number> {
    if (recoveryPercent === 0) return 0;
    const moved = await this.machine.move(tx, {
      items: ids.map((id) => ({ id })),
      to: 'recovering',
      from: ['paid'],
      actor: actorId ? 'officer' : 'system',
      actorId,
      at: this.clock.now(),
      detail: recoveryPercent === 100 ? { reason } : { reason, recoveryPercent },
      reason,
      recoveryPercent,
    });
    return moved.reduce((s, m) => s + m.ledgerFen, 0);
  }
}

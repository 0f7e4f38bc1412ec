import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ClockService,
  inTransaction,
  MicroBatcher,
  PortalConfig,
  runParts,
  shanghaiDay,
  SqlRow,
} from '@portal/platform';
import { applicationTitleJoin } from '@portal/applications';
import { awardStatusSql } from '@portal/awards';
import { organizationExcludedSql, organizationPayeeJoin } from '@portal/identity';
import { InstalmentFacts, InstalmentMachine, sendableGuard } from '../instalments/instalment-mover';
import { InstalmentStatus } from '../instalments/instalment-status';
import { PAYMENT_RAIL, PaymentRail, RailAnswer } from '../rails/rail';
import { PaymentSettlement } from './settlement';

type ClaimedRow = InstalmentFacts & { attempts: number; creditCode: string; number: string | null };

/** Thrown to let the queue try again later, with backoff; the row in Postgres already says where things stand. */
export class RetryLater extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RetryLater';
  }
}

interface SendRow extends InstalmentFacts {
  status: InstalmentStatus;
  attempts: number;
  rail: string | null;
  batchRail: string | null;
  awardStatus: string;
  creditCode: string;
  number: string | null;
  excluded: boolean;
  /** in `sending` longer than PAYMENT_STUCK_SECONDS (the database's clock: a transport timeout) */
  stale: boolean;
}

/**
 * Sends one instalment (the payment job's body). Safe to run any number of times, concurrently or after a crash:
 * - `approved`: re-checks exclusion and revocation, claims the instalment (`sending`, committed before the rail is
 *   called), calls the rail with the instalment id as idempotency key, and settles on its answer;
 * - `sending` (a crash, a lost answer, a wiped queue): asks the rail what became of the key before anything is sent
 *   again — paid is recorded, "never seen" goes back to `approved`, pending waits;
 * - anything else: nothing to do.
 */
@Injectable()
export class PaymentSender {
  private readonly logger = new Logger('PaymentSender');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly config: PortalConfig,
    private readonly settlement: PaymentSettlement,
    private readonly machine: InstalmentMachine,
    @Inject(PAYMENT_RAIL) private readonly rail: PaymentRail,
  ) {}

  async process(instalmentId: string): Promise<void> {
    const claimed = this.rail.sendsOnline ? await this.claimIfClear(instalmentId) : null;
    if (claimed) return this.sendClaimed(claimed, claimed.attempts);
    const row = await this.load(instalmentId);
    if (!row) return;
    if (row.status === 'approved') return this.send(row);
    if (row.status === 'sending') return this.resume(row);
  }

  private async load(id: string): Promise<SendRow | null> {
    // the time of this moment, from the same source as the API (the staging clock is not a copy polled twice a second)
    const now = await this.clock.current();
    const rows: SqlRow[] = await this.ds.query(
      `SELECT i.id, i.status, i.attempts, i.award_id, i.organization_id, i.instalment_no, i.amount_fen, i.rail,
              ${awardStatusSql('i.award_id')} AS award_status, o.organization_name, o.credit_code, app.title, app.number, b.rail AS batch_rail,
              ${organizationExcludedSql('i.organization_id', '$2')} AS excluded,
              (i.sending_since IS NULL OR i.sending_since < now() - make_interval(secs => $3)) AS stale
         FROM instalment i ${organizationPayeeJoin('o', 'i.organization_id')} ${applicationTitleJoin('app', 'i.application_id')}
         LEFT JOIN payment_batch b ON b.id = i.batch_id
        WHERE i.id = $1`,
      [id, shanghaiDay(now), this.config.PAYMENT_STUCK_SECONDS],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      status: r.status,
      attempts: Number(r.attempts),
      awardId: r.award_id,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      creditCode: r.credit_code,
      title: r.title,
      number: r.number,
      instalmentNo: Number(r.instalment_no),
      amountFen: Number(r.amount_fen),
      rail: r.rail,
      batchRail: r.batch_rail,
      awardStatus: r.award_status,
      excluded: r.excluded,
      stale: r.stale,
    };
  }

  private async send(row: SendRow): Promise<void> {
    if (row.batchRail === 'bank-file' || !this.rail.sendsOnline) return; // leaves with the bank file
    if (row.awardStatus === 'revoked') {
      await inTransaction(this.ds, (tx) =>
        this.machine.move(tx, {
          items: [{ id: row.id }],
          to: 'cancelled',
          from: ['approved'],
          actor: 'system',
          actorId: null,
          at: this.clock.now(),
          detail: { reason: 'revoked' },
        }),
      );
      return;
    }
    if (row.excluded) {
      await inTransaction(this.ds, (tx) =>
        this.settlement.failed(tx, row, 'excluded', 'system', null, { check: 'just before sending' }),
      );
      return;
    }
    const claimed = await this.claims.submit(row.id);
    if (!claimed) return; // someone else has it, or it changed since it was read (the reconciler comes back to it)
    return this.sendClaimed(claimed, claimed.attempts);
  }

  /**
   * The common case, group-committed: an `approved` instalment of an active award whose organization is not excluded
   * today is claimed (→ `sending`, ledger line) together with those of concurrent jobs in one statement, and its facts
   * returned. Anything else (null) takes the careful path in `process`.
   */
  private claimIfClear(id: string): Promise<ClaimedRow | null> {
    return this.claims.submit(id);
  }

  private readonly claims = new MicroBatcher<string, ClaimedRow | null>((ids) => this.claimMany(ids));

  /**
   * approved → sending for a batch of ids, committed before the rail is called: the machine's transition (with the
   * sendable guard) in one statement, whose SELECT also reads the payee facts the rail needs.
   */
  async claimMany(ids: string[]): Promise<(ClaimedRow | null)[]> {
    // "excluded today" is decided with the time of this moment, read from the source the API writes (PUT /api/admin/clock)
    const now = await this.clock.current();
    const { parts, moved } = this.machine.parts({
      items: ids.map((id) => ({ id })),
      to: 'sending',
      from: ['approved'],
      actor: 'system',
      actorId: null,
      at: now,
      rail: this.rail.name,
      detail: { rail: this.rail.name },
      ...sendableGuard(shanghaiDay(now)),
    });
    const rows: SqlRow[] = await runParts(
      this.ds,
      parts,
      `SELECT u.id, u.award_id, u.organization_id, u.instalment_no, u.amount_fen, u.attempts, o.organization_name, o.credit_code, app.title, app.number
         FROM ${moved} u ${organizationPayeeJoin('o', 'u.organization_id')} ${applicationTitleJoin('app', 'u.application_id')}`,
    );
    const byId = new Map<string, ClaimedRow>(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          awardId: r.award_id,
          organizationId: r.organization_id,
          organizationName: r.organization_name,
          creditCode: r.credit_code,
          title: r.title,
          number: r.number,
          instalmentNo: Number(r.instalment_no),
          amountFen: Number(r.amount_fen),
          attempts: Number(r.attempts),
        },
      ]),
    );
    // the same instalment twice in one batch: only the first caller claimed it
    return ids.map((id) => {
      const row = byId.get(id) ?? null;
      byId.delete(id);
      return row;
    });
  }

  private async sendClaimed(
    row: InstalmentFacts & { creditCode: string; number: string | null },
    attempt: number,
  ): Promise<void> {
    const answer = await this.rail.send({
      key: row.id,
      amountFen: row.amountFen,
      payeeName: row.organizationName,
      payeeCreditCode: row.creditCode,
      memo: `${row.number ?? row.title} 第${row.instalmentNo}期`,
    });
    await this.settle(row, answer, attempt, 'send');
  }

  private async resume(row: SendRow): Promise<void> {
    if (row.rail === 'bank-file' || row.batchRail === 'bank-file') return; // the return file settles it
    if (!row.stale) return; // a send may still be on its way: the reconciler asks once PAYMENT_STUCK_SECONDS have passed
    const answer = await this.rail.status(row.id);
    await this.settle(row, answer, row.attempts, 'status');
  }

  private async settle(
    row: InstalmentFacts,
    answer: RailAnswer,
    attempt: number,
    via: 'send' | 'status',
  ): Promise<void> {
    const detail = { via, attempt, ...answer };
    switch (answer.outcome) {
      case 'paid':
        await this.settlement.paidNow(row, answer.reference, detail);
        return;
      case 'failed':
      case 'not-sent':
      case 'unknown': {
        // Nothing was paid: try again later, or after the last attempt wait in `failed` for a person.
        const last = attempt >= this.config.PAYMENT_MAX_ATTEMPTS;
        const failure = answer.outcome === 'unknown' ? 'no answer from the rail' : answer.reason;
        await inTransaction(this.ds, async (tx) => {
          if (last) await this.settlement.failed(tx, row, failure, 'system', null, detail);
          else await this.settlement.requeue(tx, row, detail);
        });
        if (!last) throw new RetryLater(`attempt ${attempt}: ${failure}`);
        return;
      }
      case 'ambiguous':
        if (via === 'send') {
          // The answer was lost: ask before doing anything else.
          await inTransaction(this.ds, (tx) => this.settlement.note(tx, row, detail));
          return this.settle(row, await this.rail.status(row.id), attempt, 'status');
        }
        return; // still no answer: the reconciler asks again once the instalment counts as stuck
      case 'pending':
        await inTransaction(this.ds, (tx) => this.settlement.note(tx, row, detail));
        return; // the rail has it: the reconciler asks again once the instalment counts as stuck
    }
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  ClockService,
  DEFAULT_JOB_OPTIONS,
  inTransaction,
  MicroBatcher,
  MailService,
  QUEUES,
  Tx,
} from '@portal/platform';
import { mailOrganization, paymentFailed, paymentSent } from '@portal/notifications';
import { moveInstalments } from '../instalments/instalment-mover';
import { assertTransition, PaymentActor } from '../instalments/instalment-status';
import { appendLedger } from '../ledger/ledger';

const PAID = assertTransition('sending', 'paid', 'system');

interface PaidItem {
  f: InstalmentFacts;
  reference: string | null;
  detail: Record<string, unknown>;
}

/** What settling an instalment needs to know about it. */
export interface InstalmentFacts {
  id: string;
  awardId: string;
  organizationId: string;
  organizationName: string;
  title: string;
  instalmentNo: number;
  amountFen: number;
}

/**
 * The outcomes of sending, shared by the worker (online rails) and the bank's return file: paid (and, if the award
 * was revoked meanwhile, straight into recovery), failed (mailed, waits for a person), or back to approved.
 */
@Injectable()
export class PaymentSettlement {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly mail: MailService,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
  ) {}

  /**
   * The worker's sending → paid, group-committed: the paid instalments of concurrent jobs go to the database in ONE
   * statement — the guarded status change, its ledger line and the organization's "paid" mail rows commit together.
   * Same transition, ledger line and mail as `paid()`; if the award was revoked meanwhile, the recovery is opened
   * right after. false when the instalment was not in `sending` (already settled).
   */
  paidNow(f: InstalmentFacts, reference: string | null, detail: Record<string, unknown>): Promise<boolean> {
    return this.paidBatch.submit({ f, reference, detail });
  }

  private readonly paidBatch = new MicroBatcher<PaidItem, boolean>((items) => this.paidMany(items));

  private async paidMany(items: PaidItem[]): Promise<boolean[]> {
    const at = this.clock.now();
    const seen = new Set<string>();
    const first = items.map((it) => (seen.has(it.f.id) ? false : (seen.add(it.f.id), true)));
    const unique = items.filter((_, i) => first[i]);
    const mails = unique.map((it) =>
      paymentSent({ ...it.f, organization: it.f.organizationName, reference: it.reference }),
    );
    const rows: { t: 'i' | 'm'; id: string; award_status: string | null }[] = await this.ds.query(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[]) AS v(id, reference, detail, subject, body, template)),
       u AS (
         UPDATE instalment i SET status = 'paid', paid_at = $7, rail_reference = v.reference, failure = NULL, updated_at = now()
           FROM v WHERE i.id = v.id AND i.status = 'sending' RETURNING i.id, i.award_id, i.organization_id, i.amount_fen),
       l AS (
         INSERT INTO payment_ledger (instalment_id, award_id, at, kind, from_status, to_status, amount_fen, detail)
         SELECT u.id, u.award_id, $7, $8, 'sending', 'paid', u.amount_fen, v.detail FROM u JOIN v ON v.id = u.id),
       m AS (
         INSERT INTO mail_message (to_address, subject, body_text, template)
         SELECT usr.email, v.subject, v.body, v.template FROM u JOIN v ON v.id = u.id JOIN app_user usr ON usr.organization_id = u.organization_id
          WHERE usr.disabled_at IS NULL AND 'applicant' = ANY(usr.roles) RETURNING id)
       SELECT 'i' AS t, u.id, aw.status AS award_status FROM u JOIN award aw ON aw.id = u.award_id
       UNION ALL SELECT 'm', m.id, NULL FROM m`,
      [
        unique.map((it) => it.f.id),
        unique.map((it) => it.reference),
        unique.map((it) => JSON.stringify(it.detail)),
        mails.map((m) => m.subject),
        mails.map((m) => m.text),
        mails.map((m) => m.template),
        at.toISOString(),
        PAID.kind,
      ],
    );
    const paid = new Set(rows.filter((r) => r.t === 'i').map((r) => r.id));
    const mailIds = rows.filter((r) => r.t === 'm').map((r) => r.id);
    if (mailIds.length) {
      // one job per mail row, as MailService.dispatch does (job id = row id); if this fails the mail relay catches up
      void this.mailQueue
        .addBulk(mailIds.map((id) => ({ name: 'send', data: { id }, opts: { ...DEFAULT_JOB_OPTIONS, jobId: id } })))
        .catch(() => undefined);
    }
    const revoked = rows.filter((r) => r.t === 'i' && r.award_status === 'revoked').map((r) => r.id);
    if (revoked.length)
      await inTransaction(this.ds, (tx) =>
        this.openRecovery(tx, revoked, 'the award was revoked while the payment was on its way', null),
      );
    return items.map((it, i) => first[i] && paid.has(it.f.id));
  }

  /** sending → paid; false when the instalment was not in `sending` (already settled by someone else). */
  async paid(
    tx: Tx,
    f: InstalmentFacts,
    reference: string | null,
    actor: PaymentActor,
    actorId: string | null,
    detail: Record<string, unknown>,
  ): Promise<boolean> {
    const at = this.clock.now();
    const moved = await moveInstalments(tx.manager, {
      ids: [f.id],
      to: 'paid',
      from: ['sending'],
      actor,
      actorId,
      at,
      set: { paid_at: at, rail_reference: reference, failure: null },
      detail,
    });
    if (!moved.length) return false;
    const award: { status: string }[] = await tx.manager.query(`SELECT status FROM award WHERE id = $1`, [f.awardId]);
    if (award[0]?.status === 'revoked')
      await this.openRecovery(tx, [f.id], 'the award was revoked while the payment was on its way', null);
    await mailOrganization(
      this.mail,
      tx,
      f.organizationId,
      paymentSent({ ...f, organization: f.organizationName, reference }),
    );
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
    const moved = await moveInstalments(tx.manager, {
      ids: [f.id],
      to: 'failed',
      from: ['approved', 'sending'],
      actor,
      actorId,
      at: this.clock.now(),
      set: { failure: failure.slice(0, 300) },
      detail,
    });
    if (!moved.length) return false;
    await mailOrganization(
      this.mail,
      tx,
      f.organizationId,
      paymentFailed({ ...f, organization: f.organizationName, failure }),
    );
    return true;
  }

  /** sending → approved: the rail confirmed nothing was paid; the job retries later. */
  async requeue(tx: Tx, f: InstalmentFacts, detail: Record<string, unknown>): Promise<boolean> {
    const moved = await moveInstalments(tx.manager, {
      ids: [f.id],
      to: 'approved',
      from: ['sending'],
      actor: 'system',
      actorId: null,
      at: this.clock.now(),
      detail,
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

  /** paid → recovering, with one open recovery (追回) per instalment. */
  async openRecovery(tx: Tx, ids: string[], reason: string, actorId: string | null): Promise<number> {
    const moved = await moveInstalments(tx.manager, {
      ids,
      to: 'recovering',
      from: ['paid'],
      actor: actorId ? 'officer' : 'system',
      actorId,
      at: this.clock.now(),
      detail: { reason },
    });
    for (const m of moved) {
      await tx.manager.query(
        `INSERT INTO payment_recovery (instalment_id, award_id, organization_id, amount_fen, reason, opened_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (instalment_id) DO NOTHING`,
        [m.id, m.awardId, m.organizationId, m.amountFen, reason.slice(0, 1000), this.clock.now()],
      );
    }
    return moved.reduce((s, m) => s + m.amountFen, 0);
  }
}

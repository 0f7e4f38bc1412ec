import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, MailService, runParts, SqlPart, Tx } from '@portal/platform';
import { awardStatusSql } from '@portal/awards';
import { organizationExcludedSql } from '@portal/identity';
import { organizationMailParts, paymentFailed, paymentSent } from '@portal/notifications';
import { PaymentOutbox } from '../sending/payment-outbox';
import { findInstalmentTransition, InstalmentStatus, PaymentActor, sourcesOf } from './instalment-status';

/** What the mails of a transition say about an instalment (read by the caller before the statement). */
export interface InstalmentFacts {
  id: string;
  awardId: string;
  organizationId: string;
  organizationName: string;
  title: string;
  instalmentNo: number;
  amountFen: number;
}

/** One instalment of a move, with what is particular to it. */
export interface MoveItem {
  id: string;
  /** Merged over the move's detail in its ledger line. */
  detail?: Record<string, unknown>;
  /** → paid: the rail's reference. */
  reference?: string | null;
  /** → failed: why (at most 300 characters are kept). */
  failure?: string;
  /** Needed by the transitions that mail the organization (→ paid, → failed). */
  facts?: InstalmentFacts;
}

export interface InstalmentMove {
  /** One per instalment; a repeated id moves once (its first item counts). */
  items: MoveItem[];
  to: InstalmentStatus;
  actor: PaymentActor;
  actorId: string | null;
  /** Business time (the portal clock): the ledger line, `updated_at` and the transition's own timestamps. */
  at: Date;
  /** Only instalments now in one of these statuses move (default: every status the transition table allows). */
  from?: InstalmentStatus[];
  /** Common ledger detail. */
  detail?: Record<string, unknown>;
  /** → batched: the batch. */
  batchId?: string;
  /** → sending: the rail it leaves through. */
  rail?: string;
  /** → recovering: why the money is claimed back; → recovered: finance's note; → planned (due): the officer's note. */
  reason?: string | null;
  /**
   * → recovering: the share of the paid amount claimed back, a whole percent 0–100 (default 100; a program's share on a
   * failed evaluation, issue 13). The recovery row and the ledger line carry that share, rounded down to the fen.
   */
  recoveryPercent?: number;
  /** → planned (the milestone accepted): the day it becomes due (YYYY-MM-DD, Asia/Shanghai). */
  dueOn?: string;
  /** → held: why it waits (e.g. `agreement`, `report-overdue:midterm`). held → planned is the release of its last reason. */
  holdReason?: string;
  /**
   * A further guard, a boolean SQL expression over the instalment `i` whose placeholders count from $1 within
   * `guardParams` (e.g. the award still active; see `sendableGuard`).
   */
  guard?: string;
  guardParams?: unknown[];
  /** → approved: queue the instalments' payment jobs (outbox rows, dispatched after commit). */
  outbox?: boolean;
  /** Prefix of the parts' names, when one statement holds more than one move. */
  name?: string;
}

export interface MovedInstalment {
  id: string;
  awardId: string;
  organizationId: string;
  applicationId: string;
  instalmentNo: number;
  amountFen: number;
  attempts: number;
  from: InstalmentStatus;
  /** The award's status when the statement ran (a paid instalment of a revoked award goes on into recovery). */
  awardStatus: string;
  /** The money the transition's ledger line records: the amount, or the share claimed back (→ recovering, → recovered). */
  ledgerFen: number;
}

export interface MoveResult {
  moved: MovedInstalment[];
  /** Ids of the mail rows written; `dispatch` them after commit. */
  mailIds: string[];
}

/**
 * The writer of the instalment state machine (instalment-status.ts holds its table): the one place where a transition
 * becomes SQL. Each transition is a set of statement parts — the guarded status change under row locks (only along an
 * allowed transition for the actor; others are left alone), what the transition sets with it, its ledger line, its
 * recovery row, its audit event (the table's `audit` action, data from `auditData`, chained by platform's
 * AuditService in the same statement) and its mail to the organization (notifications' template and recipients,
 * platform's outbox) — that a
 * caller runs in its transaction (`move`) or composes into its own batched statement (`parts`), so a group-committed
 * path writes exactly what the single path writes, in one statement.
 */
@Injectable()
export class InstalmentMachine {
  constructor(
    private readonly mail: MailService,
    private readonly ds: DataSource,
    private readonly outbox: PaymentOutbox,
    private readonly audit: AuditService,
  ) {}

  /**
   * The parts of a move, and the SELECT that reads its outcome (one row: `moved` json, `mails` text[]; read it with
   * `result`). A caller that needs more of the moved rows may write its own SELECT over the part named `moved`
   * (columns id, award_id, organization_id, application_id, instalment_no, amount_fen, attempts, from_status, award_status).
   */
  parts(o: InstalmentMove): { parts: SqlPart[]; select: string; moved: string } {
    const p = o.name ?? 'mv';
    const allowed = sourcesOf(o.to, o.actor).filter((s) => !o.from || o.from.includes(s));
    if (o.to === 'planned' && allowed.includes('planned') && allowed.includes('held'))
      throw new Error('→ planned is either a milestone accepted (from planned) or a release (from held): name `from`');
    const items = unique(o.items);
    const mails = items.map((it) => this.mailOf(o.to, it));
    if (o.to === 'paid' || o.to === 'failed')
      if (items.some((it) => !it.facts)) throw new Error(`→ ${o.to} mails the organization: facts are needed`);
    const transitions = allowed.map((from) => findInstalmentTransition(from, o.to)!);
    const kinds = transitions.map((t) => t.kind);
    const audited = transitions.filter((t) => t.audit);
    // → planned from planned is the milestone accepted: only an instalment not yet due becomes due
    const guard = [o.guard, o.to === 'planned' && allowed.includes('planned') ? 'i.due_on IS NULL' : undefined]
      .filter(Boolean)
      .join(') AND (');
    const guardParams = o.guardParams ?? [];
    const sets = this.sets(o, allowed);
    const ledgerFen = ledgerAmountSql(o);
    const parts: SqlPart[] = [
      {
        name: `${p}_v`,
        sql: `SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                AS v(id, detail, reference, failure, subject, body, template)`,
        params: [
          items.map((it) => it.id),
          items.map((it) => JSON.stringify({ ...(o.detail ?? {}), ...(it.detail ?? {}) })),
          items.map((it) => it.reference ?? null),
          items.map((it) => (it.failure == null ? null : it.failure.slice(0, 300))),
          mails.map((m) => m?.subject ?? null),
          mails.map((m) => m?.text ?? null),
          mails.map((m) => m?.template ?? null),
        ],
      },
      {
        // the guard: only along an allowed transition, under row locks (a row changed meanwhile is re-checked)
        name: `${p}_lock`,
        sql: `SELECT i.id, i.status FROM instalment i
               WHERE i.id IN (SELECT id FROM ${p}_v) AND i.status = ANY($1::text[])${guard ? ` AND (${shift(guard, 1)})` : ''}
               ORDER BY i.id FOR UPDATE OF i`,
        params: [allowed, ...guardParams],
      },
      {
        name: `${p}_u`,
        sql: `UPDATE instalment i SET status = $1, updated_at = $2::timestamptz${sets.sql}
                FROM ${p}_lock c, ${p}_v v WHERE i.id = c.id AND v.id = c.id
              RETURNING i.id, i.award_id, i.organization_id, i.application_id, i.instalment_no, i.amount_fen, i.attempts,
                        c.status AS from_status, v.detail, v.subject, v.body, v.template,
                        CASE WHEN i.award_revoked_at IS NOT NULL THEN 'revoked' ELSE ${awardStatusSql('i.award_id')} END AS award_status`,
        params: [o.to, o.at.toISOString(), ...sets.params],
      },
      {
        name: `${p}_ledger`,
        sql: `INSERT INTO payment_ledger (instalment_id, award_id, at, kind, from_status, to_status, amount_fen, actor_id, detail)
              SELECT u.id, u.award_id, $1::timestamptz, ($4::text[])[array_position($3::text[], u.from_status)], u.from_status, $2,
                     ${ledgerFen}, $5::uuid, u.detail${o.to === 'sending' && o.actor === 'system' ? ` || jsonb_build_object('attempt', u.attempts)` : ''}
                FROM ${p}_u u`,
        params: [o.at.toISOString(), o.to, allowed, kinds, o.actorId],
      },
    ];
    if (audited.length) {
      const data = this.auditData(o);
      parts.push(
        this.audit.rowEventsPart(`${p}_audit`, {
          from: `${p}_u u`,
          where: `u.from_status = ANY($1::text[])`,
          action: `($2::text[])[array_position($1::text[], u.from_status)]`,
          entityType: 'instalment',
          entityId: 'u.id',
          data: shift(data.sql, 2),
          order: 'u.id',
          actorId: o.actorId,
          params: [audited.map((t) => t.from), audited.map((t) => t.audit), ...data.params],
        }),
        ...this.audit.chainParts(`${p}_audit`, `${p}_audit`),
      );
    }
    if (o.outbox) {
      if (o.to !== 'approved') throw new Error('only → approved queues a payment job');
      parts.push({
        name: `${p}_outbox`,
        sql: `INSERT INTO payment_outbox (id) SELECT id FROM ${p}_u
              ON CONFLICT (id) DO UPDATE SET status = 'queued', created_at = now(), sent_at = NULL`,
        params: [],
      });
    }
    if (allowed.includes('approved'))
      // leaving approved: the outbox row's work is done (the reconciler looks after a `sending` one)
      parts.push({
        name: `${p}_outbox_sent`,
        sql: `UPDATE payment_outbox o SET status = 'sent', sent_at = now()
                FROM ${p}_u u WHERE o.id = u.id AND u.from_status = 'approved' AND o.status = 'queued'`,
        params: [],
      });
    if (o.to === 'recovering')
      parts.push({
        name: `${p}_recovery`,
        sql: `INSERT INTO payment_recovery (instalment_id, award_id, organization_id, amount_fen, reason, opened_at)
              SELECT u.id, u.award_id, u.organization_id, ${ledgerFen}, $1, $2::timestamptz FROM ${p}_u u
              ON CONFLICT (instalment_id) DO NOTHING`,
        params: [(o.reason ?? '').slice(0, 1000), o.at.toISOString()],
      });
    if (o.to === 'recovered')
      parts.push({
        name: `${p}_recovery`,
        sql: `UPDATE payment_recovery r SET status = 'recovered', recovered_at = $1::timestamptz, recovered_by = $2::uuid, note = $3
                FROM ${p}_u u WHERE r.instalment_id = u.id`,
        params: [o.at.toISOString(), o.actorId, o.reason ?? null],
      });
    let mailSelect = `'{}'::text[]`;
    if (mails.some(Boolean)) {
      parts.push({
        name: `${p}_mail`,
        sql: `SELECT organization_id, subject, body AS body_text, template, '/my/awards/' || award_id AS link
                FROM ${p}_u WHERE subject IS NOT NULL`,
        params: [],
      });
      const m = organizationMailParts(this.mail, `${p}_mail`, p);
      parts.push(...m.parts);
      mailSelect = `coalesce((SELECT array_agg(id::text) FROM ${m.ids}), '{}')`;
    }
    const select = `SELECT coalesce((SELECT json_agg(json_build_object('id', u.id, 'awardId', u.award_id, 'organizationId', u.organization_id,
        'applicationId', u.application_id, 'instalmentNo', u.instalment_no, 'amountFen', u.amount_fen, 'attempts', u.attempts,
        'from', u.from_status, 'awardStatus', u.award_status, 'ledgerFen', ${ledgerFen}) ORDER BY u.id) FROM ${p}_u u), '[]') AS moved, ${mailSelect} AS mails`;
    return { parts, select, moved: `${p}_u` };
  }

  /** Reads the one row of a move's SELECT. */
  result(rows: { moved: MovedInstalment[]; mails: string[] }[]): MoveResult {
    const r = rows[0] ?? { moved: [], mails: [] };
    return {
      moved: r.moved.map((x) => ({
        ...x,
        instalmentNo: Number(x.instalmentNo),
        amountFen: Number(x.amountFen),
        attempts: Number(x.attempts),
        ledgerFen: Number(x.ledgerFen),
      })),
      mailIds: r.mails ?? [],
    };
  }

  /** Runs a move in the caller's transaction (one statement); its mails are dispatched after commit. */
  async move(tx: Tx, o: InstalmentMove): Promise<MovedInstalment[]> {
    if (!o.items.length) return [];
    const { parts, select } = this.parts(o);
    const res = this.result(await runParts(tx.manager, parts, select));
    for (const id of res.mailIds) tx.afterCommit(() => this.mail.dispatch(id));
    if (o.outbox && res.moved.length) tx.afterCommit(() => this.outbox.dispatch(res.moved.map((m) => m.id)));
    return res.moved;
  }

  /** Runs a move as its own autocommit statement (prepared); its mails are dispatched at once. */
  async moveNow(o: InstalmentMove): Promise<MoveResult> {
    if (!o.items.length) return { moved: [], mailIds: [] };
    const { parts, select } = this.parts(o);
    const res = this.result(await runParts(this.ds, parts, select));
    this.dispatch(res.mailIds);
    if (o.outbox) this.outbox.dispatch(res.moved.map((m) => m.id));
    return res;
  }

  /** Puts the jobs of mail rows into the queue; if that fails the mail relay catches up. */
  dispatch(mailIds: string[]): void {
    for (const id of mailIds) void this.mail.dispatch(id).catch(() => undefined);
  }

  /**
   * The columns a transition sets with the status ($1 = status and $2 = the instant are the UPDATE's own; v = the item,
   * c = the locked row as it was).
   */
  private sets(o: InstalmentMove, from: InstalmentStatus[]): { sql: string; params: unknown[] } {
    switch (o.to) {
      case 'batched':
        if (!o.batchId) throw new Error('→ batched needs the batch');
        return { sql: `, batch_id = $3::uuid`, params: [o.batchId] };
      case 'approved':
        // a retry of a failed instalment (approved by a second person) starts a fresh round of attempts; the proposal is done
        return from.includes('failed')
          ? {
              sql: `, failure = CASE WHEN c.status = 'failed' THEN NULL ELSE i.failure END,
                      attempts = CASE WHEN c.status = 'failed' THEN 0 ELSE i.attempts END,
                      retry_proposed_by = NULL, retry_proposed_at = NULL`,
              params: [],
            }
          : { sql: '', params: [] };
      case 'sending':
        if (!o.rail) throw new Error('→ sending needs the rail');
        // attempts count the worker's tries at an online rail (PAYMENT_MAX_ATTEMPTS); a bank file export is not one.
        // sending_since is a transport timeout's start, on the database's clock (not business time: a frozen staging
        // clock would keep a claim from a crashed worker "fresh" for good, and the reconciler would never ask the rail)
        return {
          sql: `, sending_since = now(), rail = $3::text${o.actor === 'system' ? ', attempts = i.attempts + 1' : ''}`,
          params: [o.rail],
        };
      case 'held':
        if (!o.holdReason) throw new Error('→ held needs the reason');
        return { sql: `, hold_reasons = ARRAY[$3::text]`, params: [o.holdReason] };
      case 'planned':
        // released from its last hold: it keeps its due day
        if (from.includes('held')) return { sql: `, hold_reasons = '{}'`, params: [] };
        // the milestone accepted: due from `dueOn`
        if (!o.dueOn) throw new Error('→ planned (due) needs the day');
        return {
          sql: `, due_on = $3::date, milestone_accepted_at = $2::timestamptz, milestone_accepted_by = $4::uuid, milestone_note = $5`,
          params: [o.dueOn, o.actorId, o.reason ?? null],
        };
      case 'paid':
        return { sql: `, paid_at = $2::timestamptz, rail_reference = v.reference, failure = NULL`, params: [] };
      case 'failed':
        return { sql: `, failure = v.failure`, params: [] };
      default:
        return { sql: '', params: [] };
    }
  }

  /**
   * The data of a transition's audit event, a jsonb SQL expression over the moved row `u` (columns of the part `moved`)
   * whose placeholders count from $1 within `params`: flat (AuditService.rowEventsPart).
   */
  private auditData(o: InstalmentMove): { sql: string; params: unknown[] } {
    switch (o.to) {
      case 'held':
        return {
          sql: `jsonb_build_object('awardId', u.award_id, 'instalmentNo', u.instalment_no, 'reason', $1::text)`,
          params: [o.holdReason ?? null],
        };
      case 'planned':
        if (o.from?.includes('held'))
          return {
            sql: `jsonb_build_object('awardId', u.award_id, 'instalmentNo', u.instalment_no, 'reason', $1::text)`,
            params: [o.holdReason ?? o.reason ?? null],
          };
        return {
          sql: `jsonb_build_object('awardId', u.award_id, 'instalmentNo', u.instalment_no, 'note', $1::text, 'dueOn', $2::text)`,
          params: [o.reason ?? null, o.dueOn],
        };
      case 'recovered':
        return {
          sql: `jsonb_build_object('amountFen', ${ledgerAmountSql(o)}, 'note', $1::text)`,
          params: [o.reason ?? null],
        };
      default:
        return { sql: `'{}'::jsonb`, params: [] };
    }
  }

  private mailOf(to: InstalmentStatus, it: MoveItem) {
    if (!it.facts) return null;
    const f = { ...it.facts, organization: it.facts.organizationName };
    if (to === 'paid') return paymentSent({ ...f, reference: it.reference ?? null });
    if (to === 'failed') return paymentFailed({ ...f, failure: it.failure ?? '' });
    return null;
  }
}

/** The items with repeated ids dropped (the first one counts). */
export function unique<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((it) => (seen.has(it.id) ? false : (seen.add(it.id), true)));
}

/**
 * The money of a move's ledger line, over the moved row `u`: → recovering the share claimed back (rounded down to the
 * fen), → recovered what its recovery row claims (written by → recovering), otherwise the instalment's amount. The one
 * definition of a partial recovery's amount: the recovery row, the ledger and the callers' sums all read it.
 */
function ledgerAmountSql(o: InstalmentMove): string {
  if (o.to === 'recovering') {
    const pct = o.recoveryPercent ?? 100;
    if (!Number.isInteger(pct) || pct < 0 || pct > 100)
      throw new Error(`recoveryPercent ${pct}: a whole percent 0–100`);
    return pct === 100 ? 'u.amount_fen' : `(u.amount_fen * ${pct}) / 100`;
  }
  if (o.to === 'recovered')
    return `coalesce((SELECT r.amount_fen FROM payment_recovery r WHERE r.instalment_id = u.id), u.amount_fen)`;
  return 'u.amount_fen';
}

function shift(sql: string, offset: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/**
 * The guard of the worker's approved → sending (beside the status): the award is still active, the instalment does not
 * leave with a bank file, and its organization is not excluded on `today` (YYYY-MM-DD, Asia/Shanghai).
 */
export function sendableGuard(today: string): Pick<InstalmentMove, 'guard' | 'guardParams'> {
  return {
    guard: `${awardStatusSql('i.award_id')} = 'active'
        AND COALESCE((SELECT b.rail FROM payment_batch b WHERE b.id = i.batch_id), '') <> 'bank-file'
        AND NOT ${organizationExcludedSql('i.organization_id', '$1')}`,
    guardParams: [today],
  };
}

import { Injectable } from '@nestjs/common';
import { AuditService, ClockService, DomainError, runParts, SqlPart, Tx } from '@portal/platform';
import { ApplicationStatus } from './application.entity';

/** Who makes a transition: the applicant organization's member, a program officer, or the portal itself (jobs). */
export type ActorKind = 'owner' | 'officer' | 'system';

export interface TransitionActor {
  kind: ActorKind;
  userId: string | null;
}

export interface TransitionRule {
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  by: readonly ActorKind[];
  /** Audit action: `application.<event>`. */
  event: string;
}

/** Every status change an application may make, and who may make it. Nothing else is allowed. */
export const APPLICATION_TRANSITIONS: readonly TransitionRule[] = [
  { from: null, to: 'draft', by: ['owner'], event: 'created' },
  { from: 'draft', to: 'submitted', by: ['owner'], event: 'submitted' },
  { from: 'returned', to: 'submitted', by: ['owner'], event: 'resubmitted' },
  { from: 'draft', to: 'withdrawn', by: ['owner'], event: 'withdrawn' },
  { from: 'submitted', to: 'withdrawn', by: ['owner'], event: 'withdrawn' },
  { from: 'returned', to: 'withdrawn', by: ['owner'], event: 'withdrawn' },
  // formal check (形式审查)
  { from: 'submitted', to: 'under_review', by: ['officer'], event: 'accepted' },
  { from: 'submitted', to: 'returned', by: ['officer'], event: 'returned' },
  { from: 'submitted', to: 'rejected', by: ['officer'], event: 'rejected' },
  // review, decisions, notice and finalize (driven by the review and awards features)
  { from: 'under_review', to: 'reviewed', by: ['officer', 'system'], event: 'reviewed' },
  { from: 'reviewed', to: 'proposed', by: ['officer'], event: 'proposed' },
  { from: 'proposed', to: 'reviewed', by: ['officer'], event: 'proposal-withdrawn' },
  { from: 'proposed', to: 'awarded', by: ['officer', 'system'], event: 'awarded' },
  { from: 'under_review', to: 'not_awarded', by: ['officer', 'system'], event: 'not-awarded' },
  { from: 'reviewed', to: 'not_awarded', by: ['officer', 'system'], event: 'not-awarded' },
  { from: 'proposed', to: 'not_awarded', by: ['officer', 'system'], event: 'not-awarded' },
  { from: 'awarded', to: 'revoked', by: ['officer'], event: 'revoked' },
];

export function findTransition(from: ApplicationStatus | null, to: ApplicationStatus): TransitionRule | undefined {
  return APPLICATION_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** Columns a transition may set together with the status (one UPDATE). */
export interface TransitionColumns {
  number?: string;
  submitted_at?: Date;
  first_submitted_at?: Date;
}

export interface TransitionOptions {
  comment?: string | null;
  set?: TransitionColumns;
  /** Extra audit data. */
  data?: Record<string, unknown>;
  /** Other rows to write in the same statement (e.g. the receipt mail's outbox row). */
  also?: SqlPart[];
}

const SETTABLE = new Set(['number', 'submitted_at', 'first_submitted_at']);

/** The history entry of a status change, as a part of the change's statement (written only with a row of `after`). */
function historyPart(
  applicationId: string,
  at: Date,
  actor: TransitionActor,
  from: ApplicationStatus | null,
  to: ApplicationStatus,
  comment: string | null,
  after?: string,
): SqlPart {
  return {
    name: 'h',
    sql: `INSERT INTO application_history (application_id, at, actor_id, from_status, to_status, comment) SELECT $1, $2, $3, $4, $5, $6 ${after ? `FROM ${after}` : ''}`,
    params: [applicationId, at, actor.userId, from, to, comment],
  };
}

function notAllowed(from: ApplicationStatus | null, to: ApplicationStatus): DomainError {
  return new DomainError('conflict', 'APPLICATION.INVALID_TRANSITION', {
    zh: `申报当前状态（${from ?? '无'}）不允许变为 ${to}`,
    en: `An application in status ${from ?? 'none'} cannot become ${to}`,
  });
}

/**
 * The one way an application's status changes: checks the transition and the actor, updates the row (guarded by
 * the expected status, so a concurrent change is a 409), and writes the history entry and the audit event in the
 * caller's transaction.
 */
@Injectable()
export class ApplicationStateMachine {
  constructor(
    private readonly clock: ClockService,
    private readonly audit: AuditService,
  ) {}

  /** Checks without changing anything (for early answers). */
  assertAllowed(from: ApplicationStatus | null, to: ApplicationStatus, actor: TransitionActor): TransitionRule {
    const rule = findTransition(from, to);
    if (!rule) throw notAllowed(from, to);
    if (!rule.by.includes(actor.kind))
      throw new DomainError('forbidden', 'APPLICATION.TRANSITION_FORBIDDEN', {
        zh: '您无权进行此状态变更',
        en: `Only ${rule.by.join(' or ')} may move an application from ${from ?? 'none'} to ${to}`,
      });
    return rule;
  }

  /** A new draft was inserted by the caller: records the creation. */
  async created(
    tx: Tx,
    applicationId: string,
    actor: TransitionActor,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    const rule = this.assertAllowed(null, 'draft', actor);
    await this.record(tx, applicationId, rule, actor, null, data);
  }

  /** Moves the application from `from` to `to`; returns the new version. */
  async transition(
    tx: Tx,
    app: { id: string; status: ApplicationStatus },
    to: ApplicationStatus,
    actor: TransitionActor,
    opts: TransitionOptions = {},
  ): Promise<number> {
    const rule = this.assertAllowed(app.status, to, actor);
    const now = this.clock.now();
    const params: unknown[] = [app.id, app.status, to, now];
    const sets = ['status = $3', 'updated_at = $4', 'version = version + 1'];
    for (const [col, value] of Object.entries(opts.set ?? {})) {
      if (!SETTABLE.has(col) || value === undefined) continue;
      params.push(value);
      sets.push(`${col} = $${params.length}`);
    }
    // the update, its history entry, the audit event and the caller's extra rows in one round trip; when no row was
    // updated (the status moved meanwhile) the caller gets a 409 and the transaction, with whatever else ran, rolls back
    const rows = await runParts<{ version: number }>(
      tx.manager,
      [
        {
          name: 'u',
          sql: `UPDATE application SET ${sets.join(', ')} WHERE id = $1 AND status = $2 RETURNING version`,
          params,
        },
        historyPart(app.id, now, actor, app.status, to, opts.comment ?? null, 'u'),
        ...this.audit.parts(this.auditEvent(app.id, rule, actor, opts.comment ?? null, opts.data ?? {})),
        ...(opts.also ?? []),
      ],
      'SELECT version FROM u',
    );
    if (!rows.length) throw notAllowed(app.status, to);
    return rows[0].version;
  }

  private async record(
    tx: Tx,
    applicationId: string,
    rule: TransitionRule,
    actor: TransitionActor,
    comment: string | null,
    data: Record<string, unknown>,
  ) {
    await runParts(
      tx.manager,
      [
        historyPart(applicationId, this.clock.now(), actor, rule.from, rule.to, comment),
        ...this.audit.parts(this.auditEvent(applicationId, rule, actor, comment, data)),
      ],
      'SELECT 1',
    );
  }

  /** The audit event of a status change. */
  auditEvent(
    applicationId: string,
    rule: TransitionRule,
    actor: TransitionActor,
    comment: string | null,
    data: Record<string, unknown>,
  ) {
    return {
      actorId: actor.userId,
      action: `application.${rule.event}`,
      entityType: 'application',
      entityId: applicationId,
      data: { from: rule.from, to: rule.to, ...(comment ? { comment } : {}), ...data },
    };
  }
}

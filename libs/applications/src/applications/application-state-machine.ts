import { Injectable } from '@nestjs/common';
import { AuditService, ClockService, DomainError, runParts, SqlPart, Tx } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
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
  // the provincial stage (calls with provincialStage check or recommend; ProvincialStageService says which officer):
  // the province's formal check (初审) passes an application on — straight to the national office on a `check` call,
  // into the province's recommendation on a `recommend` call — or returns or rejects it as above
  { from: 'submitted', to: 'forwarded', by: ['officer'], event: 'forwarded' },
  { from: 'submitted', to: 'provincial_passed', by: ['officer'], event: 'provincial-passed' },
  { from: 'provincial_passed', to: 'forwarded', by: ['officer'], event: 'recommended' },
  { from: 'provincial_passed', to: 'not_recommended', by: ['officer'], event: 'not-recommended' },
  // the national formal check of what a province forwarded
  { from: 'forwarded', to: 'under_review', by: ['officer'], event: 'accepted' },
  { from: 'forwarded', to: 'rejected', by: ['officer'], event: 'rejected' },
  { from: 'provincial_passed', to: 'withdrawn', by: ['owner'], event: 'withdrawn' },
  { from: 'forwarded', to: 'withdrawn', by: ['owner'], event: 'withdrawn' },
];

export function findTransition(from: ApplicationStatus | null, to: ApplicationStatus): TransitionRule | undefined {
  return APPLICATION_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export interface TransitionOptions {
  comment?: string | null;
  /** Extra audit data. */
  data?: Record<string, unknown>;
}

/**
 * A set of applications to move, as the name of a part of the caller's statement with one row per application and
 * the columns: `id`, `from_status` (the guard: a row whose status is no longer this is skipped), `at`, `actor_id`,
 * `comment`, `ord` (the order of the audit events in the chain), `audit_text`, `audit_at`, `action`, `audit_data`
 * (the audit event as `event()` made it) and, for a submit, `number` (the number the application keeps or takes).
 */
export interface MoveRows {
  rows: string;
  /**
   * The audit text and data as chained, SQL over the source row `r` and the updated row `u` (columns id, version,
   * number); by default `r.audit_text` / `r.audit_data`. The submit puts the number it has just taken in them.
   */
  auditText?: string;
  auditData?: string;
}

/** What a move to a status writes besides status, updated_at and version, as SQL over the source row `r`. */
const EFFECTS: Partial<Record<ApplicationStatus, string>> = {
  submitted: `number = r.number, submitted_at = r.at, first_submitted_at = coalesce(application.first_submitted_at, r.at)`,
  // the province hands it to the national office
  forwarded: `level = 'national', forwarded_at = r.at`,
};

/** Moves whose effects need columns only their batched writer's rows carry (the submit's number). */
const BATCHED_ONLY: readonly ApplicationStatus[] = ['submitted'];

/** The history entries of the rows of `rows` (columns id, at, actor_id, from_status, comment) that are in `only`. */
function historyPart(rows: string, to: ApplicationStatus, only?: string): SqlPart {
  return {
    name: 'h',
    sql: `INSERT INTO application_history (application_id, at, actor_id, from_status, to_status, comment)
          SELECT r.id, r.at, r.actor_id, r.from_status, '${to}', r.comment FROM ${rows} r ${only ? `JOIN ${only} USING (id)` : ''}`,
    params: [],
  };
}

/** The audit events of the rows of `rows` that are in `only`, as the rows `AuditService.chainParts` appends. */
function auditSrcPart(rows: string, only?: string, text = 'r.audit_text', data = 'r.audit_data'): SqlPart {
  return {
    name: 'audit_src',
    sql: `SELECT row_number() OVER (ORDER BY r.ord) AS i, ${text} AS text, r.audit_at AS at, r.actor_id, r.action,
                 'application'::text AS entity_type, r.id::text AS entity_id, (${data})::jsonb AS data
            FROM ${rows} r ${only ? `JOIN ${only} USING (id)` : ''}`,
    params: [],
  };
}

function notAllowed(from: ApplicationStatus | null, to: ApplicationStatus): DomainError {
  return APPLICATION_ERRORS['APPLICATION.INVALID_TRANSITION']({ from, to });
}

/**
 * The one way an application's status changes, and the only source of its SQL: checks the transition and the actor,
 * and returns the parts that update the rows (guarded by the expected status, so a concurrent change writes nothing),
 * write the history entries and chain the audit events. `transition` runs them for one application in the caller's
 * transaction; a batched writer (SubmitWriter) composes `moveParts` into its own set-based statement.
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
      throw APPLICATION_ERRORS['APPLICATION.TRANSITION_FORBIDDEN']({ by: rule.by, from, to });
    return rule;
  }

  /** A new draft was inserted by the caller: records the creation. */
  async created(
    tx: Tx,
    applicationId: string,
    actor: TransitionActor,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    this.assertAllowed(null, 'draft', actor);
    await runParts(
      tx.manager,
      [
        this.rowPart(applicationId, null, 'draft', actor, null, data),
        historyPart('r', 'draft'),
        auditSrcPart('r'),
        ...this.audit.chainParts('audit_src'),
      ],
      'SELECT 1',
    );
  }

  /** Moves the application from its status to `to` in the caller's transaction; returns the new version. */
  async transition(
    tx: Tx,
    app: { id: string; status: ApplicationStatus },
    to: ApplicationStatus,
    actor: TransitionActor,
    opts: TransitionOptions = {},
  ): Promise<number> {
    if (BATCHED_ONLY.includes(to)) throw new Error(`a move to ${to} goes through its batched writer`);
    this.assertAllowed(app.status, to, actor);
    // the update, its history entry and the audit event in one round trip; when no row was updated (the status moved
    // meanwhile) the caller gets a 409 and the transaction, with whatever else ran, rolls back
    const rows = await runParts<{ version: number }>(
      tx.manager,
      [
        this.rowPart(app.id, app.status, to, actor, opts.comment ?? null, opts.data ?? {}),
        ...this.moveParts(to, { rows: 'r' }),
      ],
      'SELECT version FROM u',
    );
    if (!rows.length) throw notAllowed(app.status, to);
    return rows[0].version;
  }

  /**
   * The parts that move the rows of `m.rows` (see MoveRows) to `to`: `u` the guarded update (columns id, version,
   * number of the rows updated), `h` their history entries, and their audit events (`audit_src` and AuditService's
   * chain parts). Each row's transition must have been checked with assertAllowed.
   */
  moveParts(to: ApplicationStatus, m: MoveRows): SqlPart[] {
    const effects = EFFECTS[to] ? `, ${EFFECTS[to]}` : '';
    return [
      {
        name: 'u',
        sql: `UPDATE application SET status = '${to}', updated_at = r.at, version = application.version + 1${effects}
                FROM ${m.rows} r WHERE application.id = r.id AND application.status = r.from_status
           RETURNING application.id, application.version, application.number`,
        params: [],
      },
      historyPart(m.rows, to, 'u'),
      auditSrcPart(m.rows, 'u', m.auditText, m.auditData),
      ...this.audit.chainParts('audit_src'),
    ];
  }

  /**
   * The audit event of a status change, as the columns of a MoveRows row (`audit_text`, `audit_at`, `action`,
   * `audit_data`: see AuditService.event).
   */
  event(
    applicationId: string,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    actor: TransitionActor,
    comment: string | null,
    data: Record<string, unknown>,
  ) {
    const rule = findTransition(from, to)!;
    return this.audit.event({
      actorId: actor.userId,
      action: `application.${rule.event}`,
      entityType: 'application',
      entityId: applicationId,
      data: { from, to, ...(comment ? { comment } : {}), ...data },
    });
  }

  /** One application's MoveRows row (named `r`). */
  private rowPart(
    id: string,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    actor: TransitionActor,
    comment: string | null,
    data: Record<string, unknown>,
  ): SqlPart {
    const e = this.event(id, from, to, actor, comment, data);
    return {
      name: 'r',
      sql: `SELECT $1::uuid AS id, $2::text AS from_status, $3::timestamptz AS at, $4::uuid AS actor_id, $5::text AS comment, 1 AS ord,
                   $6::text AS audit_text, $7::timestamptz AS audit_at, $8::text AS action, $9::text AS audit_data`,
      params: [id, from, this.clock.now(), actor.userId, comment, e.text, e.at, e.action, e.data],
    };
  }
}

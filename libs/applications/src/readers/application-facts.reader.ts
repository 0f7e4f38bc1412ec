import { EntityManager } from 'typeorm';
import { ApplicationStatus } from '../applications/application.entity';

/**
 * Applications' readers of `application` and `call` for other libs (payments, review, awards): named queries, and
 * SQL fragments for reads that must stay inside the caller's one statement.
 */

/**
 * A LATERAL join giving an application's `title` and `number` under `alias`, for the id held by the SQL expression
 * `applicationId`.
 */
export function applicationTitleJoin(alias: string, applicationId: string): string {
  return `JOIN LATERAL (SELECT a.title, a.number FROM application a WHERE a.id = ${applicationId}) ${alias} ON true`;
}

/** Whether a call exists. */
export async function callExists(m: EntityManager, callId: string): Promise<boolean> {
  const rows = await m.query(`SELECT 1 FROM call WHERE id = $1`, [callId]);
  return rows.length > 0;
}

/**
 * The columns of `application` other libs may read, as a relation for the caller's FROM list under `alias` (e.g.
 * `JOIN ${applicationsRelation('a')} ON a.id = r.application_id`). A plain subquery: Postgres folds it into the
 * caller's statement, so the plan is the one a direct join would get.
 */
export function applicationsRelation(alias: string): string {
  return `(SELECT id, call_id, organization_id, program_code, track, title, payload, status, number, first_submitted_at,
                  submitted_at, created_by, created_at, updated_at, award_id, level
             FROM application) ${alias}`;
}

/**
 * The columns of `call` other libs may read, as a relation for the caller's FROM list under `alias` (see
 * applicationsRelation).
 */
export function callsRelation(alias: string): string {
  return `(SELECT id, program_code, year, title, opens_at, closes_at, reviewers_per_application, blind_review, region_recusal,
                  notice_working_days, aggregation, spread_threshold, request_share_percent, payment_dual_control,
                  review_closed_at, finalized_at, provincial_stage, provincial_closes_at,
                  agreement_required, reports_required, annual_review, deliberation
             FROM call) ${alias}`;
}

/** The settings of what follows an award (issue 13) of a call; all false for an unknown call. */
export interface CallFollowupSettings {
  agreementRequired: boolean;
  reportsRequired: boolean;
  annualReview: boolean;
}

export async function callFollowupSettings(m: EntityManager, callId: string): Promise<CallFollowupSettings> {
  const rows: { a: boolean; r: boolean; y: boolean }[] = await m.query(
    `SELECT agreement_required AS a, reports_required AS r, annual_review AS y FROM call WHERE id = $1`,
    [callId],
  );
  const r = rows[0];
  return { agreementRequired: r?.a === true, reportsRequired: r?.r === true, annualReview: r?.y === true };
}

/**
 * Whether the call's payments are under dual control (`paymentDualControl`): a retry and a bank return's failed lines
 * then need a second finance user. False for an unknown call.
 */
export async function callPaymentDualControl(m: EntityManager, callId: string): Promise<boolean> {
  const rows: { dual: boolean }[] = await m.query(`SELECT payment_dual_control AS dual FROM call WHERE id = $1`, [
    callId,
  ]);
  return rows[0]?.dual === true;
}

/** The ids of a call's applications in `status`, in id order. */
export async function applicationIdsInStatus(
  m: EntityManager,
  callId: string,
  status: ApplicationStatus,
): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM application WHERE call_id = $1 AND status = $2 ORDER BY id`,
    [callId, status],
  );
  return rows.map((r) => r.id);
}

/**
 * Locks (FOR UPDATE, in id order, for the rest of the caller's transaction) those of `ids` that belong to the call
 * and are still in `status`, and returns them: the rows a transition of the state machine then moves.
 */
export async function lockApplicationsInStatus<S extends ApplicationStatus>(
  m: EntityManager,
  callId: string,
  ids: string[],
  status: S,
): Promise<{ id: string; status: S }[]> {
  if (ids.length === 0) return [];
  return m.query(
    `SELECT id, status FROM application WHERE call_id = $1 AND status = $2 AND id = ANY($3::uuid[]) ORDER BY id FOR UPDATE`,
    [callId, status, ids],
  );
}

/** The public facts of the application with this number (the dossier's public check); null when there is none. */
export interface NumberedApplication {
  id: string;
  number: string;
  programCode: string;
  title: string;
  status: ApplicationStatus;
}

export async function applicationByNumber(m: EntityManager, number: string): Promise<NumberedApplication | null> {
  const rows: { id: string; number: string; program_code: string; title: string; status: ApplicationStatus }[] =
    await m.query(`SELECT id, number, program_code, title, status FROM application WHERE number = $1`, [number]);
  const r = rows[0];
  return r ? { id: r.id, number: r.number, programCode: r.program_code, title: r.title, status: r.status } : null;
}

import { EntityManager } from 'typeorm';

/**
 * Applications' readers of `call` and `application` for awards (decisions, notices, objections, finalize, awards,
 * certificates): named queries, SQL fragments for reads that must stay inside the caller's one statement, and the one
 * change awards makes to a call (finalized). Nothing here changes an application: its status moves only through
 * ApplicationStateMachine, its award link through ApplicationsService.linkAward.
 */

/** What awards needs to know about a call. */
export interface CallForAwards {
  id: string;
  programCode: string;
  year: number;
  title: string;
  budgetFen: number;
  noticeWorkingDays: number;
  aggregation: 'mean' | 'trimmed' | 'zscore';
  spreadThreshold: number;
  reviewClosedAt: Date | null;
  finalizedAt: Date | null;
}

interface CallRow {
  id: string;
  program_code: string;
  year: number | string;
  title: string;
  budget_fen: number | string;
  notice_working_days: number | string;
  aggregation: 'mean' | 'trimmed' | 'zscore';
  spread: number | string;
  review_closed_at: Date | null;
  finalized_at: Date | null;
}

/**
 * One call, or null. `lock` takes its row lock (FOR UPDATE): awards' decisions, notice, objections and finalize of one
 * call then run one at a time, and the call cannot change under them.
 */
export async function readCallForAwards(m: EntityManager, callId: string, lock = false): Promise<CallForAwards | null> {
  const rows: CallRow[] = await m.query(
    `SELECT id, program_code, year, title, budget_fen, notice_working_days, aggregation, spread_threshold::float8 AS spread,
            review_closed_at, finalized_at
       FROM call WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [callId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    programCode: r.program_code,
    year: Number(r.year),
    title: r.title,
    budgetFen: Number(r.budget_fen),
    noticeWorkingDays: Number(r.notice_working_days),
    aggregation: r.aggregation,
    spreadThreshold: Number(r.spread),
    reviewClosedAt: r.review_closed_at,
    finalizedAt: r.finalized_at,
  };
}

/** Marks a call finalized (awards' finalize, in its transaction, with the call locked by `readCallForAwards`). */
export async function markCallFinalized(m: EntityManager, callId: string, at: Date): Promise<void> {
  await m.query(`UPDATE call SET finalized_at = $2, updated_at = $2, version = version + 1 WHERE id = $1`, [
    callId,
    at,
  ]);
}

/**
 * A LATERAL join giving a call's `call_title`, `program_code` and `year` under `alias`, for the id held by the SQL
 * expression `callId` (e.g. `n.call_id`).
 */
export function callTitleJoin(alias: string, callId: string): string {
  return `JOIN LATERAL (SELECT c.title AS call_title, c.program_code, c.year FROM call c WHERE c.id = ${callId}) ${alias} ON true`;
}

/**
 * The applications as a FROM item under `alias`, with the columns awards reads: id, call_id, number, title, track,
 * status, organization_id, payload. Filter it in the caller's WHERE; `FOR UPDATE OF <alias>` locks the rows.
 */
export function applicationsFrom(alias: string): string {
  return `(SELECT a.id, a.call_id, a.number, a.title, a.track, a.status, a.organization_id, a.payload FROM application a) ${alias}`;
}

/** One application as awards moves it: its status, track, organization and call. */
export interface ApplicationForAwards {
  id: string;
  callId: string;
  status: string;
  track: string | null;
  organizationId: string;
}

/**
 * One application under its row lock (FOR UPDATE), or null; with `callId`, only when it belongs to that call. Its
 * status is then what ApplicationStateMachine will move.
 */
export async function lockApplicationForAwards(
  m: EntityManager,
  id: string,
  callId?: string,
): Promise<ApplicationForAwards | null> {
  const rows: { id: string; call_id: string; status: string; track: string | null; organization_id: string }[] =
    await m.query(
      `SELECT id, call_id, status, track, organization_id FROM application
        WHERE id = $1 ${callId ? 'AND call_id = $2' : ''} FOR UPDATE`,
      callId ? [id, callId] : [id],
    );
  const r = rows[0];
  return r
    ? { id: r.id, callId: r.call_id, status: r.status, track: r.track, organizationId: r.organization_id }
    : null;
}

import { EntityManager } from 'typeorm';
import { AWARD_ERRORS } from '../errors';

/** What the awards feature needs to know about a call. */
export interface CallFacts {
  id: string;
  programCode: string;
  year: number;
  title: string;
  budgetFen: number;
  noticeWorkingDays: number;
  reviewClosedAt: Date | null;
  finalizedAt: Date | null;
}

/** The call (locked FOR UPDATE when `lock`: decisions, notices and finalize of one call then run one at a time). */
export async function loadCall(m: EntityManager, callId: string, lock = false): Promise<CallFacts> {
  const rows = await m.query(
    `SELECT id, program_code, year, title, budget_fen, notice_working_days, review_closed_at, finalized_at FROM call WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [callId],
  );
  if (!rows.length) throw AWARD_ERRORS['CALL.NOT_FOUND']();
  const r = rows[0];
  return {
    id: r.id,
    programCode: r.program_code,
    year: Number(r.year),
    title: r.title,
    budgetFen: Number(r.budget_fen),
    noticeWorkingDays: Number(r.notice_working_days),
    reviewClosedAt: r.review_closed_at,
    finalizedAt: r.finalized_at,
  };
}

export function assertNotFinalized(call: CallFacts): void {
  if (call.finalizedAt) throw AWARD_ERRORS['CALL.FINALIZED']();
}

/** The call's notice, if one was published. */
export async function noticeOf(
  m: EntityManager,
  callId: string,
): Promise<{ id: string; startsAt: Date; endsAt: Date } | null> {
  const rows = await m.query(`SELECT id, starts_at, ends_at FROM public_notice WHERE call_id = $1`, [callId]);
  return rows.length ? { id: rows[0].id, startsAt: rows[0].starts_at, endsAt: rows[0].ends_at } : null;
}

export const isStaff = (roles: string[]) => roles.some((r) => r === 'officer' || r === 'finance' || r === 'admin');

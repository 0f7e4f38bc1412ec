import { EntityManager } from 'typeorm';
import { CallForAwards, readCallForAwards } from '@portal/applications';
import { AWARD_ERRORS } from '../errors';
import { APPLICATION_ERRORS } from '@portal/applications';

/** What the awards feature needs to know about a call (applications' reader). */
export type CallFacts = CallForAwards;

/** The call (locked FOR UPDATE when `lock`: decisions, notices and finalize of one call then run one at a time). */
export async function loadCall(m: EntityManager, callId: string, lock = false): Promise<CallFacts> {
  const call = await readCallForAwards(m, callId, lock);
  if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
  return call;
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

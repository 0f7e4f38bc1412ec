import { EntityManager } from 'typeorm';
import { callsRelation } from '@portal/applications';

/**
 * The one answer to "may this application be awarded, as far as the leading group's vote goes" (issue 15): null when
 * the call has no deliberation vote (every reviewed application may be); otherwise the ids whose latest tally elected
 * them (a revote is a later session — later by the order recorded, `seq` — and its tally replaces the earlier one).
 * The awards' decisions ask it.
 */
export async function readElected(m: EntityManager, callId: string): Promise<Set<string> | null> {
  const call: { deliberation: boolean }[] = await m.query(
    `SELECT c.deliberation FROM ${callsRelation('c')} WHERE c.id = $1`,
    [callId],
  );
  if (!call[0]?.deliberation) return null;
  const rows: { application_id: string }[] = await m.query(
    `SELECT latest.application_id FROM (
       SELECT DISTINCT ON (v.application_id) v.application_id, v.elected
         FROM deliberation_vote v JOIN deliberation_session s ON s.id = v.session_id
        WHERE s.call_id = $1
        ORDER BY v.application_id, s.seq DESC) latest
      WHERE latest.elected`,
    [callId],
  );
  return new Set(rows.map((r) => r.application_id));
}

/** A majority of the members present elects: more votes for than half of them. */
export function elects(yes: number, membersPresent: number): boolean {
  return yes * 2 > membersPresent;
}

import { EntityManager } from 'typeorm';
import { AuthUser, officerScope } from '@portal/platform';
import { applicationsRelation, callsRelation } from '@portal/applications';
import { roundClosedSql } from '../review.repository';

/**
 * Review's part of the home pages' work lists (issue 14, item 6): named queries over `review_assignment` for the app
 * layer's `GET /api/me/worklist`.
 */

/**
 * The expert's own pending reviews in rounds still open, the closest due time first. No application title: the
 * number and the call are enough for a work list, and nothing identity-bearing of a blind call is shown.
 */
export async function expertPendingReviews(
  m: EntityManager,
  expertId: string,
  limit: number,
): Promise<{
  count: number;
  items: { id: string; applicationNumber: string | null; callTitle: string; dueAt: string }[];
}> {
  const rows: { id: string; number: string | null; callTitle: string; dueAt: Date; total: number }[] = await m.query(
    `SELECT r.id, a.number, c.title AS "callTitle", r.due_at AS "dueAt", count(*) OVER ()::int AS total
       FROM review_assignment r JOIN ${callsRelation('c')} ON c.id = r.call_id
       JOIN ${applicationsRelation('a')} ON a.id = r.application_id
      WHERE r.expert_id = $1 AND r.status = 'pending' AND NOT ${roundClosedSql('r', 'c')}
      ORDER BY r.due_at, r.id LIMIT $2`,
    [expertId, limit],
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      applicationNumber: r.number,
      callTitle: r.callTitle,
      dueAt: new Date(r.dueAt).toISOString(),
    })),
  };
}

/**
 * Review rounds the officer runs that are still open (not closed): the national round for a national officer, the
 * province's own round for a provincial officer; within the officer's programs. `pending` 0 means every expert has
 * answered and the round can be closed.
 */
export async function openReviewRounds(
  m: EntityManager,
  user: AuthUser,
  limit: number,
): Promise<{
  count: number;
  items: {
    callId: string;
    callTitle: string;
    provinceCode: string | null;
    pending: number;
    submitted: number;
    nextDueAt: string | null;
  }[];
}> {
  const scope = officerScope(user);
  const rows: {
    callId: string;
    callTitle: string;
    pending: number;
    submitted: number;
    nextDueAt: Date | null;
    total: number;
  }[] = await m.query(
    `SELECT c.id AS "callId", c.title AS "callTitle",
            count(*) FILTER (WHERE r.status = 'pending')::int AS pending,
            count(*) FILTER (WHERE r.status = 'submitted')::int AS submitted,
            min(r.due_at) FILTER (WHERE r.status = 'pending') AS "nextDueAt",
            count(*) OVER ()::int AS total
       FROM review_assignment r JOIN ${callsRelation('c')} ON c.id = r.call_id
      WHERE r.round_province IS NOT DISTINCT FROM $1::text AND NOT ${roundClosedSql('r', 'c')}
        AND ($2::text[] IS NULL OR c.program_code = ANY($2::text[]))
      GROUP BY c.id, c.title
      ORDER BY count(*) FILTER (WHERE r.status = 'pending'), min(r.due_at), c.id LIMIT $3`,
    [scope.provinceCode, scope.programs, limit],
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      callId: r.callId,
      callTitle: r.callTitle,
      provinceCode: scope.provinceCode,
      pending: r.pending,
      submitted: r.submitted,
      nextDueAt: r.nextDueAt ? new Date(r.nextDueAt).toISOString() : null,
    })),
  };
}

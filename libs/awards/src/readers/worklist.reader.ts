import { EntityManager } from 'typeorm';
import { AuthUser, officerScope } from '@portal/platform';
import { applicationsRelation, callsRelation, officerApplicationsCondition } from '@portal/applications';
import { organizationsRelation } from '@portal/identity';

/**
 * Awards' part of the home pages' work lists (issue 14, item 6): named queries over `objection` and `award_decision`
 * for the app layer's `GET /api/me/worklist`.
 */

/** Objections not yet answered, on entries of applications the officer may see, the oldest first. */
export async function openObjections(
  m: EntityManager,
  user: AuthUser,
  limit: number,
): Promise<{
  count: number;
  items: { id: string; callId: string; callTitle: string; applicationNumber: string | null; createdAt: string }[];
}> {
  const params: unknown[] = [];
  const scope = officerApplicationsCondition(user, { program: 'a.program_code', province: 'o.province_code' }, params);
  params.push(limit);
  const rows: {
    id: string;
    callId: string;
    callTitle: string;
    number: string | null;
    createdAt: Date;
    total: number;
  }[] = await m.query(
    `SELECT ob.id, ob.call_id AS "callId", c.title AS "callTitle", a.number, ob.created_at AS "createdAt",
            count(*) OVER ()::int AS total
       FROM objection ob JOIN ${callsRelation('c')} ON c.id = ob.call_id
       JOIN ${applicationsRelation('a')} ON a.id = ob.entry_application_id
       JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
      WHERE ob.resolved_at IS NULL AND ${scope}
      ORDER BY ob.created_at, ob.id LIMIT $${params.length}`,
    params,
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      callId: r.callId,
      callTitle: r.callTitle,
      applicationNumber: r.number,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
  };
}

/**
 * Calls whose expert round is closed and that are not finalized, with reviewed applications still without a decision
 * (national officers of the call's program: deciding is the national office's).
 */
export async function decisionsToMake(
  m: EntityManager,
  user: AuthUser,
  limit: number,
): Promise<{ count: number; items: { callId: string; callTitle: string; undecided: number }[] }> {
  const scope = officerScope(user);
  if (scope.provinceCode) return { count: 0, items: [] };
  const rows: { callId: string; callTitle: string; undecided: number; total: number }[] = await m.query(
    `SELECT c.id AS "callId", c.title AS "callTitle", count(*)::int AS undecided, count(*) OVER ()::int AS total
       FROM ${callsRelation('c')} JOIN ${applicationsRelation('a')} ON a.call_id = c.id
      WHERE c.review_closed_at IS NOT NULL AND c.finalized_at IS NULL AND a.status = 'reviewed'
        AND NOT EXISTS (SELECT 1 FROM award_decision d WHERE d.application_id = a.id)
        AND ($1::text[] IS NULL OR c.program_code = ANY($1::text[]))
      GROUP BY c.id, c.title
      ORDER BY min(c.review_closed_at), c.id LIMIT $2`,
    [scope.programs, limit],
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({ callId: r.callId, callTitle: r.callTitle, undecided: r.undecided })),
  };
}

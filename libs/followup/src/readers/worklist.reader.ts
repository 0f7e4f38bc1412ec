import { EntityManager } from 'typeorm';
import { applicationTitleJoin } from '@portal/applications';
import { awardsRelation } from '@portal/awards';

/**
 * Followup's part of the home pages' work lists (issue 14, item 6): the organization's reports still to be handed in
 * (`award_report` draft or returned, with a due day), on its active awards, the earliest due first.
 */
export async function reportsDue(
  m: EntityManager,
  organizationId: string,
  limit: number,
): Promise<{
  count: number;
  items: { id: string; awardId: string; kind: string; status: string; dueOn: string; title: string }[];
}> {
  const rows: {
    id: string;
    awardId: string;
    kind: string;
    status: string;
    dueOn: string;
    title: string;
    total: number;
  }[] = await m.query(
    `SELECT r.id, r.award_id AS "awardId", r.kind, r.status, to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
              t.title, count(*) OVER ()::int AS total
         FROM award_report r JOIN ${awardsRelation('aw')} ON aw.id = r.award_id
         ${applicationTitleJoin('t', 'aw.application_id')}
        WHERE aw.organization_id = $1 AND aw.status = 'active' AND r.status IN ('draft', 'returned')
          AND r.due_on IS NOT NULL
        ORDER BY r.due_on, r.id LIMIT $2`,
    [organizationId, limit],
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      awardId: r.awardId,
      kind: r.kind,
      status: r.status,
      dueOn: r.dueOn,
      title: r.title,
    })),
  };
}

/** Task agreements (任务书) issued to the organization and not yet accepted, on its active awards, oldest first. */
export async function agreementsToAccept(
  m: EntityManager,
  organizationId: string,
  limit: number,
): Promise<{ count: number; items: { id: string; awardId: string; issuedAt: string; title: string }[] }> {
  const rows: { id: string; awardId: string; issuedAt: Date; title: string; total: number }[] = await m.query(
    `SELECT g.id, g.award_id AS "awardId", g.created_at AS "issuedAt", t.title, count(*) OVER ()::int AS total
       FROM grant_agreement g JOIN ${awardsRelation('aw')} ON aw.id = g.award_id
       ${applicationTitleJoin('t', 'aw.application_id')}
      WHERE aw.organization_id = $1 AND aw.status = 'active' AND g.status = 'issued'
      ORDER BY g.created_at, g.id LIMIT $2`,
    [organizationId, limit],
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      awardId: r.awardId,
      issuedAt: new Date(r.issuedAt).toISOString(),
      title: r.title,
    })),
  };
}

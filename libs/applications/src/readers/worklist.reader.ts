import { EntityManager } from 'typeorm';
import { AuthUser } from '@portal/platform';
import { organizationsRelation } from '@portal/identity';
import { officerApplicationsCondition } from '../applications/officer-visibility';

/**
 * Applications' part of the home pages' work lists (issue 14, item 6): named queries over `application` and `call`
 * for the app layer's `GET /api/me/worklist`. Each answers a count and the first few rows (`limit`).
 */

export interface WorkRows<T> {
  count: number;
  items: T[];
}

export interface ApplicantApplicationWork {
  /** The organization's applications by status (only statuses it has). */
  byStatus: Record<string, number>;
  /** Returned for correction (退回补正), the oldest return first. */
  returned: WorkRows<{ id: string; number: string | null; title: string; callTitle: string; updatedAt: string }>;
  /** Drafts not yet submitted, in calls still open, the closest deadline first. */
  drafts: WorkRows<{ id: string; title: string; callTitle: string; closesAt: string }>;
}

export async function applicantApplicationWork(
  m: EntityManager,
  organizationId: string,
  now: Date,
  limit: number,
): Promise<ApplicantApplicationWork> {
  const [statuses, returned, drafts] = await Promise.all([
    m.query(`SELECT status, count(*)::int AS n FROM application WHERE organization_id = $1 GROUP BY status`, [
      organizationId,
    ]) as Promise<{ status: string; n: number }[]>,
    m.query(
      `SELECT a.id, a.number, a.title, c.title AS "callTitle", a.updated_at AS "updatedAt", count(*) OVER ()::int AS total
         FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.organization_id = $1 AND a.status = 'returned'
        ORDER BY a.updated_at, a.id LIMIT $2`,
      [organizationId, limit],
    ) as Promise<
      { id: string; number: string | null; title: string; callTitle: string; updatedAt: Date; total: number }[]
    >,
    m.query(
      `SELECT a.id, a.title, c.title AS "callTitle", c.closes_at AS "closesAt", count(*) OVER ()::int AS total
         FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.organization_id = $1 AND a.status = 'draft' AND c.closes_at > $2
        ORDER BY c.closes_at, a.id LIMIT $3`,
      [organizationId, now, limit],
    ) as Promise<{ id: string; title: string; callTitle: string; closesAt: Date; total: number }[]>,
  ]);
  return {
    byStatus: Object.fromEntries(statuses.map((r) => [r.status, r.n])),
    returned: {
      count: returned[0]?.total ?? 0,
      items: returned.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        callTitle: r.callTitle,
        updatedAt: new Date(r.updatedAt).toISOString(),
      })),
    },
    drafts: {
      count: drafts[0]?.total ?? 0,
      items: drafts.map((r) => ({
        id: r.id,
        title: r.title,
        callTitle: r.callTitle,
        closesAt: new Date(r.closesAt).toISOString(),
      })),
    },
  };
}

/** Calls open for applications now, the closest deadline first, with whether the organization applied already. */
export async function openCallDeadlines(
  m: EntityManager,
  organizationId: string | null,
  now: Date,
  limit: number,
): Promise<WorkRows<{ id: string; title: string; programCode: string; closesAt: string; hasApplication: boolean }>> {
  const rows: {
    id: string;
    title: string;
    programCode: string;
    closesAt: Date;
    hasApplication: boolean;
    total: number;
  }[] = await m.query(
    `SELECT c.id, c.title, c.program_code AS "programCode", c.closes_at AS "closesAt",
            EXISTS (SELECT 1 FROM application a WHERE a.call_id = c.id AND a.organization_id = $2
                      AND a.status <> 'withdrawn') AS "hasApplication",
            count(*) OVER ()::int AS total
       FROM call c WHERE c.opens_at <= $1 AND c.closes_at > $1
      ORDER BY c.closes_at, c.id LIMIT $3`,
    [now, organizationId, limit],
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      programCode: r.programCode,
      closesAt: new Date(r.closesAt).toISOString(),
      hasApplication: r.hasApplication,
    })),
  };
}

/**
 * Submitted applications waiting for the formal check (形式审查) that the officer may see (their scope and level),
 * the longest waiting first.
 */
export async function officerFormalChecks(
  m: EntityManager,
  user: AuthUser,
  limit: number,
): Promise<WorkRows<{ id: string; number: string | null; title: string; callTitle: string; submittedAt: string }>> {
  const params: unknown[] = [];
  const scope = officerApplicationsCondition(
    user,
    { program: 'a.program_code', province: 'o.province_code', level: 'a.level' },
    params,
  );
  params.push(limit);
  const rows: {
    id: string;
    number: string | null;
    title: string;
    callTitle: string;
    submittedAt: Date;
    total: number;
  }[] = await m.query(
    `SELECT a.id, a.number, a.title, c.title AS "callTitle", a.submitted_at AS "submittedAt", count(*) OVER ()::int AS total
       FROM application a JOIN call c ON c.id = a.call_id JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
      WHERE a.status = 'submitted' AND ${scope}
      ORDER BY a.submitted_at NULLS LAST, a.id LIMIT $${params.length}`,
    params,
  );
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      callTitle: r.callTitle,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : '',
    })),
  };
}

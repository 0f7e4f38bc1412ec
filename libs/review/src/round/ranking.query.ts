import { aggregateRanking, RankingApplication, RankingRow, SubmittedReview } from '../aggregation/aggregation';
import type { RubricCriterion } from '@portal/programs';
import { applicationsRelation } from '@portal/applications';
import { organizationsRelation } from '@portal/identity';

/** Statuses of an application that has been through (or is in) expert review: the ones a ranking lists. */
export const RANKED_STATUSES = ['under_review', 'reviewed', 'proposed', 'awarded', 'not_awarded', 'revoked'];

/** A ranking row with its organization's province (GB/T 2260 two-digit code; issue 12), for the officer's column. */
export interface RankingRowWithProvince extends RankingRow {
  province: string | null;
}

/** Anything that runs SQL: a DataSource or a transaction's EntityManager. */
interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * The one ranking query: a call's reviewed applications and submitted reviews through the call's aggregation.
 * Used by GET /api/calls/:callId/ranking and by the awards feature (decisions, notices) inside its transactions.
 * One round only (issue 12): the national round by default (`province` null) never sees a provincial round's scores;
 * a province's round ranks that province's applications it reviewed by that round's scores. Each row carries the
 * organization's province (identity's organizations relation).
 */
export async function readRanking(
  q: Queryable,
  call: { id: string; aggregation: 'mean' | 'trimmed' | 'zscore'; spreadThreshold: number },
  rubric: RubricCriterion[],
  province: string | null = null,
): Promise<RankingRowWithProvince[]> {
  type Listed = RankingApplication & { province: string | null };
  const applications =
    province === null
      ? await q.query<Listed[]>(
          `SELECT a.id AS "applicationId", a.number, a.title, a.first_submitted_at AS "firstSubmittedAt",
                  o.province_code AS province
             FROM ${applicationsRelation('a')} JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
            WHERE a.call_id = $1
              AND (a.status = ANY($2::text[])
                   OR EXISTS (SELECT 1 FROM review_assignment r WHERE r.application_id = a.id AND r.status = 'submitted'
                                 AND r.round_province IS NULL))`,
          [call.id, RANKED_STATUSES],
        )
      : await q.query<Listed[]>(
          `SELECT a.id AS "applicationId", a.number, a.title, a.first_submitted_at AS "firstSubmittedAt",
                  o.province_code AS province
             FROM ${applicationsRelation('a')} JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
            WHERE a.call_id = $1 AND o.province_code = $2
              AND (a.status = 'provincial_passed'
                   OR EXISTS (SELECT 1 FROM review_assignment r WHERE r.application_id = a.id AND r.round_province = $2))`,
          [call.id, province],
        );
  const reviews = await q.query<SubmittedReview[]>(
    `SELECT application_id AS "applicationId", expert_id AS "expertId", scores
       FROM review_assignment WHERE call_id = $1 AND status = 'submitted' AND round_province IS NOT DISTINCT FROM $2::text`,
    [call.id, province],
  );
  const provinceOf = new Map(applications.map((a) => [a.applicationId, a.province ?? null]));
  return aggregateRanking({
    applications,
    reviews,
    rubric,
    method: call.aggregation,
    spreadThreshold: call.spreadThreshold,
  }).map((r) => ({ ...r, province: provinceOf.get(r.applicationId) ?? null }));
}

import { aggregateRanking, RankingApplication, RankingRow, SubmittedReview } from '../aggregation/aggregation';
import type { RubricCriterion } from '@portal/programs';
import { applicationsRelation } from '@portal/applications';

/** Statuses of an application that has been through (or is in) expert review: the ones a ranking lists. */
export const RANKED_STATUSES = ['under_review', 'reviewed', 'proposed', 'awarded', 'not_awarded', 'revoked'];

/** Anything that runs SQL: a DataSource or a transaction's EntityManager. */
interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * The one ranking query: a call's reviewed applications and submitted reviews through the call's aggregation.
 * Used by GET /api/calls/:callId/ranking and by the awards feature (decisions, notices) inside its transactions.
 */
export async function readRanking(
  q: Queryable,
  call: { id: string; aggregation: 'mean' | 'trimmed' | 'zscore'; spreadThreshold: number },
  rubric: RubricCriterion[],
): Promise<RankingRow[]> {
  const applications = await q.query<RankingApplication[]>(
    `SELECT a.id AS "applicationId", a.number, a.title, a.first_submitted_at AS "firstSubmittedAt"
       FROM ${applicationsRelation('a')}
      WHERE a.call_id = $1
        AND (a.status = ANY($2::text[])
             OR EXISTS (SELECT 1 FROM review_assignment r WHERE r.application_id = a.id AND r.status = 'submitted'))`,
    [call.id, RANKED_STATUSES],
  );
  const reviews = await q.query<SubmittedReview[]>(
    `SELECT application_id AS "applicationId", expert_id AS "expertId", scores
       FROM review_assignment WHERE call_id = $1 AND status = 'submitted'`,
    [call.id],
  );
  return aggregateRanking({
    applications,
    reviews,
    rubric,
    method: call.aggregation,
    spreadThreshold: call.spreadThreshold,
  });
}

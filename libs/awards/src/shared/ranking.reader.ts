import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProgramRegistry } from '@portal/programs';
import { aggregateRanking, RankingRow } from '@portal/review';
import { CallFacts } from './call-facts';

/** Statuses an application can have once it went through review (the ones a ranking lists). */
const RANKED_STATUSES = ['under_review', 'reviewed', 'proposed', 'awarded', 'not_awarded', 'revoked'];

/**
 * The call's ranking, computed exactly as GET /api/calls/:callId/ranking does (the review feature's aggregateRanking on
 * the submitted reviews). Empty before review-close.
 */
@Injectable()
export class RankingReader {
  constructor(private readonly programs: ProgramRegistry) {}

  async read(m: EntityManager, call: CallFacts): Promise<RankingRow[]> {
    if (!call.reviewClosedAt) return [];
    const def = this.programs.get(call.programCode);
    if (!def) return [];
    const meta = await m.query(`SELECT aggregation, spread_threshold::float8 AS spread FROM call WHERE id = $1`, [call.id]);
    const applications = await m.query(
      `SELECT a.id AS "applicationId", a.number, a.title, a.first_submitted_at AS "firstSubmittedAt"
         FROM application a
        WHERE a.call_id = $1 AND (a.status = ANY($2::text[]) OR EXISTS (SELECT 1 FROM review_assignment r WHERE r.application_id = a.id AND r.status = 'submitted'))`,
      [call.id, RANKED_STATUSES],
    );
    const reviews = await m.query(
      `SELECT application_id AS "applicationId", expert_id AS "expertId", scores FROM review_assignment WHERE call_id = $1 AND status = 'submitted'`,
      [call.id],
    );
    return aggregateRanking({ applications, reviews, rubric: def.rubric, method: meta[0].aggregation, spreadThreshold: meta[0].spread });
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProgramRegistry } from '@portal/programs';
import { RankingRow, readRanking } from '@portal/review';
import { CallFacts } from './call-facts';

/** The call's ranking exactly as GET /api/calls/:callId/ranking computes it (review's readRanking). Empty before review-close. */
@Injectable()
export class RankingReader {
  constructor(private readonly programs: ProgramRegistry) {}

  async read(m: EntityManager, call: CallFacts): Promise<RankingRow[]> {
    if (!call.reviewClosedAt) return [];
    const def = this.programs.get(call.programCode);
    if (!def) return [];
    const meta = await m.query(`SELECT aggregation, spread_threshold::float8 AS spread FROM call WHERE id = $1`, [
      call.id,
    ]);
    return readRanking(
      m,
      { id: call.id, aggregation: meta[0].aggregation, spreadThreshold: meta[0].spread },
      def.rubric,
    );
  }
}

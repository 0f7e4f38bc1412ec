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
    return readRanking(
      m,
      { id: call.id, aggregation: call.aggregation, spreadThreshold: call.spreadThreshold },
      def.rubric,
    );
  }
}

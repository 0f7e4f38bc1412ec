import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, shanghaiDay } from '@portal/platform';
import { AwardsService, findAwardOwner } from '@portal/awards';
import { OrganizationsService } from '@portal/identity';
import { ProgramRegistry } from '@portal/programs';
import { FOLLOWUP_ERRORS } from '../errors';
import { addMonths, maySeeAward, readAwardFacts } from '../reports/award-facts';
import { EvaluationDto, EvaluationResponse } from '../reports/reports.dto';
import { evaluationOf } from '../reports/reports.service';

export const GRADE_NAMES = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' } as const;

/** The last day of a bar of `years` from `from` (YYYY-MM-DD): from + years − 1 day. */
export function barUntil(from: string, years: number): string {
  const end = new Date(`${addMonths(from, years * 12)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * 绩效评价 (issue 13) by the officer once the closing report is accepted: 优秀 / 良好 / 合格 / 不合格. 不合格 recovers the
 * program's share of the award through the revocation path (awards' `revokeIn`: unpaid instalments cancelled, paid ones
 * put up for recovery) and bars the organization (`barred` flag from today for the program's years) — both with the
 * grade in one transaction. Only a 100 % recovery is supported (the programs' setting); an expert round is not built.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
    private readonly awards: AwardsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async grade(user: AuthUser, awardId: string, dto: EvaluationDto): Promise<EvaluationResponse> {
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const f = await readAwardFacts(m, awardId);
      if (!f || !maySeeAward(user, f)) throw FOLLOWUP_ERRORS['AWARD_FOLLOWUP.NOT_FOUND']();
      const def = this.programs.get(f.programCode);
      const ev = def?.evaluation;
      if (!def || !ev) throw FOLLOWUP_ERRORS['EVALUATION.NONE']();
      const owner = await findAwardOwner(m, awardId, true);
      if (!owner || owner.status === 'revoked') throw FOLLOWUP_ERRORS['REPORT.AWARD_REVOKED']();
      if (await evaluationOf(m, awardId)) throw FOLLOWUP_ERRORS['EVALUATION.ALREADY_GRADED']();
      const closing = (def.reports ?? []).filter((r) => r.closing).map((r) => r.kind);
      const accepted: unknown[] = await m.query(
        `SELECT 1 FROM award_report WHERE award_id = $1 AND kind = ANY($2::text[]) AND status = 'accepted'`,
        [awardId, closing],
      );
      if (!accepted.length) throw FOLLOWUP_ERRORS['EVALUATION.NOT_READY']();
      const now = this.clock.now();
      const today = shanghaiDay(now);
      let recoveringFen: number | null = null;
      let barredUntil: string | null = null;
      if (dto.grade === 'fail') {
        const reason = `绩效评价不合格：${dto.note} / evaluation failed: ${dto.note}`;
        const money = await this.awards.revokeIn(tx, user, awardId, reason, ev.failRecoveryPercent);
        recoveringFen = money.recoveringFen;
        barredUntil = barUntil(today, ev.failBarYears);
        await this.organizations.addFlagIn(tx, user, f.organizationId, {
          kind: 'barred',
          reason: `${f.number ?? ''}“${f.title}”绩效评价不合格，${ev.failBarYears} 年内不得申报 / failed evaluation: barred for ${ev.failBarYears} years`,
          from: today,
          until: barredUntil,
        });
      }
      await m.query(
        `INSERT INTO award_evaluation (award_id, grade, note, decided_by, decided_at, recovering_fen, barred_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date)`,
        [awardId, dto.grade, dto.note, user.id, now, recoveringFen, barredUntil],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'evaluation.graded',
        entityType: 'award',
        entityId: awardId,
        data: { grade: dto.grade, gradeName: GRADE_NAMES[dto.grade], note: dto.note, recoveringFen, barredUntil },
      });
      return (await evaluationOf(m, awardId))!;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { createHash, randomInt } from 'crypto';
import { AuditService, ClockService, MailService, PortalConfig, shanghaiDay, Tx } from '@portal/platform';
import { DrawApplication, DrawExpert, drawExperts, DrawShortfall } from '../draw/draw';
import { CallRow, ReviewRepository, RoundProvince } from '../review.repository';
import { ReminderScheduler } from '../reminders/reminder.scheduler';

export interface FillResult {
  assigned: number;
  shortfalls: DrawShortfall[];
  seed: number;
  assignments: { id: string; applicationId: string; expertId: string; dueAt: Date }[];
}

/** A fresh seed when the officer gives none (recorded in the audit event and returned). */
export function newSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}

/** 24:00 Asia/Shanghai of the day `days` after the Shanghai day of `now`. */
export function dueAtAfter(now: Date, days: number): Date {
  const [y, m, d] = shanghaiDay(now).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days + 1) - 8 * 3600_000);
}

/**
 * Turns the database into the pure draw's input and its output into assignments. Used by the officer's draw and by
 * the replacement after a decline; both fill gaps only and never move an existing assignment.
 *
 * Input of the pure draw (see ../draw/draw.ts):
 *  - applications: the call's `under_review` applications (or the given ones), with the applicant's credit code and
 *    province (organization.province_code = digits 3–4 of the credit code), `needed` = reviewersPerApplication minus
 *    its pending and submitted assignments, `excludedExpertIds` = every expert who already has a row for it (pending,
 *    submitted, declined, expired) and every expert who is a member of the applicant organization;
 *  - experts: active `expert` users with an available profile and a field of the program; `load` = their pending and
 *    submitted assignments in this call; conflicts = their declared credit codes.
 * The caller holds the round lock of the call (ReviewRepository.lockRound) and the transaction.
 *
 * A province's round (issue 12, `opts.province`): the same draw over the province's provincial_passed applications and
 * the experts registered with that province; load and gaps count that round's assignments only, and region recusal
 * does not apply (the round is the province's own by definition). An expert who already has a row for an application
 * in either round is never drawn for it again (one row per expert and application), so the national round gets
 * experts who did not score it at the province.
 */
@Injectable()
export class ReviewDrawService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly clock: ClockService,
    private readonly config: PortalConfig,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly reminders: ReminderScheduler,
  ) {}

  async fillGaps(
    tx: Tx,
    call: CallRow,
    actorId: string | null,
    opts: { seed: number; applicationIds?: string[]; reason: 'draw' | 'replacement'; province?: RoundProvince },
  ): Promise<FillResult> {
    const m = tx.manager;
    const province = opts.province ?? null;
    const apps = await this.repo.underReviewApplications(m, call.id, opts.applicationIds, province);
    if (apps.length === 0) return { assigned: 0, shortfalls: [], seed: opts.seed, assignments: [] };

    const existing = await this.repo.callAssignments(m, call.id);
    const pool = await this.repo.poolForProgram(m, call.programCode, province);
    const regionRecusal = province === null && call.regionRecusal;
    const load = new Map<string, number>();
    const taken = new Map<string, Set<string>>();
    const active = new Map<string, number>();
    for (const r of existing) {
      let s = taken.get(r.applicationId);
      if (!s) taken.set(r.applicationId, (s = new Set()));
      s.add(r.expertId);
      if (r.roundProvince === province && (r.status === 'pending' || r.status === 'submitted')) {
        load.set(r.expertId, (load.get(r.expertId) ?? 0) + 1);
        active.set(r.applicationId, (active.get(r.applicationId) ?? 0) + 1);
      }
    }
    const membersOf = new Map<string, string[]>();
    for (const e of pool) {
      if (!e.organizationId) continue;
      let l = membersOf.get(e.organizationId);
      if (!l) membersOf.set(e.organizationId, (l = []));
      l.push(e.id);
    }

    const drawApps: DrawApplication[] = apps.map((a) => ({
      id: a.id,
      creditCode: a.creditCode,
      provinceCode: a.provinceCode,
      programCode: a.programCode,
      track: a.track,
      excludedExpertIds: [...(taken.get(a.id) ?? []), ...(membersOf.get(a.organizationId) ?? [])],
      needed: Math.max(0, call.reviewersPerApplication - (active.get(a.id) ?? 0)),
    }));
    const drawPool: DrawExpert[] = pool.map((e) => ({
      id: e.id,
      fields: e.fields,
      employerCreditCode: e.employerCreditCode,
      provinceCode: e.provinceCode,
      conflictCreditCodes: e.conflicts,
      load: load.get(e.id) ?? 0,
    }));
    const result = drawExperts(drawApps, drawPool, { regionRecusal, seed: opts.seed });
    // the draw is a pure function of (input, seed): the audit event keeps the seed and a digest of the input, so a
    // replay from the same input can be checked to give the same assignments
    const inputSha256 = createHash('sha256')
      .update(JSON.stringify({ applications: drawApps, experts: drawPool, regionRecusal }))
      .digest('hex');

    const now = this.clock.now();
    const dueAt = dueAtAfter(now, this.config.REVIEW_DUE_DAYS);
    let inserted: { id: string; applicationId: string; expertId: string }[] = [];
    if (result.assignments.length) {
      inserted = await m.query(
        `INSERT INTO review_assignment (call_id, application_id, expert_id, due_at, draw_seed, created_at, updated_at, round_province)
         SELECT $1, t.a, t.e, $2, $3, $4, $4, $7 FROM unnest($5::uuid[], $6::uuid[]) AS t(a, e)
         RETURNING id, application_id AS "applicationId", expert_id AS "expertId"`,
        [
          call.id,
          dueAt,
          opts.seed,
          now,
          result.assignments.map((a) => a.applicationId),
          result.assignments.map((a) => a.expertId),
          province,
        ],
      );
      await this.repo.insertHistory(
        m,
        inserted.map((r) => r.id),
        now,
        actorId,
        null,
        'pending',
        opts.reason === 'draw' ? `draw seed ${opts.seed}` : `replacement, seed ${opts.seed}`,
      );
    }
    await this.audit.record(m, {
      actorId,
      action: opts.reason === 'draw' ? 'review.drawn' : 'review.replacement-drawn',
      entityType: 'call',
      entityId: call.id,
      data: {
        seed: opts.seed,
        round: province ?? 'national',
        inputSha256,
        regionRecusal,
        reviewersPerApplication: call.reviewersPerApplication,
        assigned: inserted.length,
        shortfalls: result.shortfalls,
        assignments: inserted.map((r) => ({ id: r.id, applicationId: r.applicationId, expertId: r.expertId })),
      },
    });

    // One invitation per expert, listing what this draw gave them (numbers only: nothing identifying, whatever the call).
    const numberOf = new Map(apps.map((a) => [a.id, a.number ?? a.id]));
    const expertById = new Map(pool.map((e) => [e.id, e]));
    const byExpert = new Map<string, { id: string; applicationId: string }[]>();
    for (const r of inserted) {
      let l = byExpert.get(r.expertId);
      if (!l) byExpert.set(r.expertId, (l = []));
      l.push(r);
    }
    const due = shanghaiDay(new Date(dueAt.getTime() - 1));
    for (const [expertId, list] of byExpert) {
      const e = expertById.get(expertId)!;
      const lines = list
        .map((r) => `  - ${numberOf.get(r.applicationId)}  ${this.config.PUBLIC_URL}/reviews/${r.id}`)
        .join('\n');
      await this.mail.queueMail(tx, {
        to: e.email,
        template: 'review.invitation',
        link: list.length === 1 ? `/reviews/${list[0].id}` : '/reviews',
        subject: `评审邀请：${call.title}（${list.length} 件）/ Invitation to review: ${call.title} (${list.length})`,
        text:
          `${e.name}，您好：\n\n您被抽取为“${call.title}”的评审专家，请在 ${due}（北京时间 24:00）前完成以下申报的评审；` +
          `如有利益冲突或无法参加，请在平台上说明并谢绝：\n${lines}\n\n` +
          `Hello ${e.name},\n\nyou have been drawn as an expert reviewer for "${call.title}". ` +
          `Please review the applications below by ${due} (24:00 Beijing time); ` +
          `if you have a conflict of interest or cannot take part, decline in the portal:\n${lines}\n`,
      });
    }
    const scheduled = inserted.map((r) => ({ id: r.id, dueAt }));
    if (scheduled.length) tx.afterCommit(() => this.reminders.schedule(scheduled));

    return {
      assigned: inserted.length,
      shortfalls: result.shortfalls,
      seed: opts.seed,
      assignments: inserted.map((r) => ({ ...r, dueAt })),
    };
  }
}

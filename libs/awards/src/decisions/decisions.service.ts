import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, DomainError, inTransaction, SqlRow, Tx } from '@portal/platform';
import { APPLICATION_ERRORS, applicationsFrom, CallsService, lockApplicationForAwards } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';
import { readElected, REVIEW_ERRORS } from '@portal/review';
import { awardCarriesMoney, officeProvince, ProgramDefinition, ProgramRegistry } from '@portal/programs';
import { ApplicationOutcome } from '../shared/application-outcome';
import { assertNotFinalized, CallFacts, loadCall, noticeOf } from '../shared/call-facts';
import { RankingReader } from '../shared/ranking.reader';
import { DecisionDto, FillByRankingDto } from './decision.dto';
import { fillByRanking } from './fill-by-ranking';
import { AWARD_ERRORS } from '../errors';
import {
  assertCallProgramInScope,
  assertProgramOfficeAct,
  SCOPE_COLUMNS,
  scopeJoin,
  staffScopeCondition,
} from '../shared/officer-scope';

export interface DecisionItem {
  applicationId: string;
  number: string | null;
  title: string;
  organization: string;
  organizationId: string;
  track: string | null;
  status: string;
  rank: number | null;
  score: number | null;
  outcome: 'award' | 'reject' | null;
  tier: string | null;
  amountFen: number;
  note: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  /** The organization's province (GB/T 2260 two-digit code; issue 12). */
  province: string | null;
}

export interface DecisionsView {
  budgetFen: number;
  committedFen: number;
  items: DecisionItem[];
}

export interface FillProposal {
  budgetFen: number;
  totalFen: number;
  remainingFen: number;
  saved: boolean;
  items: DecisionItem[];
}

/** Statuses in which an application can be decided on (after review, before finalize). */
const DECIDABLE = ['reviewed', 'proposed'];
/** Statuses listed on the decisions page. */
const LISTED = ['reviewed', 'proposed', 'awarded', 'not_awarded', 'revoked'];

/** A rule of the decision broken: the error, with its text also as the detail of the field at `path`. */
const atPath = (err: DomainError, path: string): DomainError => {
  err.details.push({ path, message: err.text });
  return err;
};

/** Officers' decisions per application: award (tier, amount) or reject, against the call's budget. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
    private readonly ranking: RankingReader,
    private readonly outcome: ApplicationOutcome,
    private readonly calls: CallsService,
  ) {}

  /** The call's decisions; an officer of a province sees its applications only (read-only: the list is national). */
  async list(user: AuthUser, callId: string): Promise<DecisionsView> {
    const call = await loadCall(this.ds.manager, callId);
    assertCallProgramInScope(user, call);
    const items = await this.items(this.ds.manager, call, undefined, user);
    return { budgetFen: call.budgetFen, committedFen: await this.committed(this.ds.manager, callId), items };
  }

  async put(
    user: AuthUser,
    callId: string,
    applicationId: string,
    dto: DecisionDto,
  ): Promise<DecisionItem & { budgetFen: number; committedFen: number }> {
    return inTransaction(this.ds, async (tx) => {
      const call = await this.lockForDecisions(tx, callId);
      assertProgramOfficeAct(user, call, officeProvince(this.programs.get(call.programCode)));
      const app = await this.decidable(tx.manager, callId, applicationId);
      const def = this.program(call);
      const decision = this.shape(def, app.track, dto);
      if (decision.outcome === 'award') {
        const elected = await readElected(tx.manager, callId);
        if (elected && !elected.has(applicationId)) throw AWARD_ERRORS['DECISIONS.NOT_ELECTED']();
      }
      if (decision.outcome === 'award' && decision.amountFen > 0) {
        const others = await this.committed(tx.manager, callId, applicationId);
        if (others + decision.amountFen > call.budgetFen) {
          throw atPath(
            AWARD_ERRORS['DECISIONS.OVER_BUDGET']({ others, amountFen: decision.amountFen, budgetFen: call.budgetFen }),
            'amountFen',
          );
        }
      }
      await this.save(tx, user.id, app, call, decision, dto.note, 'officer');
      const [item] = await this.items(tx.manager, call, [applicationId]);
      return { ...item, budgetFen: call.budgetFen, committedFen: await this.committed(tx.manager, callId) };
    });
  }

  /** A proposal down the ranking; saved as the decisions only with `confirm: true`. */
  async fillByRanking(user: AuthUser, callId: string, dto: FillByRankingDto): Promise<FillProposal> {
    const work = async (tx: Tx | null, m: EntityManager): Promise<FillProposal> => {
      const call = tx ? await this.lockForDecisions(tx, callId) : await loadCall(m, callId);
      assertProgramOfficeAct(user, call, officeProvince(this.programs.get(call.programCode)));
      const def = this.program(call);
      if (!call.reviewClosedAt) throw REVIEW_ERRORS['REVIEW.ROUND_OPEN']();
      const ranked = await this.ranking.read(m, call);
      // with a deliberation vote, only the elected are candidates for an award: the others go without a rank
      const elected = await readElected(m, callId);
      const rankOf = new Map(
        ranked.map((r) => [r.applicationId, elected && !elected.has(r.applicationId) ? null : r.rank]),
      );
      const candidates: { id: string; status: string; track: string | null }[] = await m.query(
        `SELECT a.id, a.status, a.track FROM ${applicationsFrom('a')} WHERE a.call_id = $1 AND a.status = ANY($2::text[])`,
        [callId, DECIDABLE],
      );
      // tiers with money for a call whose awards carry none (a certification, a list track): refused as a whole
      const money = candidates.length
        ? candidates.some((c) => awardCarriesMoney(def, c.track))
        : awardCarriesMoney(def, null);
      if (dto.tiers.some((t) => t.amountFen > 0) && !money) throw atPath(AWARD_ERRORS['DECISIONS.NO_MONEY'](), 'tiers');
      const proposal = fillByRanking(
        candidates.map((c) => ({ applicationId: c.id, rank: rankOf.get(c.id) ?? null, track: c.track })),
        dto.tiers,
        call.budgetFen,
      );
      if (tx) {
        const byId = new Map(candidates.map((c) => [c.id, c]));
        for (const p of proposal.items) {
          const app = byId.get(p.applicationId)!;
          const decision = this.shape(def, app.track, {
            outcome: p.outcome,
            tier: p.tier ?? undefined,
            amountFen: p.amountFen,
            note: '',
          });
          await this.save(
            tx,
            user.id,
            app,
            call,
            decision,
            dto.note ?? '按排名自动分配 / filled by ranking',
            'ranking',
          );
        }
      }
      const current = await this.items(
        m,
        call,
        proposal.items.map((p) => p.applicationId),
      );
      const byApp = new Map(current.map((i) => [i.applicationId, i]));
      return {
        budgetFen: call.budgetFen,
        totalFen: proposal.totalFen,
        remainingFen: proposal.remainingFen,
        saved: !!tx,
        items: proposal.items.map((p) => {
          const base = byApp.get(p.applicationId)!;
          const tier =
            p.outcome === 'award' && !awardCarriesMoney(def, base.track) ? this.titleOf(def, base.track) : p.tier;
          return {
            ...base,
            outcome: p.outcome,
            tier,
            amountFen: p.amountFen,
            ...(tx ? {} : { note: null, decidedAt: null, decidedBy: null }),
          };
        }),
      };
    };
    if (dto.confirm) return inTransaction(this.ds, (tx) => work(tx, tx.manager));
    return work(null, this.ds.manager);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private program(call: CallFacts): ProgramDefinition {
    const def = this.programs.get(call.programCode);
    if (!def) throw APPLICATION_ERRORS['CALL.UNKNOWN_PROGRAM']({ code: call.programCode });
    return def;
  }

  private titleOf(def: ProgramDefinition, track: string | null): string {
    const t = (track && def.award.titles[track]) || Object.values(def.award.titles)[0];
    return t ? t.zh : def.name.zh;
  }

  /** The decision as stored: awards without money (certifications, list tracks) carry the title of their track as tier. */
  private shape(
    def: ProgramDefinition,
    track: string | null,
    dto: DecisionDto,
  ): { outcome: 'award' | 'reject'; tier: string | null; amountFen: number } {
    if (dto.outcome === 'reject') {
      if (dto.amountFen) throw atPath(AWARD_ERRORS['DECISIONS.REJECT_WITH_AMOUNT'](), 'amountFen');
      return { outcome: 'reject', tier: null, amountFen: 0 };
    }
    if (!awardCarriesMoney(def, track)) {
      if (dto.amountFen) throw atPath(AWARD_ERRORS['DECISIONS.NO_MONEY'](), 'amountFen');
      const title = (track && def.award.titles[track]) || null;
      if (dto.tier && title && dto.tier !== title.zh && dto.tier !== title.en)
        throw atPath(AWARD_ERRORS['DECISIONS.TIER_IS_TITLE']({ title: title.zh }), 'tier');
      return { outcome: 'award', tier: this.titleOf(def, track), amountFen: 0 };
    }
    if (!dto.amountFen || dto.amountFen <= 0) throw atPath(AWARD_ERRORS['DECISIONS.AMOUNT_REQUIRED'](), 'amountFen');
    return { outcome: 'award', tier: dto.tier?.trim() || null, amountFen: dto.amountFen };
  }

  private async lockForDecisions(tx: Tx, callId: string): Promise<CallFacts> {
    const call = await loadCall(tx.manager, callId, true);
    assertNotFinalized(call);
    if (await noticeOf(tx.manager, callId)) throw AWARD_ERRORS['DECISIONS.NOTICE_PUBLISHED']();
    return call;
  }

  private async decidable(m: EntityManager, callId: string, applicationId: string) {
    const app = await lockApplicationForAwards(m, applicationId, callId);
    if (!app) throw APPLICATION_ERRORS['APPLICATION.NOT_FOUND']();
    if (!DECIDABLE.includes(app.status)) throw AWARD_ERRORS['DECISIONS.NOT_REVIEWED']({ status: app.status });
    return { id: app.id, status: app.status, track: app.track, organizationId: app.organizationId };
  }

  private async save(
    tx: Tx,
    actorId: string,
    app: { id: string; status: string },
    call: CallFacts,
    d: { outcome: 'award' | 'reject'; tier: string | null; amountFen: number },
    note: string,
    source: 'officer' | 'ranking',
  ): Promise<void> {
    const now = this.clock.now();
    await tx.manager.query(
      `INSERT INTO award_decision (application_id, call_id, outcome, tier, amount_fen, note, source, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (application_id) DO UPDATE SET outcome = EXCLUDED.outcome, tier = EXCLUDED.tier, amount_fen = EXCLUDED.amount_fen,
         note = EXCLUDED.note, source = EXCLUDED.source, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,
         version = award_decision.version + 1`,
      [app.id, call.id, d.outcome, d.tier, d.amountFen, note, source, actorId, now],
    );
    await this.calls.markDecided(tx.manager, call.id, now); // the budget and the notice length freeze from now on
    if (d.outcome === 'award' && app.status === 'reviewed') await this.outcome.move(tx, app, 'proposed', actorId, note);
    if (d.outcome === 'reject' && app.status === 'proposed')
      await this.outcome.move(tx, app, 'reviewed', actorId, note);
    await this.audit.record(tx.manager, {
      actorId,
      action: 'decision.recorded',
      entityType: 'application',
      entityId: app.id,
      data: { callId: call.id, outcome: d.outcome, tier: d.tier, amountFen: d.amountFen, source },
    });
  }

  private async committed(m: EntityManager, callId: string, exceptApplicationId?: string): Promise<number> {
    const [r] = await m.query(
      `SELECT COALESCE(sum(d.amount_fen), 0) AS total FROM award_decision d JOIN ${applicationsFrom('a')} ON a.id = d.application_id
        WHERE d.call_id = $1 AND d.outcome = 'award' AND a.status IN ('proposed', 'awarded') AND d.application_id <> $2::uuid`,
      [callId, exceptApplicationId ?? '00000000-0000-0000-0000-000000000000'],
    );
    return Number(r.total);
  }

  /** The listed applications (`only` these; `user`: within their scope). */
  private async items(m: EntityManager, call: CallFacts, only?: string[], user?: AuthUser): Promise<DecisionItem[]> {
    const params: unknown[] = [call.id, LISTED];
    const filter = only ? `AND a.id = ANY($${params.push(only)}::uuid[])` : '';
    const scope = user ? `AND ${staffScopeCondition(user, params)}` : '';
    const rows: SqlRow[] = await m.query(
      `SELECT a.id, a.number, a.title, a.track, a.status, a.organization_id, o.organization_name AS organization,
              d.outcome, d.tier, d.amount_fen, d.note, d.decided_at, d.decided_by, ${SCOPE_COLUMNS}
         FROM ${applicationsFrom('a')} ${organizationPayeeJoin('o', 'a.organization_id')} ${scopeJoin('a.id')}
         LEFT JOIN award_decision d ON d.application_id = a.id
        WHERE a.call_id = $1 AND (a.status = ANY($2::text[]) OR d.application_id IS NOT NULL) ${filter} ${scope}`,
      params,
    );
    const ranked = await this.ranking.read(m, call);
    const rankOf = new Map(ranked.map((r) => [r.applicationId, r]));
    const items = rows.map((r) => ({
      applicationId: r.id,
      number: r.number,
      title: r.title,
      organization: r.organization,
      organizationId: r.organization_id,
      track: r.track,
      status: r.status,
      rank: rankOf.get(r.id)?.rank ?? null,
      score: rankOf.get(r.id)?.score ?? null,
      outcome: r.outcome ?? null,
      tier: r.tier ?? null,
      amountFen: Number(r.amount_fen ?? 0),
      note: r.note ?? null,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      decidedBy: r.decided_by ?? null,
      province: r.scope_province ?? null,
    }));
    return items.sort(
      (x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || String(x.number).localeCompare(String(y.number)),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, DomainError, inTransaction, page, Page } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { officeProvince, ProgramDefinition, ProgramRegistry } from '@portal/programs';
import { Call } from './call.entity';
import { callStatusCondition } from './call-status';
import { CallListQuery, CreateCallDto, UpdateCallDto } from './call.dto';
import { callView, CallView } from './call.view';
import { assertManagesCalls, officerMaySeeCall } from './call-visibility';
import { provincialSettingsProblems, ProvincialSettings } from './provincial-stage';

function provincialInvalid(settings: ProvincialSettings, closesAt: Date): DomainError | null {
  const details = provincialSettingsProblems(settings, closesAt);
  return details.length ? APPLICATION_ERRORS['CALL.PROVINCIAL_SETTINGS_INVALID']({ details }) : null;
}

const COLUMNS: Record<string, string> = {
  year: 'year',
  title: 'title',
  opensAt: 'opens_at',
  closesAt: 'closes_at',
  budgetFen: 'budget_fen',
  reviewersPerApplication: 'reviewers_per_application',
  blindReview: 'blind_review',
  regionRecusal: 'region_recusal',
  noticeWorkingDays: 'notice_working_days',
  aggregation: 'aggregation',
  spreadThreshold: 'spread_threshold',
  requestSharePercent: 'request_share_percent',
  paymentDualControl: 'payment_dual_control',
  agreementRequired: 'agreement_required',
  reportsRequired: 'reports_required',
  annualReview: 'annual_review',
  deliberation: 'deliberation',
};

/** What happens after the award (issue 13): fixed once the call is finalized and its awards exist. */
export const FOLLOWUP_SETTINGS = ['agreementRequired', 'reportsRequired', 'annualReview'] as const;

/**
 * What a review draw depends on, or what judges its result: frozen once the first draw has run (the ranking would
 * otherwise be steerable after the experts are known). The rubric and the experts' field requirements belong to the
 * program definition and cannot be changed through a call at all.
 */
export const REVIEW_SETTINGS = [
  'blindReview',
  'aggregation',
  'reviewersPerApplication',
  'regionRecusal',
  'spreadThreshold',
  'deliberation',
] as const;
/** Editable after the draw, frozen once the first award decision is recorded. */
export const DECISION_SETTINGS = ['budgetFen', 'noticeWorkingDays'] as const;

/** The fields of `changes` that would change a frozen setting of `current` (the same value again is no change). */
export function frozenChanges(current: Call, changes: Partial<Record<string, unknown>>): DomainError | null {
  const changed = (fields: readonly string[]) =>
    fields.filter((f) => changes[f] !== undefined && !sameValue(current, f, changes[f]));
  if (current.reviewDrawnAt) {
    const fields = changed(REVIEW_SETTINGS);
    if (fields.length)
      return APPLICATION_ERRORS['CALL.REVIEW_SETTINGS_FROZEN'](
        { fields },
        { details: fields.map((path) => ({ path, message: frozenMessage })) },
      );
  }
  // dual control of payments may be switched on at any time, off only until the money is planned (finalize)
  if (current.finalizedAt && current.paymentDualControl && changes.paymentDualControl === false)
    return APPLICATION_ERRORS['CALL.PAYMENT_SETTINGS_FROZEN']({
      details: [
        {
          path: 'paymentDualControl',
          message: {
            zh: '批次已定稿，拨付双人复核不能再关闭',
            en: 'cannot be switched off once the call is finalized',
          },
        },
      ],
    });
  if (current.finalizedAt) {
    const fields = changed(FOLLOWUP_SETTINGS);
    if (fields.length)
      return APPLICATION_ERRORS['CALL.FOLLOWUP_SETTINGS_FROZEN'](
        { fields },
        { details: fields.map((path) => ({ path, message: frozenMessage })) },
      );
  }
  if (current.decidedAt) {
    const fields = changed(DECISION_SETTINGS);
    if (fields.length)
      return APPLICATION_ERRORS['CALL.DECISION_SETTINGS_FROZEN'](
        { fields },
        { details: fields.map((path) => ({ path, message: frozenMessage })) },
      );
  }
  return null;
}

const frozenMessage = { zh: '此项已冻结，不能修改', en: 'this setting is frozen' };

function sameValue(current: Call, field: string, value: unknown): boolean {
  const now = (current as unknown as Record<string, unknown>)[field];
  return typeof value === 'number' || typeof now === 'number' ? Number(now) === Number(value) : now === value;
}

function windowInvalid(): DomainError {
  const message = { zh: '截止时间须晚于开始时间', en: 'closesAt must be later than opensAt' };
  return APPLICATION_ERRORS['CALL.WINDOW_INVALID']({ details: [{ path: 'closesAt', message }] });
}

/** A call's `tracks` setting naming a track its program does not have (the series' check too, at `path`). */
export function tracksInvalid(def: ProgramDefinition, tracks: string[] | undefined, path: string): DomainError | null {
  const unknown = (tracks ?? []).filter((t) => !def.tracks.some((x) => x.code === t));
  if (!unknown.length) return null;
  const message = { zh: `未知类别：${unknown.join('、')}`, en: `unknown tracks: ${unknown.join(', ')}` };
  return APPLICATION_ERRORS['CALL.TRACKS_INVALID']({ tracks: unknown }, { details: [{ path, message }] });
}

@Injectable()
export class CallsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
  ) {}

  /**
   * Only the national office opens calls (403 CALL.NATIONAL_OFFICE_ONLY for a provincial officer), and only for the
   * programs its agency handles (403 CALL.PROGRAM_NOT_IN_SCOPE). 403 rather than 404: there is no record to hide —
   * calls are public — and the officer should learn why the form refuses.
   */
  async create(actor: AuthUser, dto: CreateCallDto): Promise<CallView> {
    assertManagesCalls(actor, officeProvince(this.programs.get(dto.programCode)));
    if (!officerMaySeeCall(actor, dto))
      throw APPLICATION_ERRORS['CALL.PROGRAM_NOT_IN_SCOPE']({ code: dto.programCode });
    return inTransaction(this.ds, (tx) => this.open(tx.manager, actor.id, dto));
  }

  /**
   * The one writer of a new call, inside the caller's transaction: the program, the window and the provincial
   * settings checked, the row written, `call.created` audited. A recurring series (issue 15) passes itself and the
   * period; the unique (series, period) index makes a second call for the same period fail.
   */
  async open(
    m: EntityManager,
    actorId: string,
    dto: CreateCallDto,
    series?: { id: string; period: string },
  ): Promise<CallView> {
    const def = this.programs.get(dto.programCode);
    if (!def) {
      const message = { zh: `未知的扶持项目：${dto.programCode}`, en: `unknown program: ${dto.programCode}` };
      throw APPLICATION_ERRORS['CALL.UNKNOWN_PROGRAM'](
        { code: dto.programCode },
        { details: [{ path: 'programCode', message }] },
      );
    }
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    if (closesAt.getTime() <= opensAt.getTime()) throw windowInvalid();
    // a call made without the field has no provincial stage (API.md's flows)
    const provincial: ProvincialSettings = {
      provincialStage: dto.provincialStage ?? 'none',
      provincialQuota: dto.provincialQuota ?? null,
      provincialClosesAt: dto.provincialClosesAt ? new Date(dto.provincialClosesAt) : null,
    };
    const bad = provincialInvalid(provincial, closesAt);
    if (bad) throw bad;
    const badTracks = tracksInvalid(def, dto.tracks, 'tracks');
    if (badTracks) throw badTracks;
    const now = this.clock.now();
    const rows = await m.query(
      `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review, region_recusal,
                         notice_working_days, aggregation, spread_threshold, request_share_percent, payment_dual_control, created_by, created_at, updated_at,
                         provincial_stage, provincial_quota, provincial_closes_at, agreement_required, reports_required, annual_review,
                         series_id, series_period, tracks, deliberation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
       RETURNING id`,
      [
        def.code,
        dto.year,
        dto.title.trim(),
        opensAt,
        closesAt,
        dto.budgetFen,
        dto.reviewersPerApplication,
        dto.blindReview,
        dto.regionRecusal,
        dto.noticeWorkingDays,
        dto.aggregation,
        dto.spreadThreshold ?? 20,
        dto.requestSharePercent ?? null,
        dto.paymentDualControl ?? false,
        actorId,
        now,
        provincial.provincialStage,
        provincial.provincialQuota === null ? null : JSON.stringify(provincial.provincialQuota),
        provincial.provincialClosesAt,
        dto.agreementRequired ?? false,
        dto.reportsRequired ?? false,
        dto.annualReview ?? false,
        series?.id ?? null,
        series?.period ?? null,
        dto.tracks ?? null,
        dto.deliberation ?? false,
      ],
    );
    const id: string = rows[0].id;
    await this.audit.record(m, {
      actorId,
      action: 'call.created',
      entityType: 'call',
      entityId: id,
      data: series ? { ...dto, seriesId: series.id, seriesPeriod: series.period } : { ...dto },
    });
    return callView(await this.load(m, id), now);
  }

  async update(actor: AuthUser, id: string, dto: UpdateCallDto): Promise<CallView> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const current = await tx.manager
        .getRepository(Call)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id })
        .getOne();
      // a call of a program outside the officer's scope: 404, as if absent; a provincial officer: 403 (see create)
      if (!current || !officerMaySeeCall(actor, current)) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      assertManagesCalls(actor, officeProvince(this.programs.get(current.programCode)));
      if (current.version !== dto.version) throw APPLICATION_ERRORS['CALL.STALE_VERSION']();
      const { version: _v, ...changes } = dto;
      const opensAt = changes.opensAt ? new Date(changes.opensAt) : current.opensAt;
      const closesAt = changes.closesAt ? new Date(changes.closesAt) : current.closesAt;
      if (closesAt.getTime() <= opensAt.getTime()) throw windowInvalid();
      if (changes.year !== undefined && changes.year !== current.year)
        await this.assertNothingSubmitted(tx.manager, id);
      const frozen = frozenChanges(current, changes);
      if (frozen) throw frozen;
      const sets: string[] = [];
      const params: unknown[] = [id];
      const stage = changes.provincialStage ?? current.provincialStage;
      const stageChanged = stage !== current.provincialStage;
      const provincial: ProvincialSettings = {
        provincialStage: stage,
        // dropping the stage drops its quota and deadline along
        provincialQuota:
          changes.provincialQuota !== undefined
            ? changes.provincialQuota
            : stage === 'none' && stageChanged
              ? null
              : current.provincialQuota,
        provincialClosesAt: changes.provincialClosesAt
          ? new Date(changes.provincialClosesAt)
          : stage === 'none' && stageChanged
            ? null
            : current.provincialClosesAt,
      };
      const bad = provincialInvalid(provincial, closesAt);
      if (bad) throw bad;
      if (stageChanged) {
        // the stage decides who handles a submitted application: fixed from the first submission on
        const submitted = await tx.manager.query(
          `SELECT 1 FROM application WHERE call_id = $1 AND first_submitted_at IS NOT NULL LIMIT 1`,
          [id],
        );
        if (submitted.length) throw APPLICATION_ERRORS['CALL.STAGE_LOCKED']();
        // the drafts follow: held by their province on a call with a stage
        await tx.manager.query(`UPDATE application SET level = $2 WHERE call_id = $1`, [
          id,
          stage === 'none' ? 'national' : 'provincial',
        ]);
      }
      params.push(provincial.provincialStage);
      sets.push(`provincial_stage = $${params.length}`);
      params.push(provincial.provincialQuota === null ? null : JSON.stringify(provincial.provincialQuota));
      sets.push(`provincial_quota = $${params.length}`);
      params.push(provincial.provincialClosesAt);
      sets.push(`provincial_closes_at = $${params.length}`);
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined || !COLUMNS[field]) continue;
        params.push(
          field === 'opensAt'
            ? opensAt
            : field === 'closesAt'
              ? closesAt
              : field === 'title'
                ? String(value).trim()
                : value,
        );
        sets.push(`${COLUMNS[field]} = $${params.length}`);
      }
      params.push(now);
      await tx.manager.query(
        `UPDATE call SET ${[...sets, `updated_at = $${params.length}`, 'version = version + 1'].join(', ')} WHERE id = $1`,
        params,
      );
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'call.updated',
        entityType: 'call',
        entityId: id,
        data: { changes },
      });
      return callView(await this.load(tx.manager, id), now);
    });
  }

  async list(q: CallListQuery): Promise<Page<CallView>> {
    const now = this.clock.now();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status) {
      params.push(now);
      where.push(callStatusCondition(q.status, `$${params.length}`));
    }
    if (q.program) {
      params.push(q.program);
      where.push(`c.program_code = $${params.length}`);
    }
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM call c ${cond}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT c.id FROM call c ${cond} ORDER BY c.closes_at DESC, c.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    const calls = ids.length
      ? await this.ds
          .getRepository(Call)
          .createQueryBuilder('c')
          .where('c.id IN (:...ids)', { ids: ids.map((r) => r.id) })
          .getMany()
      : [];
    const byId = new Map(calls.map((c) => [c.id, c]));
    return page(
      ids.map((r) => callView(byId.get(r.id)!, now)),
      n,
      q,
    );
  }

  async get(id: string): Promise<CallView> {
    const call = await this.load(this.ds.manager, id);
    const view = callView(call, this.clock.now());
    const def = this.programs.get(call.programCode);
    view.rubric = (def?.rubric ?? []).map((c) => ({ key: c.key, name: { ...c.name }, weight: c.weight, max: c.max }));
    return view;
  }

  /**
   * For an officer route about a call (e.g. its applications): 404 when the call's program is outside their scope. A
   * call that does not exist passes (null): each route answers for that as it did before scopes.
   */
  async assertOfficerMaySee(user: AuthUser, callId: string, m: EntityManager = this.ds.manager): Promise<Call | null> {
    const call = await m.getRepository(Call).findOneBy({ id: callId });
    if (call && !officerMaySeeCall(user, call)) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    return call;
  }

  async load(m: EntityManager, id: string): Promise<Call> {
    const call = await m.getRepository(Call).findOneBy({ id });
    if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    return call;
  }

  /** Marks the call's review round closed (review's close), in the caller's transaction; false if it already was. */
  async closeReview(m: EntityManager, callId: string, at: Date): Promise<boolean> {
    const [rows] = await m.query(
      `UPDATE call SET review_closed_at = $2, updated_at = $2, version = version + 1 WHERE id = $1 AND review_closed_at IS NULL RETURNING id`,
      [callId, at],
    );
    return rows.length > 0;
  }

  /** Locks the call's row for the review draw: a concurrent PATCH of its settings waits for the draw, or the other way. */
  async lockForDraw(m: EntityManager, callId: string): Promise<void> {
    await m.query(`SELECT id FROM call WHERE id = $1 FOR UPDATE`, [callId]);
  }

  /**
   * Records the call's first review draw (review's draw, in its transaction, under the round lock): from then on the
   * review settings are frozen. Later draws leave the first moment in place.
   */
  async markReviewDrawn(m: EntityManager, callId: string, at: Date): Promise<void> {
    await m.query(`UPDATE call SET review_drawn_at = $2 WHERE id = $1 AND review_drawn_at IS NULL`, [callId, at]);
  }

  /** Records the call's first award decision (awards' decisions, in their transaction): budget and notice length freeze. */
  async markDecided(m: EntityManager, callId: string, at: Date): Promise<void> {
    await m.query(`UPDATE call SET decided_at = $2 WHERE id = $1 AND decided_at IS NULL`, [callId, at]);
  }

  private async assertNothingSubmitted(m: EntityManager, callId: string) {
    const rows = await m.query(`SELECT 1 FROM application WHERE call_id = $1 AND number IS NOT NULL LIMIT 1`, [callId]);
    if (rows.length) throw APPLICATION_ERRORS['CALL.YEAR_LOCKED']();
  }
}

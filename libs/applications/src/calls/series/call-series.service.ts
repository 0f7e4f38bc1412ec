import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, DomainError, inTransaction } from '@portal/platform';
import { officeProvince, ProgramRegistry } from '@portal/programs';
import { APPLICATION_ERRORS } from '../../errors';
import { CreateCallDto } from '../call.dto';
import { assertManagesCalls, officerManagesCalls, officerMaySeeCall } from '../call-visibility';
import { CallsService, tracksInvalid } from '../calls.service';
import { provincialSettingsProblems } from '../provincial-stage';
import { CallSeriesSettingsDto, CreateCallSeriesDto } from './call-series.dto';
import { duePeriods, Recurrence, seriesPeriod, SeriesPeriod, seriesTitle, SeriesTiming } from './series-periods';

const DAY_MS = 86_400_000;

/** The bilingual message of what a run ran into: a domain error's own, else a plain one (details stay in the log). */
function errorMessage(err: unknown): { zh: string; en: string } {
  if (err instanceof DomainError) return { zh: err.text.zh, en: err.text.en };
  return { zh: '开放批次时出错（详见日志）', en: 'opening the call failed (see the log)' };
}

interface SeriesRow {
  id: string;
  program_code: string;
  title_template: string;
  recurrence: Recurrence;
  first_year: number;
  first_quarter: number;
  opens_offset_days: number;
  window_days: number;
  lead_days: number;
  provincial_days: number | null;
  settings: CallSeriesSettingsDto;
  active: boolean;
  last_error: { zh: string; en: string } | null;
  last_error_at: Date | null;
  created_by: string;
  created_at: Date;
}

export interface CallSeriesView {
  id: string;
  programCode: string;
  titleTemplate: string;
  recurrence: Recurrence;
  firstYear: number;
  firstQuarter: number;
  opensOffsetDays: number;
  windowDays: number;
  leadDays: number;
  provincialDays: number | null;
  settings: CallSeriesSettingsDto;
  active: boolean;
  createdAt: string;
  /** Why the last run could not open a due call (null once a run succeeds). */
  lastError: { message: { zh: string; en: string }; at: string } | null;
  /** The calls opened so far, oldest first. */
  calls: { id: string; period: string; title: string; opensAt: string; closesAt: string }[];
  /** The next period without a call that has not closed yet (null once the series is stopped). */
  next: { period: string; title: string; opensAt: string; closesAt: string } | null;
}

export interface OpenedCall {
  seriesId: string;
  period: string;
  callId: string;
}

function timing(r: SeriesRow): SeriesTiming {
  return {
    recurrence: r.recurrence,
    firstYear: r.first_year,
    firstQuarter: r.first_quarter,
    opensOffsetDays: r.opens_offset_days,
    windowDays: r.window_days,
  };
}

/** POST /api/calls' body for one period of a series. */
function callOfPeriod(r: SeriesRow, p: SeriesPeriod): CreateCallDto {
  return {
    ...r.settings,
    programCode: r.program_code,
    year: p.year,
    title: seriesTitle(r.title_template, p),
    opensAt: p.opensAt.toISOString(),
    closesAt: p.closesAt.toISOString(),
    ...(r.provincial_days && r.settings.provincialStage && r.settings.provincialStage !== 'none'
      ? { provincialClosesAt: new Date(p.closesAt.getTime() + r.provincial_days * DAY_MS).toISOString() }
      : {}),
  };
}

/**
 * Recurring calls (issue 15): a series is a template from which each period's call is opened — by the worker's
 * `call-series` job scheduler, or at once when an officer creates the series or asks for a run. Every call goes
 * through `CallsService.open`, the one writer of a new call, with the series and period; a period gets at most one
 * call (the series row is locked while its periods are opened, and (series, period) is unique).
 */
@Injectable()
export class CallSeriesService {
  private readonly logger = new Logger('CallSeries');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
    private readonly calls: CallsService,
  ) {}

  /** National office only, for a program of the officer's agency (403 as for calls); opens what is due at once. */
  async create(actor: AuthUser, dto: CreateCallSeriesDto): Promise<CallSeriesView> {
    assertManagesCalls(actor, officeProvince(this.programs.get(dto.programCode)));
    if (!officerMaySeeCall(actor, dto))
      throw APPLICATION_ERRORS['CALL.PROGRAM_NOT_IN_SCOPE']({ code: dto.programCode });
    const def = this.programs.get(dto.programCode);
    if (!def) {
      const message = { zh: `未知的扶持项目：${dto.programCode}`, en: `unknown program: ${dto.programCode}` };
      throw APPLICATION_ERRORS['CALL.UNKNOWN_PROGRAM'](
        { code: dto.programCode },
        { details: [{ path: 'programCode', message }] },
      );
    }
    const badTracks = tracksInvalid(def, dto.settings.tracks, 'settings.tracks');
    if (badTracks) throw badTracks;
    const staged = dto.settings.provincialStage && dto.settings.provincialStage !== 'none';
    if (staged && !dto.provincialDays) {
      const message = {
        zh: '设有省级阶段的周期性批次须填写省级截止（批次截止后的天数）',
        en: "a series with a provincial stage needs provincialDays (the provinces' deadline after each call closes)",
      };
      throw APPLICATION_ERRORS['CALL_SERIES.INVALID']({ details: [{ path: 'provincialDays', message }] });
    }
    const first = seriesPeriod(
      {
        recurrence: dto.recurrence,
        firstYear: dto.firstYear,
        firstQuarter: dto.firstQuarter ?? 1,
        opensOffsetDays: dto.opensOffsetDays,
        windowDays: dto.windowDays,
      },
      0,
    );
    const problems = staged
      ? provincialSettingsProblems(
          {
            provincialStage: dto.settings.provincialStage!,
            provincialQuota: dto.settings.provincialQuota ?? null,
            provincialClosesAt: new Date(first.closesAt.getTime() + dto.provincialDays! * DAY_MS),
          },
          first.closesAt,
        )
      : [];
    if (problems.length)
      throw APPLICATION_ERRORS['CALL_SERIES.INVALID']({
        details: problems.map((d) => ({ ...d, path: `settings.${d.path}` })),
      });
    const id = await inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(
        `INSERT INTO call_series (program_code, title_template, recurrence, first_year, first_quarter, opens_offset_days,
                                  window_days, lead_days, provincial_days, settings, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
        [
          dto.programCode,
          dto.titleTemplate.trim(),
          dto.recurrence,
          dto.firstYear,
          dto.firstQuarter ?? 1,
          dto.opensOffsetDays,
          dto.windowDays,
          dto.leadDays ?? 0,
          dto.provincialDays ?? null,
          JSON.stringify(dto.settings),
          actor.id,
          this.clock.now(),
        ],
      );
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'call_series.created',
        entityType: 'call_series',
        entityId: rows[0].id,
        data: { ...dto },
      });
      return rows[0].id as string;
    });
    await this.openDue(id);
    return this.get(actor, id);
  }

  /** The series of the programs the officer handles, newest first. */
  async list(actor: AuthUser): Promise<{ items: CallSeriesView[]; total: number }> {
    const rows: SeriesRow[] = await this.ds.query(`SELECT * FROM call_series ORDER BY created_at DESC, id`);
    const mine = rows.filter((r) => officerMaySeeCall(actor, { programCode: r.program_code }));
    const items = await Promise.all(mine.map((r) => this.view(this.ds.manager, r)));
    return { items, total: items.length };
  }

  async get(actor: AuthUser, id: string): Promise<CallSeriesView> {
    const [row]: SeriesRow[] = await this.ds.query(`SELECT * FROM call_series WHERE id = $1`, [id]);
    // another program's series: 404, as a call outside the officer's scope
    if (!row || !officerMaySeeCall(actor, { programCode: row.program_code }))
      throw APPLICATION_ERRORS['CALL_SERIES.NOT_FOUND']();
    return this.view(this.ds.manager, row);
  }

  /** Stops (or resumes) a series; the calls it opened stay as they are. */
  async setActive(actor: AuthUser, id: string, active: boolean): Promise<CallSeriesView> {
    const series = await this.get(actor, id);
    assertManagesCalls(actor, officeProvince(this.programs.get(series.programCode)));
    await inTransaction(this.ds, async (tx) => {
      await tx.manager.query(`UPDATE call_series SET active = $2, updated_at = $3 WHERE id = $1`, [
        id,
        active,
        this.clock.now(),
      ]);
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: active ? 'call_series.resumed' : 'call_series.stopped',
        entityType: 'call_series',
        entityId: id,
        data: { active },
      });
    });
    if (active) await this.openDue(id);
    return this.get(actor, id);
  }

  /** POST /api/call-series/open-due: the national office's "open now" over the series it may see. */
  async openDueFor(actor: AuthUser): Promise<{ items: OpenedCall[]; total: number }> {
    // the series of the programs this officer's office runs (the national office's, or a province's own programs)
    const manages = (code: string) => officerManagesCalls(actor, officeProvince(this.programs.get(code)));
    if (!officerManagesCalls(actor) && !this.programs.list().some((d) => d.office && manages(d.code)))
      throw APPLICATION_ERRORS['CALL.NATIONAL_OFFICE_ONLY']();
    const mine = (await this.list(actor)).items.filter((s) => manages(s.programCode));
    const items: OpenedCall[] = [];
    for (const s of mine) items.push(...(await this.openDue(s.id)));
    return { items, total: items.length };
  }

  /**
   * Opens the call of every due period of every active series (or of one series) that has none yet, on the portal
   * clock. Each series in a transaction of its own, its row locked: two workers (or a worker and an officer's run)
   * never open a period twice. A series whose call cannot be opened (its program gone, say) is logged and skipped.
   */
  async openDue(onlySeriesId?: string): Promise<OpenedCall[]> {
    const ids: { id: string }[] = await this.ds.query(
      `SELECT id FROM call_series WHERE active AND ($1::uuid IS NULL OR id = $1) ORDER BY created_at, id`,
      [onlySeriesId ?? null],
    );
    const opened: OpenedCall[] = [];
    for (const { id } of ids) {
      try {
        opened.push(...(await inTransaction(this.ds, (tx) => this.openDueOf(tx.manager, id))));
      } catch (err) {
        this.logger.warn({ err }, `call series ${id}: could not open its due calls`);
        // kept for the officer's page; a later run that succeeds clears it
        await this.ds
          .query(`UPDATE call_series SET last_error = $2, last_error_at = $3 WHERE id = $1`, [
            id,
            JSON.stringify(errorMessage(err)),
            this.clock.now(),
          ])
          .catch(() => undefined);
      }
    }
    return opened;
  }

  private async openDueOf(m: EntityManager, id: string): Promise<OpenedCall[]> {
    const [row]: SeriesRow[] = await m.query(`SELECT * FROM call_series WHERE id = $1 AND active FOR UPDATE`, [id]);
    if (!row) return [];
    const have = new Set<string>(
      (await m.query(`SELECT series_period FROM call WHERE series_id = $1`, [id])).map(
        (r: { series_period: string }) => r.series_period,
      ),
    );
    const opened: OpenedCall[] = [];
    for (const p of duePeriods(timing(row), this.clock.now(), row.lead_days)) {
      if (have.has(p.key)) continue;
      const call = await this.calls.open(m, row.created_by, callOfPeriod(row, p), { id, period: p.key });
      opened.push({ seriesId: id, period: p.key, callId: call.id });
    }
    if (row.last_error)
      await m.query(`UPDATE call_series SET last_error = NULL, last_error_at = NULL WHERE id = $1`, [id]);
    return opened;
  }

  private async view(m: EntityManager, r: SeriesRow): Promise<CallSeriesView> {
    const calls: { id: string; series_period: string; title: string; opens_at: Date; closes_at: Date }[] =
      await m.query(
        `SELECT id, series_period, title, opens_at, closes_at FROM call WHERE series_id = $1 ORDER BY opens_at`,
        [r.id],
      );
    const have = new Set(calls.map((c) => c.series_period));
    const now = this.clock.now().getTime();
    let next: CallSeriesView['next'] = null;
    if (r.active)
      for (let n = 0; n < 200; n++) {
        const p = seriesPeriod(timing(r), n);
        if (have.has(p.key) || p.closesAt.getTime() <= now) continue;
        next = {
          period: p.key,
          title: seriesTitle(r.title_template, p),
          opensAt: p.opensAt.toISOString(),
          closesAt: p.closesAt.toISOString(),
        };
        break;
      }
    return {
      id: r.id,
      programCode: r.program_code,
      titleTemplate: r.title_template,
      recurrence: r.recurrence,
      firstYear: r.first_year,
      firstQuarter: r.first_quarter,
      opensOffsetDays: r.opens_offset_days,
      windowDays: r.window_days,
      leadDays: r.lead_days,
      provincialDays: r.provincial_days,
      settings: r.settings,
      active: r.active,
      createdAt: new Date(r.created_at).toISOString(),
      lastError:
        r.last_error && r.last_error_at ? { message: r.last_error, at: new Date(r.last_error_at).toISOString() } : null,
      calls: calls.map((c) => ({
        id: c.id,
        period: c.series_period,
        title: c.title,
        opensAt: new Date(c.opens_at).toISOString(),
        closesAt: new Date(c.closes_at).toISOString(),
      })),
      next,
    };
  }
}

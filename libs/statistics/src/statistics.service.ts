import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { csvLine, OfficerScope, PROVINCES, scopeCondition } from '@portal/platform';
import { ProgramRegistry } from '@portal/programs';

/** What a dashboard is filtered by (all optional). */
export interface StatisticsFilter {
  program?: string;
  province?: string;
  year?: number;
}

export interface StatisticsFigures {
  applications: number;
  accepted: number;
  awards: number;
  /** awards ÷ applications (0 when there is none), 4 decimals. */
  passRate: number;
  committedFen: number;
  paidFen: number;
}

export interface StatisticsRow extends StatisticsFigures {
  key: string;
  name: { zh: string; en: string };
}

export interface StatisticsDashboard {
  /** When the summary was last recomputed (null: never). */
  refreshedAt: string | null;
  filter: StatisticsFilter;
  /** The officer's scope the figures are limited to (null: the public's or a national officer's: everything). */
  scope: { provinceCode: string | null; programs: string[] | null } | null;
  totals: StatisticsFigures;
  byProgram: StatisticsRow[];
  byProvince: StatisticsRow[];
  byYear: StatisticsRow[];
}

interface CellRow {
  program_code: string | null;
  province_code: string | null;
  year: number | null;
  g: number;
  applications: string;
  accepted: string;
  awards: string;
  committed_fen: string;
  paid_fen: string;
}

const PUBLIC_CACHE_MS = 30_000;

/**
 * Reads of the statistics summary (`stats_cell`, written by StatisticsRefresher only): one statement per dashboard
 * (GROUPING SETS: totals, by program, by province, by year), the CSV of the cells. The public's dashboards are cached
 * in this process for 30 s per filter; an officer's are limited to their scope (a provincial officer: their province
 * and programs) and not cached.
 */
@Injectable()
export class StatisticsService {
  private readonly cache = new Map<string, { at: number; value: Promise<StatisticsDashboard> }>();

  constructor(
    private readonly ds: DataSource,
    private readonly programs: ProgramRegistry,
  ) {}

  publicDashboard(filter: StatisticsFilter): Promise<StatisticsDashboard> {
    const key = JSON.stringify([filter.program ?? null, filter.province ?? null, filter.year ?? null]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < PUBLIC_CACHE_MS) return hit.value;
    const value = this.dashboard(filter, null);
    value.catch(() => this.cache.delete(key));
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  /** Forget the public dashboards cached in this process (after a refresh here). */
  clearCache(): void {
    this.cache.clear();
  }

  async dashboard(filter: StatisticsFilter, scope: OfficerScope | null): Promise<StatisticsDashboard> {
    const params: unknown[] = [];
    const where = this.where(filter, scope, params);
    const [rows, refreshed]: [CellRow[], { refreshed_at: Date }[]] = await Promise.all([
      this.ds.query(dashboardSql(where), params),
      this.ds.query(`SELECT refreshed_at FROM stats_refresh WHERE id = 1`),
    ]);
    const figures = (r: CellRow | undefined): StatisticsFigures => figuresOf(r);
    const totals = figures(rows.find((r) => r.g === 7));
    const byProgram = rows
      .filter((r) => r.g === 3)
      .map((r) => ({ key: r.program_code!, name: this.programName(r.program_code!), ...figures(r) }));
    const byProvince = rows
      .filter((r) => r.g === 5)
      .map((r) => ({ key: r.province_code!, name: provinceName(r.province_code!), ...figures(r) }));
    const byYear = rows
      .filter((r) => r.g === 6)
      .map((r) => ({ key: String(r.year), name: { zh: `${r.year}年`, en: String(r.year) }, ...figures(r) }));
    return {
      refreshedAt: refreshed[0]?.refreshed_at ? new Date(refreshed[0].refreshed_at).toISOString() : null,
      filter: { ...filter },
      scope:
        scope && (scope.provinceCode || scope.programs)
          ? { provinceCode: scope.provinceCode, programs: scope.programs ? [...scope.programs] : null }
          : null,
      totals,
      byProgram,
      byProvince,
      byYear,
    };
  }

  /** Every cell matching the filter (and scope) as CSV with a header row; money in yuan. */
  async csv(filter: StatisticsFilter, scope: OfficerScope | null): Promise<string> {
    const params: unknown[] = [];
    const where = this.where(filter, scope, params);
    const rows: CellRow[] = await this.ds.query(
      `SELECT program_code, province_code, year, applications, accepted, awards, committed_fen, paid_fen
         FROM stats_cell WHERE ${where} ORDER BY year, program_code, province_code`,
      params,
    );
    const lines = [
      csvLine([
        '项目 program',
        '项目名称 program name',
        '省份代码 province code',
        '省份 province',
        '年度 year',
        '申报数 applications',
        '受理数 accepted',
        '资助/认定数 awards',
        '通过率 pass rate',
        '承诺金额(元) committed (CNY)',
        '已拨付(元) paid (CNY)',
      ]),
    ];
    for (const r of rows) {
      const f = figuresOf(r);
      lines.push(
        csvLine([
          r.program_code,
          this.programName(r.program_code!).zh,
          r.province_code,
          provinceName(r.province_code!).zh,
          r.year,
          f.applications,
          f.accepted,
          f.awards,
          f.passRate,
          (f.committedFen / 100).toFixed(2),
          (f.paidFen / 100).toFixed(2),
        ]),
      );
    }
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }

  private where(filter: StatisticsFilter, scope: OfficerScope | null, params: unknown[]): string {
    const parts: string[] = [];
    if (filter.program) {
      params.push(filter.program);
      parts.push(`program_code = $${params.length}`);
    }
    if (filter.province) {
      params.push(filter.province);
      parts.push(`province_code = $${params.length}`);
    }
    if (filter.year !== undefined) {
      params.push(filter.year);
      parts.push(`year = $${params.length}`);
    }
    if (scope) parts.push(scopeCondition(scope, 'province_code', 'program_code', params));
    return parts.length ? parts.join(' AND ') : 'TRUE';
  }

  private programName(code: string): { zh: string; en: string } {
    const def = this.programs.get(code);
    return def ? { zh: def.name.zh, en: def.name.en } : { zh: code, en: code };
  }
}

/**
 * The dashboard's one statement over the summary: totals, by program, by province and by year (GROUPING SETS; `g` is
 * GROUPING(program, province, year): 3 by program, 5 by province, 6 by year, 7 totals). Exported for the P7 benchmark.
 */
export function dashboardSql(where: string): string {
  return `SELECT program_code, province_code, year, GROUPING(program_code, province_code, year) AS g,
                 sum(applications) AS applications, sum(accepted) AS accepted, sum(awards) AS awards,
                 sum(committed_fen) AS committed_fen, sum(paid_fen) AS paid_fen
            FROM stats_cell WHERE ${where}
           GROUP BY GROUPING SETS ((program_code), (province_code), (year), ())
           ORDER BY program_code, province_code, year`;
}

function figuresOf(r: CellRow | undefined): StatisticsFigures {
  const applications = Number(r?.applications ?? 0);
  const awards = Number(r?.awards ?? 0);
  return {
    applications,
    accepted: Number(r?.accepted ?? 0),
    awards,
    passRate: applications ? Math.round((awards / applications) * 10000) / 10000 : 0,
    committedFen: Number(r?.committed_fen ?? 0),
    paidFen: Number(r?.paid_fen ?? 0),
  };
}

function provinceName(code: string): { zh: string; en: string } {
  const p = PROVINCES[code];
  return p ? { zh: p.zh, en: p.en } : { zh: code ? code : '未知', en: code ? code : 'unknown' };
}

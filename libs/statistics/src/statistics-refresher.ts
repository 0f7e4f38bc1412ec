import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClockService } from '@portal/platform';
import { organizationsRelation } from '@portal/identity';
import { applicationsRelation, callsRelation } from '@portal/applications';
import { awardsRelation } from '@portal/awards';
import { instalmentsRelation } from '@portal/payments';

/**
 * Statuses of an application that passed the formal check (受理): everything after `submitted` except a rejection,
 * a withdrawal or a return for correction.
 */
export const ACCEPTED_STATUSES = [
  'under_review',
  'reviewed',
  'proposed',
  'awarded',
  'not_awarded',
  'revoked',
  'provincial_passed',
  'forwarded',
  'not_recommended',
] as const;

/** What a refresh did. */
export interface StatisticsRefreshResult {
  refreshedAt: string;
  tookMs: number;
  cells: number;
}

/**
 * The one writer of `stats_cell` and `stats_refresh`: recomputes every program × province × year cell from the owners'
 * relations (applications and calls, organizations, awards, instalments) in one transaction, under a transaction-level
 * advisory lock so two refreshes (the worker's schedule, an admin's "refresh now") run one after the other. Readers see
 * the previous summary until the transaction commits (MVCC), never a half-written one.
 *
 * Cells: an application counts in its call's year and its organization's province once it was ever submitted;
 * `accepted` is the part in ACCEPTED_STATUSES; awards and the money committed count active awards in the award's
 * year; the money paid counts paid instalments of any award.
 */
@Injectable()
export class StatisticsRefresher {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
  ) {}

  async refresh(): Promise<StatisticsRefreshResult> {
    const t0 = Date.now();
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('stats_refresh'))`);
      await m.query(`DELETE FROM stats_cell`);
      await m.query(refreshSql(), [[...ACCEPTED_STATUSES]]);
      const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM stats_cell`);
      const now = this.clock.now();
      const tookMs = Date.now() - t0;
      await m.query(
        `INSERT INTO stats_refresh (id, refreshed_at, took_ms) VALUES (1, $1, $2)
           ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, took_ms = EXCLUDED.took_ms`,
        [now, tookMs],
      );
      return { refreshedAt: now.toISOString(), tookMs, cells: n };
    });
  }
}

/** The INSERT … SELECT of every cell ($1: the accepted statuses). Exported for the P7 benchmark. */
export function refreshSql(): string {
  return `
    WITH apps AS (
      SELECT a.program_code, coalesce(o.province_code, '') AS province_code, c.year,
             count(*)::int AS applications, (count(*) FILTER (WHERE a.status = ANY($1::text[])))::int AS accepted
        FROM ${applicationsRelation('a')}
        JOIN ${callsRelation('c')} ON c.id = a.call_id
        JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
       WHERE a.first_submitted_at IS NOT NULL
       GROUP BY 1, 2, 3),
    aw AS (
      SELECT w.program_code, coalesce(o.province_code, '') AS province_code, w.year,
             count(*)::int AS awards, sum(w.amount_fen)::bigint AS committed_fen
        FROM ${awardsRelation('w')}
        JOIN ${organizationsRelation('o')} ON o.id = w.organization_id
       WHERE w.status = 'active'
       GROUP BY 1, 2, 3),
    paid AS (
      SELECT w.program_code, coalesce(o.province_code, '') AS province_code, w.year, sum(i.amount_fen)::bigint AS paid_fen
        FROM ${instalmentsRelation('i')}
        JOIN ${awardsRelation('w')} ON w.id = i.award_id
        JOIN ${organizationsRelation('o')} ON o.id = w.organization_id
       WHERE i.status = 'paid'
       GROUP BY 1, 2, 3)
    INSERT INTO stats_cell (program_code, province_code, year, applications, accepted, awards, committed_fen, paid_fen)
    SELECT program_code, province_code, year, coalesce(apps.applications, 0), coalesce(apps.accepted, 0),
           coalesce(aw.awards, 0), coalesce(aw.committed_fen, 0), coalesce(paid.paid_fen, 0)
      FROM apps
      FULL JOIN aw USING (program_code, province_code, year)
      FULL JOIN paid USING (program_code, province_code, year)`;
}

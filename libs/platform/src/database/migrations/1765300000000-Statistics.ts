import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics (issue 14, item 8): the summary the public and officers' dashboards read. One row per program × province
 * × year: submitted applications, those that passed the formal check, awards (not revoked), money committed (their
 * amounts) and paid (paid instalments). Written only by statistics' `StatisticsRefresher`, which recomputes every row
 * from the owners' relations in one transaction; `stats_refresh` (one row) says when and how long it took.
 */
export class Statistics1765300000000 implements MigrationInterface {
  name = 'Statistics1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stats_cell (
      program_code text NOT NULL,
      province_code text NOT NULL,
      year int NOT NULL,
      applications int NOT NULL DEFAULT 0,
      accepted int NOT NULL DEFAULT 0,
      awards int NOT NULL DEFAULT 0,
      committed_fen bigint NOT NULL DEFAULT 0,
      paid_fen bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (program_code, province_code, year))`);
    await q.query(`CREATE TABLE stats_refresh (
      id int PRIMARY KEY CHECK (id = 1),
      refreshed_at timestamptz NOT NULL,
      took_ms int NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stats_refresh`);
    await q.query(`DROP TABLE stats_cell`);
  }
}

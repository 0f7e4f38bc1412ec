import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurring calls (issue 15: a call that repeats each quarter, each year or every three years). A `call_series` is a
 * template — program, title with `{year}` / `{quarter}`, when in its period the call opens and for how long, and the
 * call's settings as POST /api/calls takes them — from which the worker's `call-series` job creates each period's call.
 * `call.series_id` + `call.series_period` (`2027-Q1`, `2027`) are unique together: a period gets one call whatever
 * the number of workers or runs. `last_error` (the bilingual message, null once a run succeeds) tells the officer why
 * the last run could not open a due call. Owned by applications (the owner of `call`).
 */
export class CallSeries1765400000000 implements MigrationInterface {
  name = 'CallSeries1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE call_series (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      program_code text NOT NULL,
      title_template text NOT NULL,
      recurrence text NOT NULL CHECK (recurrence IN ('quarterly', 'yearly', 'triennial')),
      first_year int NOT NULL,
      first_quarter int NOT NULL DEFAULT 1 CHECK (first_quarter BETWEEN 1 AND 4),
      opens_offset_days int NOT NULL CHECK (opens_offset_days >= 0),
      window_days int NOT NULL CHECK (window_days >= 1),
      lead_days int NOT NULL DEFAULT 0 CHECK (lead_days >= 0),
      provincial_days int NULL CHECK (provincial_days >= 1),
      settings jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      last_error jsonb NULL,
      last_error_at timestamptz NULL,
      created_by uuid NOT NULL REFERENCES app_user (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`ALTER TABLE call ADD COLUMN series_id uuid NULL REFERENCES call_series (id)`);
    await q.query(`ALTER TABLE call ADD COLUMN series_period text NULL`);
    await q.query(
      `CREATE UNIQUE INDEX call_series_period_uq ON call (series_id, series_period) WHERE series_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX call_series_period_uq`);
    await q.query(`ALTER TABLE call DROP COLUMN series_period`);
    await q.query(`ALTER TABLE call DROP COLUMN series_id`);
    await q.query(`DROP TABLE call_series`);
  }
}

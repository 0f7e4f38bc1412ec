import { MigrationInterface, QueryRunner } from 'typeorm';

/** Calls (申报批次), applications with their history, gapless submission numbers, attachments. */
export class CallsAndApplications1763900100000 implements MigrationInterface {
  name = 'CallsAndApplications1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE call (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      program_code text NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      title text NOT NULL,
      opens_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      budget_fen bigint NOT NULL CHECK (budget_fen >= 0),
      reviewers_per_application int NOT NULL CHECK (reviewers_per_application BETWEEN 1 AND 50),
      blind_review boolean NOT NULL,
      region_recusal boolean NOT NULL,
      notice_working_days int NOT NULL CHECK (notice_working_days BETWEEN 1 AND 60),
      aggregation text NOT NULL CHECK (aggregation IN ('mean','trimmed','zscore')),
      spread_threshold numeric(6,2) NOT NULL DEFAULT 20,
      request_share_percent int NULL CHECK (request_share_percent BETWEEN 1 AND 100),
      review_closed_at timestamptz NULL,
      finalized_at timestamptz NULL,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      CHECK (closes_at > opens_at))`);
    await q.query(`CREATE INDEX call_program ON call (program_code, year)`);

    await q.query(`CREATE TABLE application (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES call(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      program_code text NOT NULL,
      track text NULL,
      title text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','under_review','reviewed','proposed',
        'awarded','not_awarded','rejected','withdrawn','revoked')),
      number text NULL UNIQUE,
      first_submitted_at timestamptz NULL,
      submitted_at timestamptz NULL,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1)`);
    await q.query(`CREATE INDEX application_call_status ON application (call_id, status)`);
    await q.query(`CREATE INDEX application_org ON application (organization_id)`);

    await q.query(`CREATE TABLE application_history (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES application(id),
      at timestamptz NOT NULL,
      actor_id uuid NULL REFERENCES app_user(id),
      from_status text NULL,
      to_status text NOT NULL,
      comment text NULL)`);
    await q.query(`CREATE INDEX application_history_app ON application_history (application_id, id)`);

    /** One row per program and year: the last number handed out (UPDATE … RETURNING serialises concurrent submits). */
    await q.query(`CREATE TABLE submission_counter (
      prefix text NOT NULL,
      year int NOT NULL,
      last int NOT NULL DEFAULT 0,
      PRIMARY KEY (prefix, year))`);

    await q.query(`CREATE TABLE attachment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES application(id),
      kind text NOT NULL,
      file_name text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      mime_type text NOT NULL,
      storage_key text NOT NULL,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz NULL)`);
    await q.query(`CREATE INDEX attachment_app ON attachment (application_id) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['attachment', 'submission_counter', 'application_history', 'application', 'call'])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}

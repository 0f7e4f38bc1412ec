import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 年审 of certificates (issue 13, item 6).
 *
 * - awards' `award`: status `lapsed` (资格取消: the yearly review was missed or failed) with the day it lapsed
 *   (`lapsed_at`, a date in Asia/Shanghai, shown publicly), why and by whom (null: the lapse job); and
 *   `certificate_issued_on`, the day the certificate PDF was last (re)issued (换证, a rename) — null: the award's day.
 * - applications' `application.certificate_lapsed_on`: the same day on the certified application, so the eligibility
 *   facts (`rending.certified`) see a lapsed certificate as not valid without reading awards' table.
 * - followup's `annual_review` (one per certificate and year) and `annual_review_attachment` (the audited statements).
 */
export class AnnualReview1764000640000 implements MigrationInterface {
  name = 'AnnualReview1764000640000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE award DROP CONSTRAINT award_status_check`);
    await q.query(
      `ALTER TABLE award ADD CONSTRAINT award_status_check CHECK (status IN ('active','revoked','lapsed'))`,
    );
    await q.query(`ALTER TABLE award ADD COLUMN lapsed_at date NULL, ADD COLUMN lapsed_reason text NULL,
      ADD COLUMN lapsed_by uuid NULL REFERENCES app_user(id)`);
    await q.query(
      `ALTER TABLE award ADD CONSTRAINT award_lapsed_check CHECK (status <> 'lapsed' OR lapsed_at IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE award ADD COLUMN IF NOT EXISTS certificate_issued_on date NULL`);
    await q.query(`ALTER TABLE application ADD COLUMN certificate_lapsed_on date NULL`);

    await q.query(`CREATE TABLE annual_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      award_id uuid NOT NULL REFERENCES award(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','passed','failed','missed')),
      payload jsonb NOT NULL DEFAULT '{}',
      rule_results jsonb NULL,
      exchange_due boolean NOT NULL DEFAULT false,
      submitted_at timestamptz NULL,
      submitted_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NULL,
      decided_by uuid NULL REFERENCES app_user(id),
      note text NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version int NOT NULL DEFAULT 1,
      UNIQUE (award_id, year),
      CHECK ((status IN ('draft','missed')) = (submitted_at IS NULL)),
      CHECK ((status IN ('passed','failed')) = (decided_at IS NOT NULL)))`);
    await q.query(`CREATE INDEX annual_review_year_status ON annual_review (year, status)`);
    await q.query(`CREATE TABLE annual_review_attachment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      review_id uuid NOT NULL REFERENCES annual_review(id),
      kind text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      storage_key text NOT NULL,
      uploaded_by uuid NOT NULL REFERENCES app_user(id),
      uploaded_at timestamptz NOT NULL,
      deleted_at timestamptz NULL)`);
    await q.query(
      `CREATE INDEX annual_review_attachment_review ON annual_review_attachment (review_id) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE annual_review_attachment`);
    await q.query(`DROP TABLE annual_review`);
    await q.query(`ALTER TABLE application DROP COLUMN certificate_lapsed_on`);
    await q.query(`ALTER TABLE award DROP CONSTRAINT award_lapsed_check`);
    await q.query(`ALTER TABLE award DROP COLUMN lapsed_at, DROP COLUMN lapsed_reason, DROP COLUMN lapsed_by`);
    await q.query(`ALTER TABLE award DROP CONSTRAINT award_status_check`);
    await q.query(`ALTER TABLE award ADD CONSTRAINT award_status_check CHECK (status IN ('active','revoked'))`);
  }
}

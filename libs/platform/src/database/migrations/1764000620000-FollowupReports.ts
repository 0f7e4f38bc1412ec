import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports after the award (issue 13), owned by followup: `award_report` (one per award and kind of the program's
 * schedule, its due day kept current, draft → submitted → returned / accepted), its files (`report_attachment`,
 * bytes in storage under reports/<id>), the reminders mailed before the due day (`report_reminder`, once per report and
 * number of days), the 60-days-overdue warnings the officer confirms or dismisses (`report_warning`) and the 绩效评价
 * of a closed award (`award_evaluation`).
 */
export class FollowupReports1764000620000 implements MigrationInterface {
  name = 'FollowupReports1764000620000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE award_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      award_id uuid NOT NULL REFERENCES award(id),
      kind text NOT NULL,
      due_on date NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','accepted')),
      payload jsonb NOT NULL DEFAULT '{}',
      submitted_at timestamptz NULL,
      submitted_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NULL,
      decided_by uuid NULL REFERENCES app_user(id),
      note text NULL,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (award_id, kind))`);
    await q.query(`CREATE INDEX award_report_status ON award_report (status, due_on)`);
    await q.query(`CREATE TABLE report_attachment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES award_report(id),
      kind text NOT NULL,
      filename text NOT NULL,
      mime_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL,
      storage_key text NOT NULL,
      uploaded_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX report_attachment_report ON report_attachment (report_id)`);
    await q.query(`CREATE TABLE report_reminder (
      report_id uuid NOT NULL REFERENCES award_report(id),
      days_before int NOT NULL,
      due_on date NOT NULL,
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (report_id, days_before, due_on))`);
    await q.query(`CREATE TABLE report_warning (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL UNIQUE REFERENCES award_report(id),
      award_id uuid NOT NULL REFERENCES award(id),
      due_on date NOT NULL,
      raised_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','confirmed','dismissed')),
      decided_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NULL,
      note text NULL)`);
    await q.query(`CREATE TABLE award_evaluation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      award_id uuid NOT NULL UNIQUE REFERENCES award(id),
      grade text NOT NULL CHECK (grade IN ('excellent','good','pass','fail')),
      note text NOT NULL,
      decided_by uuid NOT NULL REFERENCES app_user(id),
      decided_at timestamptz NOT NULL,
      recovering_fen bigint NULL,
      barred_until date NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE award_evaluation`);
    await q.query(`DROP TABLE report_warning`);
    await q.query(`DROP TABLE report_reminder`);
    await q.query(`DROP TABLE report_attachment`);
    await q.query(`DROP TABLE award_report`);
  }
}

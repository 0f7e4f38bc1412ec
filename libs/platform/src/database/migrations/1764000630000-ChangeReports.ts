import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, item 5 for 认定: a certified enterprise reports a change of name, structure, address or legal
 * representative within 15 working days (`change_report`, owned by followup); an accepted rename changes the
 * organization's name (history in `organization_name_change`, owned by identity) and reissues the certificate under the
 * same number (`award.certificate_issued_on`, owned by awards: the day of the latest issue, NULL = the award's day).
 */
export class ChangeReports1764000630000 implements MigrationInterface {
  name = 'ChangeReports1764000630000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE award ADD COLUMN certificate_issued_on date NULL`);
    await q.query(`CREATE TABLE organization_name_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization(id),
      from_name text NOT NULL,
      to_name text NOT NULL,
      reason text NOT NULL,
      changed_by uuid NULL REFERENCES app_user(id),
      changed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX organization_name_change_org ON organization_name_change (organization_id, changed_at)`,
    );
    await q.query(`CREATE TABLE change_report (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organization(id),
      award_id uuid NOT NULL REFERENCES award(id),
      program_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('rename','structure','address','legal-representative')),
      effective_on date NOT NULL,
      old_name text NOT NULL,
      new_name text NULL,
      detail text NOT NULL,
      deadline date NULL,
      late boolean NOT NULL,
      status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','accepted','returned')),
      licence_file_name text NOT NULL,
      licence_mime_type text NOT NULL,
      licence_size bigint NOT NULL,
      licence_sha256 text NOT NULL,
      licence_storage_key text NOT NULL,
      filed_by uuid NOT NULL REFERENCES app_user(id),
      filed_at timestamptz NOT NULL,
      decided_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NULL,
      decision_note text NULL,
      reissued_on date NULL,
      version int NOT NULL DEFAULT 1,
      CHECK ((kind = 'rename') = (new_name IS NOT NULL)),
      CHECK ((status = 'submitted') = (decided_at IS NULL)))`);
    // one pending report of a kind per organization: a second one while the first waits is 409
    await q.query(
      `CREATE UNIQUE INDEX change_report_pending ON change_report (organization_id, kind) WHERE status = 'submitted'`,
    );
    await q.query(`CREATE INDEX change_report_org ON change_report (organization_id, filed_at)`);
    await q.query(`CREATE INDEX change_report_status ON change_report (status, filed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE change_report`);
    await q.query(`DROP TABLE organization_name_change`);
    await q.query(`ALTER TABLE award DROP COLUMN certificate_issued_on`);
  }
}

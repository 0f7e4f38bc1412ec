import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task agreement (任务书, issue 13) of an award with money: issued from the award, accepted by the grantee (who,
 * when, from where, and the sha256 of the PDF they accepted), countersigned by the officer. `plan_ends_on` is the end of
 * the work's plan (the award's day + the program's `agreement.planMonths`, moved by approved schedule changes); the
 * closing report falls due then. Owned by followup.
 */
export class GrantAgreement1764000600001 implements MigrationInterface {
  name = 'GrantAgreement1764000600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE grant_agreement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      award_id uuid NOT NULL UNIQUE REFERENCES award(id),
      status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued','accepted','countersigned')),
      plan_ends_on date NOT NULL,
      pdf_sha256 text NULL,
      accepted_by uuid NULL REFERENCES app_user(id),
      accepted_by_name text NULL,
      accepted_at timestamptz NULL,
      accepted_ip text NULL,
      countersigned_by uuid NULL REFERENCES app_user(id),
      countersigned_at timestamptz NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version int NOT NULL DEFAULT 1,
      CHECK ((status = 'issued') = (accepted_at IS NULL)),
      CHECK ((status = 'countersigned') = (countersigned_at IS NOT NULL)))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grant_agreement`);
  }
}

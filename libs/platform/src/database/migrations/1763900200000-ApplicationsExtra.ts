import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Additions for the applications feature: the award an application led to (filled by the awards feature),
 * and the tus upload an attachment came from (so a repeated final PATCH never creates a second attachment).
 */
export class ApplicationsExtra1763900200000 implements MigrationInterface {
  name = 'ApplicationsExtra1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application ADD COLUMN award_id uuid NULL`);
    await q.query(`ALTER TABLE attachment ADD COLUMN upload_id text NULL`);
    await q.query(`CREATE UNIQUE INDEX attachment_upload ON attachment (upload_id) WHERE upload_id IS NOT NULL`);
    await q.query(`CREATE INDEX application_program_status ON application (program_code, status)`);
    await q.query(`CREATE INDEX call_window ON call (opens_at, closes_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS call_window`);
    await q.query(`DROP INDEX IF EXISTS application_program_status`);
    await q.query(`DROP INDEX IF EXISTS attachment_upload`);
    await q.query(`ALTER TABLE attachment DROP COLUMN IF EXISTS upload_id`);
    await q.query(`ALTER TABLE application DROP COLUMN IF EXISTS award_id`);
  }
}

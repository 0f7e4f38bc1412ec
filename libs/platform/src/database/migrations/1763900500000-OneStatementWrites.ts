import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets a write be one statement.
 *
 * The head of the audit chain as one row (its last sequence number and hash). Appending an event updates it and
 * inserts the event in a single statement: the row lock serialises writers as the advisory lock did, and the
 * statement reads the newest committed head after waiting, so it costs one round trip instead of three.
 *
 * A submit reads its facts without locks and then writes in one autocommit statement guarded by what it read:
 * `application.files_rev` (bumped by every attachment added or removed) and `organization.submit_seq` (bumped by
 * every submit of the organization) tell the statement that an attachment or another submit of the same
 * organization changed the facts meanwhile, and the submit starts again.
 */
export class OneStatementWrites1763900500000 implements MigrationInterface {
  name = 'OneStatementWrites1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_head (
      id int PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL)`);
    await q.query(`INSERT INTO audit_head (id, seq, prev_hash, hash)
      SELECT 1, coalesce(max(e.seq), 0),
             coalesce((SELECT prev_hash FROM audit_event ORDER BY seq DESC LIMIT 1), repeat('0', 64)),
             coalesce((SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1), repeat('0', 64))
        FROM audit_event e`);
    await q.query(`ALTER TABLE application ADD COLUMN files_rev int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE organization ADD COLUMN submit_seq bigint NOT NULL DEFAULT 0`);
    // eligibility facts read at every submit: the program's awards
    await q.query(
      `CREATE INDEX application_program_awarded ON application (program_code) WHERE status IN ('awarded', 'revoked')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX application_program_awarded`);
    await q.query(`ALTER TABLE organization DROP COLUMN submit_seq`);
    await q.query(`ALTER TABLE application DROP COLUMN files_rev`);
    await q.query(`DROP TABLE audit_head`);
  }
}

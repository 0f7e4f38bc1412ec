import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: a call may take applications on some of its program's tracks only (推优's quarterly call for
 * recommendations without money beside the yearly selection with money). NULL = every track, as every call so far.
 */
export class CallTracks1765400000002 implements MigrationInterface {
  name = 'CallTracks1765400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call ADD COLUMN tracks text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call DROP COLUMN tracks`);
  }
}

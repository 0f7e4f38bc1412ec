import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Redis holds when the portal has one, for the portal without it (BullMQ on its PostgreSQL backend):
 * - `rate_counter` (platform): expiring counters for rate limits (failed logins), see limits/counter-store.ts;
 * - `upload_lock` (applications): one row per tus upload being written, with its holder's token and expiry, see
 *   applications/src/tus/postgres-locker.ts.
 * Both are UNLOGGED, like a Redis without persistence: fast, and emptied after a crash — a counter or a lock does
 * not need to outlive one.
 */
export class CountersAndLocks1764000100000 implements MigrationInterface {
  name = 'CountersAndLocks1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE rate_counter (
      key text PRIMARY KEY,
      count integer NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX rate_counter_expires ON rate_counter (expires_at)`);
    await q.query(`CREATE UNLOGGED TABLE upload_lock (
      upload_id text PRIMARY KEY,
      token text NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE upload_lock`);
    await q.query(`DROP TABLE rate_counter`);
  }
}

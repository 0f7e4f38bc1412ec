import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A call setting for the second finance user beyond batches (issue 11, point 13): with `payment_dual_control` on, the
 * retry of a failed instalment is proposed by one finance user and approved by another, and the failed lines of a bank
 * return wait for a second finance user; off (the default for a call created through the API without it, as API.md's
 * flows expect), one finance user retries and a return's failed lines are applied at once. Batches need two people
 * either way. Existing calls keep API.md's flow (false); an officer switches it on.
 */
export class CallPaymentDualControl1764000490000 implements MigrationInterface {
  name = 'CallPaymentDualControl1764000490000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call ADD COLUMN payment_dual_control boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call DROP COLUMN payment_dual_control`);
  }
}

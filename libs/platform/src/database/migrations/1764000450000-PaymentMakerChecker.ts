import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maker–checker beyond batches (issue 11, point 13): a retry of a failed instalment is proposed by one finance user
 * (`retry_proposed_by`, `_at` on the instalment, cleared when it is approved) and approved by another; the lines of a
 * bank return file that mark instalments failed wait in `bank_return_proposal` until a second finance user applies them.
 * Revocation racing a payment (point 14): revocation stamps `award_revoked_at` on the award's instalments still
 * `sending`, so the settlement's paid statement sees the revocation on the very row it writes (see PaymentPlans.revoke).
 */
export class PaymentMakerChecker1764000450000 implements MigrationInterface {
  name = 'PaymentMakerChecker1764000450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE instalment
      ADD COLUMN retry_proposed_by uuid NULL REFERENCES app_user(id),
      ADD COLUMN retry_proposed_at timestamptz NULL,
      ADD COLUMN award_revoked_at timestamptz NULL`);
    await q.query(`CREATE TABLE bank_return_proposal (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_id uuid NOT NULL REFERENCES payment_batch(id),
      lines jsonb NOT NULL,
      proposed_by uuid NOT NULL REFERENCES app_user(id),
      proposed_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','applied')),
      decided_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NULL,
      result jsonb NULL,
      CHECK (decided_by IS NULL OR decided_by <> proposed_by))`);
    await q.query(`CREATE INDEX bank_return_proposal_batch ON bank_return_proposal (batch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bank_return_proposal`);
    await q.query(
      `ALTER TABLE instalment DROP COLUMN retry_proposed_by, DROP COLUMN retry_proposed_at, DROP COLUMN award_revoked_at`,
    );
  }
}

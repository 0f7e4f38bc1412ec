import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The settings and the payment state that the life after an award stands on (issue 13).
 *
 * Three call settings, off for a call created through the API without them (API.md's flows stay as they are) and
 * turned on by the officer's call form and the demo calls from the program's defaults:
 * - `agreement_required`: an award with money waits for its task agreement (任务书) to be accepted by the grantee and
 *   countersigned by the officer before any instalment is batched;
 * - `reports_required`: the program's report schedule (mid-term, closing, proof of spending or publication) applies,
 *   an accepted report releases the instalment tied to it, and an overdue one holds the award's remaining instalments;
 * - `annual_review`: a certificate of this call takes part in the yearly 年审 (1 May to 31 July) and lapses when it is
 *   not filed or fails.
 *
 * An instalment may be `held`: it waits with one or more reasons (`hold_reasons`, e.g. `agreement`,
 * `report-overdue:midterm`) and goes back to `planned` when the last one is released.
 */
export class FollowupFoundation1764000600000 implements MigrationInterface {
  name = 'FollowupFoundation1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call
      ADD COLUMN agreement_required boolean NOT NULL DEFAULT false,
      ADD COLUMN reports_required boolean NOT NULL DEFAULT false,
      ADD COLUMN annual_review boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE instalment DROP CONSTRAINT IF EXISTS instalment_status_check`);
    await q.query(`ALTER TABLE instalment ADD CONSTRAINT instalment_status_check CHECK (status IN
      ('planned','held','batched','approved','sending','paid','failed','cancelled','recovering','recovered'))`);
    await q.query(`ALTER TABLE instalment ADD COLUMN hold_reasons text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE instalment ADD CONSTRAINT instalment_held_has_reason
      CHECK (status <> 'held' OR cardinality(hold_reasons) > 0)`);
    await q.query(`CREATE INDEX instalment_held ON instalment (award_id) WHERE status = 'held'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX instalment_held`);
    await q.query(`ALTER TABLE instalment DROP CONSTRAINT instalment_held_has_reason`);
    await q.query(`ALTER TABLE instalment DROP COLUMN hold_reasons`);
    await q.query(`ALTER TABLE instalment DROP CONSTRAINT instalment_status_check`);
    await q.query(`ALTER TABLE instalment ADD CONSTRAINT instalment_status_check CHECK (status IN
      ('planned','batched','approved','sending','paid','failed','cancelled','recovering','recovered'))`);
    await q.query(
      `ALTER TABLE call DROP COLUMN agreement_required, DROP COLUMN reports_required, DROP COLUMN annual_review`,
    );
  }
}

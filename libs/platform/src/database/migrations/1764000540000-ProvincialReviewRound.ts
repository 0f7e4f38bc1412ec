import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provincial expert round of a `recommend` call (issue 12 item 4), kept apart from the national round:
 * `review_assignment.round_province` is NULL for the national round and the province's two-digit code for that
 * province's round (drawn from its experts over its provincial_passed applications). `provincial_review_round` records
 * the close of a province's round (the national round's close stays `call.review_closed_at`). Both owned by review.
 */
export class ProvincialReviewRound1764000540000 implements MigrationInterface {
  name = 'ProvincialReviewRound1764000540000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_assignment ADD COLUMN round_province text NULL`);
    await q.query(
      `CREATE INDEX review_assignment_province_round ON review_assignment (call_id, round_province) WHERE round_province IS NOT NULL`,
    );
    await q.query(`CREATE TABLE provincial_review_round (
      call_id uuid NOT NULL REFERENCES call(id),
      province_code text NOT NULL,
      closed_at timestamptz NOT NULL,
      closed_by uuid NULL REFERENCES app_user(id),
      PRIMARY KEY (call_id, province_code))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provincial_review_round`);
    await q.query(`DROP INDEX review_assignment_province_round`);
    await q.query(`ALTER TABLE review_assignment DROP COLUMN round_province`);
  }
}

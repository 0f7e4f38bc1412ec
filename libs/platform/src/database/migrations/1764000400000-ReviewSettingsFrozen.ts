import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A call remembers when its first review draw ran (`review_drawn_at`: from then on its review settings are frozen) and
 * when its first award decision was recorded (`decided_at`: from then on its budget and notice length are frozen too).
 * Existing calls take the moment of their first assignment and first decision.
 */
export class ReviewSettingsFrozen1764000400000 implements MigrationInterface {
  name = 'ReviewSettingsFrozen1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE call ADD COLUMN review_drawn_at timestamptz NULL, ADD COLUMN decided_at timestamptz NULL`,
    );
    await q.query(`UPDATE call c SET review_drawn_at = r.first FROM
      (SELECT call_id, min(created_at) AS first FROM review_assignment GROUP BY call_id) r WHERE r.call_id = c.id`);
    await q.query(`UPDATE call c SET decided_at = d.first FROM
      (SELECT call_id, min(decided_at) AS first FROM award_decision GROUP BY call_id) d WHERE d.call_id = c.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call DROP COLUMN review_drawn_at, DROP COLUMN decided_at`);
  }
}

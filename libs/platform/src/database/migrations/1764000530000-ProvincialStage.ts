import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE = `'draft','submitted','returned','under_review','reviewed','proposed','awarded','not_awarded','rejected','withdrawn','revoked'`;
const STATUSES = `${STATUSES_BEFORE},'provincial_passed','forwarded','not_recommended'`;

/**
 * The provincial stage of a call (issue 12 item 4): `provincial_stage` none | check | recommend (none for every call
 * made before), the quota of recommendations per province (`provincial_quota`: a number or `{ default, byProvince }`)
 * and the provincial deadline. An application on a call with a stage is held by its province (`level` provincial)
 * until it is forwarded (`level` national, `forwarded_at`), with the province's 初审 opinion, its place in the
 * province's recommendation order (推荐排序) and the recommendation note. Three statuses for such calls only:
 * provincial_passed, forwarded, not_recommended.
 */
export class ProvincialStage1764000530000 implements MigrationInterface {
  name = 'ProvincialStage1764000530000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call
      ADD COLUMN provincial_stage text NOT NULL DEFAULT 'none' CHECK (provincial_stage IN ('none','check','recommend')),
      ADD COLUMN provincial_quota jsonb NULL,
      ADD COLUMN provincial_closes_at timestamptz NULL,
      ADD CONSTRAINT call_provincial_deadline CHECK (provincial_stage = 'none' OR provincial_closes_at > closes_at)`);
    await q.query(`ALTER TABLE application
      ADD COLUMN level text NOT NULL DEFAULT 'national' CHECK (level IN ('provincial','national')),
      ADD COLUMN provincial_opinion text NULL,
      ADD COLUMN forwarded_at timestamptz NULL,
      ADD COLUMN recommendation_rank int NULL,
      ADD COLUMN recommendation_note text NULL`);
    await q.query(`ALTER TABLE application DROP CONSTRAINT application_status_check`);
    await q.query(`ALTER TABLE application ADD CONSTRAINT application_status_check CHECK (status IN (${STATUSES}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP CONSTRAINT application_status_check`);
    await q.query(
      `ALTER TABLE application ADD CONSTRAINT application_status_check CHECK (status IN (${STATUSES_BEFORE}))`,
    );
    await q.query(`ALTER TABLE application DROP COLUMN level, DROP COLUMN provincial_opinion, DROP COLUMN forwarded_at,
      DROP COLUMN recommendation_rank, DROP COLUMN recommendation_note`);
    await q.query(`ALTER TABLE call DROP CONSTRAINT call_provincial_deadline, DROP COLUMN provincial_stage,
      DROP COLUMN provincial_quota, DROP COLUMN provincial_closes_at`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: deliberation votes (表决), a review kind beside blind scoring — 动漫奖's leading group votes on each nominee
 * after the expert review; a majority of the members present elects. `call.deliberation` (applications' call
 * setting, off for every call so far); the sessions and their tallies are the review lib's: every session is kept
 * (a revote is a new session; the latest tally of a nominee counts) and audited.
 */
export class Deliberation1765400000003 implements MigrationInterface {
  name = 'Deliberation1765400000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call ADD COLUMN deliberation boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE deliberation_session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- the order sessions were recorded in (recorded_at can tie: the staging clock, two in one millisecond)
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      call_id uuid NOT NULL REFERENCES call (id),
      held_at timestamptz NOT NULL,
      members text[] NOT NULL CHECK (cardinality(members) >= 3),
      note text NOT NULL DEFAULT '',
      recorded_by uuid NOT NULL REFERENCES app_user (id),
      recorded_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX deliberation_session_call ON deliberation_session (call_id, seq)`);
    await q.query(`CREATE TABLE deliberation_vote (
      session_id uuid NOT NULL REFERENCES deliberation_session (id),
      application_id uuid NOT NULL REFERENCES application (id),
      yes int NOT NULL CHECK (yes >= 0),
      no int NOT NULL CHECK (no >= 0),
      abstain int NOT NULL CHECK (abstain >= 0),
      elected boolean NOT NULL,
      PRIMARY KEY (session_id, application_id)
    )`);
    await q.query(`CREATE INDEX deliberation_vote_application ON deliberation_vote (application_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deliberation_vote`);
    await q.query(`DROP TABLE deliberation_session`);
    await q.query(`ALTER TABLE call DROP COLUMN deliberation`);
  }
}

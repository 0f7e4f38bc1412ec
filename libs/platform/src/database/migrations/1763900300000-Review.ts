import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expert review: one row per (application, expert) invitation with its status, draft scores and opinion; every
 * saved draft kept; every status change in a history; a conflict declared by declining a review remembers the
 * review it came from (so a blind application's credit code is never shown back to the expert).
 */
export class Review1763900300000 implements MigrationInterface {
  name = 'Review1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE review_assignment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES call(id),
      application_id uuid NOT NULL REFERENCES application(id),
      expert_id uuid NOT NULL REFERENCES app_user(id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','declined','submitted','expired')),
      due_at timestamptz NOT NULL,
      draw_seed bigint NULL,
      decline_reason text NULL CHECK (decline_reason IN ('conflict','unavailable')),
      decline_detail text NULL,
      declined_at timestamptz NULL,
      scores jsonb NULL,
      comment text NULL,
      draft_saved_at timestamptz NULL,
      submitted_at timestamptz NULL,
      expired_at timestamptz NULL,
      reminded_at timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      UNIQUE (application_id, expert_id),
      CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
      CHECK ((status = 'declined') = (decline_reason IS NOT NULL)))`);
    await q.query(`CREATE INDEX review_assignment_call ON review_assignment (call_id, status)`);
    await q.query(`CREATE INDEX review_assignment_expert ON review_assignment (expert_id, status)`);

    /** Every saved draft, in order (n = 1, 2, …); never updated. */
    await q.query(`CREATE TABLE review_version (
      id bigserial PRIMARY KEY,
      review_id uuid NOT NULL REFERENCES review_assignment(id),
      n int NOT NULL,
      saved_at timestamptz NOT NULL,
      scores jsonb NOT NULL DEFAULT '{}'::jsonb,
      comment text NULL,
      UNIQUE (review_id, n))`);

    await q.query(`CREATE TABLE review_history (
      id bigserial PRIMARY KEY,
      review_id uuid NOT NULL REFERENCES review_assignment(id),
      at timestamptz NOT NULL,
      actor_id uuid NULL REFERENCES app_user(id),
      from_status text NULL,
      to_status text NOT NULL,
      comment text NULL)`);
    await q.query(`CREATE INDEX review_history_review ON review_history (review_id, id)`);

    await q.query(`ALTER TABLE expert_conflict ADD COLUMN source_review_id uuid NULL REFERENCES review_assignment(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE expert_conflict DROP COLUMN IF EXISTS source_review_id`);
    for (const t of ['review_history', 'review_version', 'review_assignment'])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}

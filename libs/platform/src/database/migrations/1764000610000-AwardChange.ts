import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changes (变更, issue 13) of a grant: the grantee asks to change the title, schedule, content, team or budget lines
 * of an award with money, with a reason and a proposal (`proposed`, by kind: `{ title }`, `{ planEndsOn }`,
 * `{ text }` or `{ text, lines }`); the officer approves or rejects it. At most one pending change per kind and award.
 * An approved change carries the agreement version it made (`agreement_version`): the task agreement shows every
 * approved change as its annex. `seq` orders requests made at the same instant (the staging clock stands
 * still). `grant_agreement.accepted_version` is the version the grantee accepted. Owned by followup.
 */
export class AwardChange1764000610000 implements MigrationInterface {
  name = 'AwardChange1764000610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE award_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      award_id uuid NOT NULL REFERENCES award(id),
      kind text NOT NULL CHECK (kind IN ('title','schedule','content','team','budget')),
      reason text NOT NULL,
      proposed jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','withdrawn')),
      requested_by uuid NOT NULL REFERENCES app_user(id),
      requested_at timestamptz NOT NULL,
      decided_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NULL,
      decision_note text NULL,
      agreement_version int NULL,
      updated_at timestamptz NOT NULL,
      version int NOT NULL DEFAULT 1,
      CHECK ((status IN ('approved','rejected')) = (decided_at IS NOT NULL)),
      CHECK ((status = 'approved') = (agreement_version IS NOT NULL)))`);
    await q.query(
      `CREATE UNIQUE INDEX award_change_one_pending ON award_change (award_id, kind) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX award_change_award ON award_change (award_id, requested_at)`);
    await q.query(`CREATE INDEX award_change_pending ON award_change (requested_at) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE grant_agreement ADD COLUMN accepted_version int NULL`);
    await q.query(`CREATE INDEX grant_agreement_status ON grant_agreement (status, accepted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX grant_agreement_status`);
    await q.query(`ALTER TABLE grant_agreement DROP COLUMN accepted_version`);
    await q.query(`DROP TABLE award_change`);
  }
}

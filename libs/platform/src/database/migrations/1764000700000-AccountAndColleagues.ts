import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, account and colleagues (owned by identity):
 * - `password_reset`: a mailed reset token (sha256 of 32 random bytes), single use, 30 minutes by the portal clock.
 * - `app_user.token_generation`: signed into every access token (`gen`); a password reset or change, "sign out
 *   everywhere" and the removal from an organization raise it, and JwtStrategy refuses a token of an older generation.
 * - `app_user.ended_sessions`: the latest sessions (refresh-token families, `sid` in the access token) signed out one
 *   by one (logout, DELETE /api/me/sessions/:id), at most 20: their access tokens are refused before they expire.
 * - `refresh_token.user_agent`/`address`: where a session (a refresh-token family) was used from, for the sessions list.
 * - `invitation.revoked_at`/`revoked_by`: a pending invitation withdrawn by the organization.
 * - `organization.owner_user_id`: the owner (who removes colleagues and hands the role over); set to the earliest
 *   member of each existing organization. No foreign key (see below).
 */
export class AccountAndColleagues1764000700000 implements MigrationInterface {
  name = 'AccountAndColleagues1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE password_reset (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      expires_at timestamptz NOT NULL,
      used_at timestamptz NULL,
      address text NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX password_reset_user ON password_reset (user_id)`);
    await q.query(`ALTER TABLE app_user ADD COLUMN token_generation int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE app_user ADD COLUMN ended_sessions uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE refresh_token ADD COLUMN user_agent text NULL, ADD COLUMN address text NULL`);
    await q.query(`CREATE INDEX refresh_token_user ON refresh_token (user_id) WHERE revoked_at IS NULL`);
    await q.query(
      `ALTER TABLE invitation ADD COLUMN revoked_at timestamptz NULL, ADD COLUMN revoked_by uuid NULL REFERENCES app_user(id)`,
    );
    // no foreign key: app_user already references organization, and a cycle of keys has no load order for the backup's
    // restore (parents first); identity's ColleaguesService writes it only with a member of the organization
    await q.query(`ALTER TABLE organization ADD COLUMN owner_user_id uuid NULL`);
    await q.query(`UPDATE organization o SET owner_user_id = (
        SELECT u.id FROM app_user u WHERE u.organization_id = o.id ORDER BY u.created_at, u.id LIMIT 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization DROP COLUMN owner_user_id`);
    await q.query(`ALTER TABLE invitation DROP COLUMN revoked_at, DROP COLUMN revoked_by`);
    await q.query(`DROP INDEX IF EXISTS refresh_token_user`);
    await q.query(`ALTER TABLE refresh_token DROP COLUMN user_agent, DROP COLUMN address`);
    await q.query(`ALTER TABLE app_user DROP COLUMN token_generation, DROP COLUMN ended_sessions`);
    await q.query(`DROP TABLE password_reset`);
  }
}

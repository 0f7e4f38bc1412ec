import { MigrationInterface, QueryRunner } from 'typeorm';

/** Platform and identity: settings, the audit chain, the mail outbox, the working-day calendar, organizations and users. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE system_setting (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE audit_event (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id uuid NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL)`);
    await q.query(`CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id)`);
    await q.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
    await q.query(`CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);

    await q.query(`CREATE TABLE mail_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      to_address text NOT NULL,
      subject text NOT NULL,
      body_text text NOT NULL,
      template text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','kept','failed')),
      attempts int NOT NULL DEFAULT 0,
      last_error text NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz NULL)`);
    await q.query(`CREATE INDEX mail_message_status ON mail_message (status, created_at)`);

    await q.query(`CREATE TABLE calendar_year (
      year int PRIMARY KEY,
      source text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE calendar_day (
      day date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('holiday','workday')),
      year int NOT NULL REFERENCES calendar_year(year) ON DELETE CASCADE)`);

    await q.query(`CREATE TABLE organization (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      credit_code text NOT NULL UNIQUE,
      address text NOT NULL,
      legal_representative text NOT NULL,
      business_types text[] NOT NULL DEFAULT '{}',
      region_code text NOT NULL,
      province_code text NOT NULL,
      credit_code_exception text NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1)`);

    await q.query(`CREATE TABLE credit_code_exception (
      credit_code text PRIMARY KEY,
      reason text NOT NULL,
      accepted_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      phone text NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL,
      organization_id uuid NULL REFERENCES organization(id),
      email_verified_at timestamptz NULL,
      disabled_at timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1)`);
    await q.query(`CREATE UNIQUE INDEX app_user_email ON app_user (lower(email))`);
    await q.query(`CREATE INDEX app_user_org ON app_user (organization_id)`);

    await q.query(`CREATE TABLE expert_profile (
      user_id uuid PRIMARY KEY REFERENCES app_user(id),
      fields text[] NOT NULL DEFAULT '{}',
      employer_credit_code text NOT NULL,
      region_code text NOT NULL,
      province_code text NOT NULL,
      available boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE expert_conflict (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      expert_id uuid NOT NULL REFERENCES expert_profile(user_id) ON DELETE CASCADE,
      credit_code text NOT NULL,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (expert_id, credit_code))`);

    await q.query(`CREATE TABLE refresh_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      family_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES app_user(id),
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz NULL,
      revoked_at timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX refresh_token_family ON refresh_token (family_id)`);

    await q.query(`CREATE TABLE email_verification (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      expires_at timestamptz NOT NULL,
      used_at timestamptz NULL)`);

    await q.query(`CREATE TABLE invitation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization(id),
      email text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      invited_by uuid NOT NULL REFERENCES app_user(id),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE organization_flag (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization(id),
      kind text NOT NULL CHECK (kind IN ('dishonest','barred','violation')),
      reason text NOT NULL,
      from_date date NOT NULL,
      until_date date NULL,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (until_date IS NULL OR until_date >= from_date))`);
    await q.query(`CREATE INDEX organization_flag_org ON organization_flag (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'organization_flag',
      'invitation',
      'email_verification',
      'refresh_token',
      'expert_conflict',
      'expert_profile',
      'app_user',
      'credit_code_exception',
      'organization',
      'calendar_day',
      'calendar_year',
      'mail_message',
      'audit_event',
      'system_setting',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_event_append_only()`);
  }
}

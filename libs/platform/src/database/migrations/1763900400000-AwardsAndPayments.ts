import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions, the public notice (公示) with its objections, awards, and the money: instalments, payment batches,
 * the payment outbox, the append-only payment ledger, recoveries (追回), and the sandbox rail's simulated bank.
 */
export class AwardsAndPayments1763900400000 implements MigrationInterface {
  name = 'AwardsAndPayments1763900400000';

  async up(q: QueryRunner): Promise<void> {
    /** The officer's decision per application (award or reject), until finalize makes it final. */
    await q.query(`CREATE TABLE award_decision (
      application_id uuid PRIMARY KEY REFERENCES application(id),
      call_id uuid NOT NULL REFERENCES call(id),
      outcome text NOT NULL CHECK (outcome IN ('award','reject')),
      tier text NULL CHECK (char_length(tier) <= 50),
      amount_fen bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
      note text NOT NULL DEFAULT '',
      source text NOT NULL DEFAULT 'officer' CHECK (source IN ('officer','ranking','objection')),
      decided_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NOT NULL,
      version int NOT NULL DEFAULT 1,
      CHECK (outcome = 'award' OR amount_fen = 0))`);
    await q.query(`CREATE INDEX award_decision_call ON award_decision (call_id)`);

    /** One public notice per call; its entries are a snapshot of the proposed awards at publishing. */
    await q.query(`CREATE TABLE public_notice (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL UNIQUE REFERENCES call(id),
      working_days int NOT NULL CHECK (working_days BETWEEN 1 AND 60),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      published_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at))`);
    await q.query(`CREATE TABLE notice_entry (
      notice_id uuid NOT NULL REFERENCES public_notice(id),
      application_id uuid NOT NULL REFERENCES application(id),
      position int NOT NULL,
      number text NULL,
      organization_id uuid NOT NULL REFERENCES organization(id),
      organization_name text NOT NULL,
      title text NOT NULL,
      track text NULL,
      tier text NULL,
      amount_fen bigint NOT NULL DEFAULT 0,
      removed_at timestamptz NULL,
      removed_reason text NULL,
      PRIMARY KEY (notice_id, application_id))`);

    await q.query(`CREATE TABLE objection (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      notice_id uuid NOT NULL REFERENCES public_notice(id),
      call_id uuid NOT NULL REFERENCES call(id),
      entry_application_id uuid NOT NULL,
      name text NOT NULL,
      contact text NOT NULL,
      reason text NOT NULL,
      evidence text NULL,
      evidence_file_name text NULL,
      evidence_mime_type text NULL,
      evidence_size bigint NULL,
      evidence_sha256 text NULL,
      evidence_storage_key text NULL,
      client_ip text NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL,
      upheld boolean NULL,
      response text NULL,
      resolved_by uuid NULL REFERENCES app_user(id),
      resolved_at timestamptz NULL,
      FOREIGN KEY (notice_id, entry_application_id) REFERENCES notice_entry(notice_id, application_id),
      CHECK ((resolved_at IS NULL) = (upheld IS NULL)))`);
    await q.query(`CREATE INDEX objection_call ON objection (call_id, created_at)`);
    await q.query(`CREATE INDEX objection_open ON objection (call_id) WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX objection_client ON objection (client_ip, received_at)`);

    await q.query(`CREATE TABLE award (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES application(id),
      call_id uuid NOT NULL REFERENCES call(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      program_code text NOT NULL,
      track text NULL,
      year int NOT NULL,
      tier text NULL,
      amount_fen bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
      certificate_no text NULL UNIQUE,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','revoked')),
      revoked_reason text NULL,
      revoked_at timestamptz NULL,
      revoked_by uuid NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL,
      version int NOT NULL DEFAULT 1,
      CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)))`);
    await q.query(`CREATE INDEX award_program_year ON award (program_code, year)`);
    await q.query(`CREATE INDEX award_call ON award (call_id)`);
    await q.query(`CREATE INDEX award_org ON award (organization_id)`);

    /** Certificate numbers (RD-2026-000001): one counter per prefix and year, handed out gaplessly at finalize. */
    await q.query(`CREATE TABLE award_counter (
      prefix text NOT NULL,
      year int NOT NULL,
      last int NOT NULL DEFAULT 0,
      PRIMARY KEY (prefix, year))`);

    await q.query(`CREATE TABLE payment_batch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      call_id uuid NOT NULL REFERENCES call(id),
      instalment_no int NOT NULL CHECK (instalment_no >= 1),
      status text NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared','approved')),
      rail text NULL,
      prepared_by uuid NOT NULL REFERENCES app_user(id),
      approved_by uuid NULL REFERENCES app_user(id),
      count int NOT NULL,
      total_fen bigint NOT NULL,
      skipped jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_at timestamptz NOT NULL,
      approved_at timestamptz NULL,
      exported_at timestamptz NULL,
      CHECK (approved_by IS NULL OR approved_by <> prepared_by))`);
    await q.query(`CREATE INDEX payment_batch_call ON payment_batch (call_id, created_at)`);

    await q.query(`CREATE TABLE instalment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      award_id uuid NOT NULL REFERENCES award(id),
      application_id uuid NOT NULL REFERENCES application(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      call_id uuid NOT NULL REFERENCES call(id),
      instalment_no int NOT NULL CHECK (instalment_no >= 1),
      percent int NOT NULL CHECK (percent BETWEEN 0 AND 100),
      milestone text NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      due_on date NULL,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','batched','approved','sending','paid','failed','cancelled','recovering','recovered')),
      batch_id uuid NULL REFERENCES payment_batch(id),
      attempts int NOT NULL DEFAULT 0,
      sending_since timestamptz NULL,
      paid_at timestamptz NULL,
      failure text NULL,
      rail text NULL,
      rail_reference text NULL,
      milestone_accepted_at timestamptz NULL,
      milestone_accepted_by uuid NULL REFERENCES app_user(id),
      milestone_note text NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (award_id, instalment_no),
      CHECK ((status = 'paid') <= (paid_at IS NOT NULL)))`);
    await q.query(`CREATE INDEX instalment_call ON instalment (call_id, instalment_no, status)`);
    await q.query(`CREATE INDEX instalment_batch ON instalment (batch_id, status)`);
    await q.query(`CREATE INDEX instalment_org ON instalment (organization_id)`);
    await q.query(
      `CREATE INDEX instalment_in_flight ON instalment (status, updated_at) WHERE status IN ('approved','sending')`,
    );

    /** Written in the approving transaction; the relay moves each row into BullMQ (job id = instalment id). */
    await q.query(`CREATE TABLE payment_outbox (
      id bigserial PRIMARY KEY,
      instalment_id uuid NOT NULL REFERENCES instalment(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      relayed_at timestamptz NULL)`);
    await q.query(`CREATE INDEX payment_outbox_pending ON payment_outbox (id) WHERE relayed_at IS NULL`);

    /** Every transition and every answer of the rail, never changed: the truth of what was paid. */
    await q.query(`CREATE TABLE payment_ledger (
      id bigserial PRIMARY KEY,
      instalment_id uuid NOT NULL REFERENCES instalment(id),
      award_id uuid NOT NULL REFERENCES award(id),
      at timestamptz NOT NULL,
      kind text NOT NULL,
      from_status text NULL,
      to_status text NULL,
      amount_fen bigint NOT NULL DEFAULT 0,
      actor_id uuid NULL REFERENCES app_user(id),
      detail jsonb NOT NULL DEFAULT '{}'::jsonb)`);
    await q.query(`CREATE INDEX payment_ledger_instalment ON payment_ledger (instalment_id, id)`);
    await q.query(`CREATE INDEX payment_ledger_award ON payment_ledger (award_id, id)`);
    // The books can never show an instalment paid (or recovered) twice.
    await q.query(`CREATE UNIQUE INDEX payment_ledger_paid_once ON payment_ledger (instalment_id) WHERE kind = 'paid'`);
    await q.query(
      `CREATE UNIQUE INDEX payment_ledger_recovered_once ON payment_ledger (instalment_id) WHERE kind = 'recovered'`,
    );
    await q.query(`CREATE FUNCTION payment_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'payment_ledger is append-only'; END $$`);
    await q.query(`CREATE TRIGGER payment_ledger_no_change BEFORE UPDATE OR DELETE ON payment_ledger
      FOR EACH ROW EXECUTE FUNCTION payment_ledger_append_only()`);

    await q.query(`CREATE TABLE payment_recovery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      instalment_id uuid NOT NULL UNIQUE REFERENCES instalment(id),
      award_id uuid NOT NULL REFERENCES award(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','recovered')),
      reason text NOT NULL,
      opened_at timestamptz NOT NULL,
      recovered_at timestamptz NULL,
      recovered_by uuid NULL REFERENCES app_user(id),
      note text NULL)`);

    /** PAYMENT_RAIL=sandbox: the simulated bank inside the portal keeps its own books here (idempotent by key). */
    await q.query(`CREATE TABLE sandbox_bank_payment (
      idempotency_key text PRIMARY KEY,
      amount_fen bigint NOT NULL,
      payee text NOT NULL,
      status text NOT NULL CHECK (status IN ('paid','failed')),
      reference text NOT NULL,
      calls int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'sandbox_bank_payment',
      'payment_recovery',
      'payment_ledger',
      'payment_outbox',
      'instalment',
      'payment_batch',
      'award_counter',
      'award',
      'objection',
      'notice_entry',
      'public_notice',
      'award_decision',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS payment_ledger_append_only()`);
  }
}

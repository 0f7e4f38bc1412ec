import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One outbox design (see OutboxRelay): `payment_outbox` takes the shape of `mail_message` — `id uuid` is the job id
 * (here the instalment's id, one row per instalment: a retry puts the row back to 'queued'), `status` 'queued' until
 * the job has done its work ('sent': the instalment left `approved`), `created_at`, `sent_at`. Rows not yet relayed
 * stay 'queued'; the newest row of each instalment is kept.
 */
export class OneOutboxShape1764000300000 implements MigrationInterface {
  name = 'OneOutboxShape1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE payment_outbox_v2 (
      id uuid PRIMARY KEY REFERENCES instalment(id),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent')),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz NULL)`);
    await q.query(`INSERT INTO payment_outbox_v2 (id, status, created_at, sent_at)
      SELECT DISTINCT ON (instalment_id) instalment_id, CASE WHEN relayed_at IS NULL THEN 'queued' ELSE 'sent' END, created_at, relayed_at
        FROM payment_outbox ORDER BY instalment_id, id DESC`);
    await q.query(`DROP TABLE payment_outbox`);
    await q.query(`ALTER TABLE payment_outbox_v2 RENAME TO payment_outbox`);
    await q.query(`ALTER TABLE payment_outbox RENAME CONSTRAINT payment_outbox_v2_pkey TO payment_outbox_pkey`);
    await q.query(`CREATE INDEX payment_outbox_queued ON payment_outbox (created_at) WHERE status = 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE payment_outbox_v1 (
      id bigserial PRIMARY KEY,
      instalment_id uuid NOT NULL REFERENCES instalment(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      relayed_at timestamptz NULL)`);
    await q.query(`INSERT INTO payment_outbox_v1 (instalment_id, created_at, relayed_at)
      SELECT id, created_at, sent_at FROM payment_outbox ORDER BY created_at`);
    await q.query(`DROP TABLE payment_outbox`);
    await q.query(`ALTER TABLE payment_outbox_v1 RENAME TO payment_outbox`);
    await q.query(`CREATE INDEX payment_outbox_pending ON payment_outbox (id) WHERE relayed_at IS NULL`);
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, PortalConfig, QUEUES } from '@portal/platform';
import { PAYMENT_JOB, paymentJobOptions } from './payment-queue';

/**
 * The payment outbox: rows written in the transaction that approves (or retries) a payment, moved into BullMQ by the
 * relay right after commit and every few seconds in the worker. The reconciler re-enqueues whatever is stuck, so a
 * wiped Redis loses nothing.
 */
@Injectable()
export class PaymentOutbox {
  private readonly logger = new Logger('PaymentOutbox');

  constructor(
    private readonly ds: DataSource,
    private readonly config: PortalConfig,
    @InjectQueue(QUEUES.payments) private readonly queue: Queue,
  ) {}

  /** Adds outbox rows for these instalments, in the caller's transaction. */
  async write(m: EntityManager, instalmentIds: string[]): Promise<void> {
    if (!instalmentIds.length) return;
    await m.query(`INSERT INTO payment_outbox (instalment_id) SELECT unnest($1::uuid[])`, [instalmentIds]);
  }

  /** Moves unrelayed rows into the queue, 500 at a time, until none is left. */
  async relay(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await inTransaction(this.ds, async (tx) => {
        const rows: { id: string; instalment_id: string }[] = await tx.manager.query(
          `SELECT id, instalment_id FROM payment_outbox WHERE relayed_at IS NULL ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
        );
        if (!rows.length) return 0;
        await this.enqueue(rows.map((r) => r.instalment_id));
        await tx.manager.query(`UPDATE payment_outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      });
      if (!n) return total;
      total += n;
    }
  }

  /** Relay without waiting (after a commit): failures are logged, the worker's relay catches up. */
  relaySoon(): void {
    this.relay().catch((err) => this.logger.warn({ err }, 'payment relay failed; the worker will relay'));
  }

  /** One job per instalment id; an id already queued is left as it is. */
  async enqueue(instalmentIds: string[]): Promise<void> {
    for (let i = 0; i < instalmentIds.length; i += 500) {
      const chunk = instalmentIds.slice(i, i + 500);
      await this.queue.addBulk(
        chunk.map((id) => ({
          name: PAYMENT_JOB,
          data: { instalmentId: id },
          opts: paymentJobOptions(this.config, id),
        })),
      );
    }
  }

  /**
   * The reconciler: instalments that sat in `approved` or `sending` longer than PAYMENT_STUCK_SECONDS get their job
   * again (a job that still exists is left alone). A `sending` one is asked about at the rail before anything is sent.
   * While the queue has work, an `approved` instalment is most likely just waiting its turn: only those whose job is
   * gone (a wiped Redis, a lost add) are put back.
   */
  async reconcile(limit = 1000): Promise<number> {
    const stuck = this.config.PAYMENT_STUCK_SECONDS;
    const notBankFile = `COALESCE(b.rail, '') <> 'bank-file' AND COALESCE(i.rail, '') <> 'bank-file'`;
    const sending: { id: string }[] = await this.ds.query(
      `SELECT i.id FROM instalment i LEFT JOIN payment_batch b ON b.id = i.batch_id
        WHERE i.status = 'sending' AND i.sending_since < now() - make_interval(secs => $1) AND ${notBankFile}
        ORDER BY i.sending_since LIMIT $2`,
      [stuck, limit],
    );
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const busy = Object.values(counts).some((n) => n > 0);
    let approved: string[] = (
      await this.ds.query(
        `SELECT i.id FROM instalment i LEFT JOIN payment_batch b ON b.id = i.batch_id
          WHERE i.status = 'approved' AND i.updated_at < now() - make_interval(secs => $1) AND ${notBankFile}
          ORDER BY i.updated_at LIMIT $2`,
        [stuck, busy ? 200 : limit],
      )
    ).map((r: { id: string }) => r.id);
    if (busy && approved.length) {
      const states = await Promise.all(approved.map((id) => this.queue.getJobState(id)));
      approved = approved.filter((_, k) => states[k] === 'unknown');
    }
    const ids = [...sending.map((r) => r.id), ...approved];
    if (ids.length) await this.enqueue(ids);
    return ids.length;
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ClockService, OutboxRelay, PortalConfig, QUEUES } from '@portal/platform';
import { PAYMENT_JOB, paymentJobOptions } from './payment-queue';

/**
 * The payment outbox (the platform's one outbox design, see OutboxRelay): one `payment_outbox` row per instalment
 * (id = instalment id = job id), put to 'queued' by the transition into `approved` (a batch's approval, a person's
 * retry) in its transaction and marked 'sent' by the transition out of it (claimed for sending, cancelled, failed) —
 * both are parts of the instalment machine's statement. After commit the ids are dispatched; the worker's
 * `payments-relay` job scheduler re-adds rows still queued after PAYMENT_STUCK_SECONDS and runs the reconciler, so a
 * wiped Redis loses nothing.
 */
@Injectable()
export class PaymentOutbox {
  private readonly logger = new Logger('PaymentOutbox');
  private readonly relayer: OutboxRelay;

  constructor(
    private readonly ds: DataSource,
    private readonly config: PortalConfig,
    private readonly clock: ClockService,
    @InjectQueue(QUEUES.payments) private readonly queue: Queue,
  ) {
    this.relayer = new OutboxRelay(
      ds,
      queue,
      'payment_outbox',
      (id) => ({
        name: PAYMENT_JOB,
        data: { instalmentId: id },
        opts: { ...paymentJobOptions(config, id), jobId: id },
      }),
      config.REDIS_COMMAND_TIMEOUT_MS,
    );
  }

  /** After commit: the jobs of these queued rows, without waiting (if it fails the relay catches up). */
  dispatch(instalmentIds: string[]): void {
    for (const id of instalmentIds)
      this.relayer.dispatch(id).catch((err) => this.logger.warn({ err }, 'payment dispatch failed; the relay will'));
  }

  /** The relay: rows still queued after PAYMENT_STUCK_SECONDS get their job again (500 per run). */
  relay(): Promise<number> {
    return this.relayer.relayStale(this.config.PAYMENT_STUCK_SECONDS * 1000);
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
   * The reconciler: instalments that sat in `sending` longer than PAYMENT_STUCK_SECONDS (the database's clock, like
   * `sending_since`: a transport timeout, which a frozen staging clock must not stop) or in `approved` (portal clock,
   * like the instants the transitions wrote) get their job again (a job that still exists is left alone). A `sending`
   * one is asked about at the rail before anything is sent. While the queue has work, an `approved` instalment is most
   * likely just waiting its turn: only those whose job is gone (a wiped Redis, a lost add) are put back.
   */
  async reconcile(limit = 1000): Promise<number> {
    const stuck = this.config.PAYMENT_STUCK_SECONDS;
    const now = (await this.clock.current()).toISOString();
    const notBankFile = `COALESCE(b.rail, '') <> 'bank-file' AND COALESCE(i.rail, '') <> 'bank-file'`;
    const sending: { id: string }[] = await this.ds.query(
      `SELECT i.id FROM instalment i LEFT JOIN payment_batch b ON b.id = i.batch_id
        WHERE i.status = 'sending' AND i.sending_since < now() - make_interval(secs => $1) AND ${notBankFile}
        ORDER BY i.sending_since LIMIT $2`,
      [stuck, limit],
    );
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    // the relay job running this (active) and its scheduler's next one (delayed) are not work waiting
    const busy =
      (c.waiting ?? 0) + (c.prioritized ?? 0) + Math.max(0, (c.active ?? 0) - 1) + Math.max(0, (c.delayed ?? 0) - 1) >
      0;
    let approved: string[] = (
      await this.ds.query(
        `SELECT i.id FROM instalment i LEFT JOIN payment_batch b ON b.id = i.batch_id
          WHERE i.status = 'approved' AND i.updated_at < $3::timestamptz - make_interval(secs => $1) AND ${notBankFile}
          ORDER BY i.updated_at LIMIT $2`,
        [stuck, busy ? 200 : limit, now],
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

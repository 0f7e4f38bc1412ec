import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobSchedules, PortalConfig, QUEUES, PortalWorkerHost } from '@portal/platform';
import { PAYMENT_RELAY_JOB, PaymentJobData } from './payment-queue';
import { PaymentOutbox } from './payment-outbox';
import { PaymentSender } from './payment-sender';

/**
 * The payment worker: runs the sender for each job; the `payments-relay` job scheduler (every
 * PAYMENT_RELAY_INTERVAL_MS, once across replicas, visible on the dashboard) relays the outbox and runs the
 * reconciler. Lives in the worker app only.
 */
@Processor(QUEUES.payments, { concurrency: 32, lockDuration: 15_000, stalledInterval: 5_000 })
export class PaymentProcessor extends PortalWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly sender: PaymentSender,
    private readonly outbox: PaymentOutbox,
    private readonly config: PortalConfig,
    @InjectQueue(QUEUES.payments) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.PAYMENT_CONCURRENCY;
    await this.schedules.every(this.queue, 'payments-relay', this.config.PAYMENT_RELAY_INTERVAL_MS, PAYMENT_RELAY_JOB);
  }

  async process(job: Job<PaymentJobData>): Promise<void> {
    if (job.name === PAYMENT_RELAY_JOB) return this.relay();
    await this.sender.process(job.data.instalmentId);
  }

  private relaying = false;

  private async relay(): Promise<void> {
    if (this.relaying) return; // the previous run is still going (jobs of one scheduler may overlap at high concurrency)
    this.relaying = true;
    try {
      await this.outbox.relay();
      await this.outbox.reconcile();
    } catch (err) {
      this.logger.warn({ err }, 'payment relay or reconciler failed; trying again shortly');
    } finally {
      this.relaying = false;
    }
  }
}

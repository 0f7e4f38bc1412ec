import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job } from 'bullmq';
import { PortalConfig, QUEUES } from '@portal/platform';
import { PaymentJobData } from './payment-queue';
import { PaymentOutbox } from './payment-outbox';
import { PaymentSender } from './payment-sender';

/**
 * The payment worker: runs the sender for each job, and every PAYMENT_RELAY_INTERVAL_MS relays the outbox and runs
 * the reconciler. Lives in the worker app only.
 */
@Processor(QUEUES.payments, { concurrency: 32, lockDuration: 15_000, stalledInterval: 5_000 })
export class PaymentProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Payments');
  private timer?: NodeJS.Timeout;
  private looping = false;

  constructor(
    private readonly sender: PaymentSender,
    private readonly outbox: PaymentOutbox,
    private readonly config: PortalConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.PAYMENT_CONCURRENCY;
    this.timer = setInterval(() => void this.loop(), this.config.PAYMENT_RELAY_INTERVAL_MS);
    this.timer.unref();
    void this.loop();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async process(job: Job<PaymentJobData>): Promise<void> {
    await this.sender.process(job.data.instalmentId);
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      await this.outbox.relay();
      await this.outbox.reconcile();
    } catch (err) {
      this.logger.warn({ err }, 'payment relay or reconciler failed; trying again shortly');
    } finally {
      this.looping = false;
    }
  }
}

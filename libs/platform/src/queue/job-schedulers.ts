import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';

interface Kept {
  queue: Queue;
  schedulerId: string;
  everyMs: number;
  jobName: string;
}

/** How often a worker checks that the schedulers it keeps still exist in the queue's store. */
export const SCHEDULER_CHECK_MS = 5_000;

/**
 * Periodic work of the worker (the outbox relays, the payment reconciler, the reminder sweep) runs as BullMQ job
 * schedulers, not timers: one job per interval across all replicas, processed by whichever worker takes it, and
 * visible on the queue dashboard (/admin/queues). Upserting is idempotent: every worker replica does it at boot, and
 * the last interval given wins. Works on Redis and on BullMQ's Postgres backend (QUEUE_ON_POSTGRES), which stores
 * schedulers in its own tables.
 *
 * A scheduler lives in the queue's store, which is transport only: a wiped or replaced Redis forgets it, and with it
 * the relay that re-sends what Postgres still holds. So each worker also checks every SCHEDULER_CHECK_MS that the
 * schedulers it keeps exist (one read each) and upserts a missing one. That timer does no work of its own.
 */
@Injectable()
export class JobSchedules implements OnModuleDestroy {
  private readonly logger = new Logger('JobSchedulers');
  private readonly kept: Kept[] = [];
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  /** Upserts the scheduler now and keeps it in place for as long as this process runs. */
  async every(queue: Queue, schedulerId: string, everyMs: number, jobName: string): Promise<void> {
    const k = { queue, schedulerId, everyMs, jobName };
    this.kept.push(k);
    await this.upsert(k);
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), SCHEDULER_CHECK_MS);
      this.timer.unref();
    }
  }

  /** Re-creates every kept scheduler the store no longer has; returns the ids it re-created. */
  async check(): Promise<string[]> {
    if (this.checking) return [];
    this.checking = true;
    const recreated: string[] = [];
    try {
      for (const k of this.kept) {
        const present = await k.queue.getJobScheduler(k.schedulerId).catch(() => 'unknown' as const);
        if (present) continue; // there, or the store is unreachable right now (the next check tries again)
        this.logger.warn(
          `job scheduler ${k.schedulerId} of queue ${k.queue.name} was gone (queue store wiped?): re-created`,
        );
        await this.upsert(k);
        recreated.push(k.schedulerId);
      }
    } finally {
      this.checking = false;
    }
    return recreated;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async upsert(k: Kept): Promise<void> {
    try {
      await k.queue.upsertJobScheduler(
        k.schedulerId,
        { every: k.everyMs },
        { name: k.jobName, data: {}, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 } },
      );
    } catch (err) {
      this.logger.warn({ err }, `could not schedule ${k.schedulerId} on queue ${k.queue.name}`);
    }
  }
}

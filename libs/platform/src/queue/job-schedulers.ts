import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';

/**
 * Periodic work of the worker (the outbox relays, the payment reconciler, the reminder sweep) runs as BullMQ job
 * schedulers, not timers: one job per interval across all replicas, processed by whichever worker takes it, and
 * visible on the queue dashboard (/admin/queues). Upserting is idempotent: every worker replica does it at boot, and
 * the last interval given wins. Works on Redis and on BullMQ's Postgres backend (QUEUE_ON_POSTGRES), which stores
 * schedulers in its own tables.
 */
export async function scheduleEvery(
  queue: Queue,
  schedulerId: string,
  everyMs: number,
  jobName: string,
): Promise<void> {
  try {
    await queue.upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      { name: jobName, data: {}, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 } },
    );
  } catch (err) {
    new Logger('JobSchedulers').warn({ err }, `could not schedule ${schedulerId} on queue ${queue.name}`);
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ClockService, DEFAULT_JOB_OPTIONS, PortalConfig, QUEUES } from '@portal/platform';

export const REMINDER_JOB = 'reminder';
/** The periodic job that re-creates lost reminder jobs, and how often it runs. */
export const REMINDER_SWEEP_JOB = 'reminder-sweep';
export const REMINDER_SWEEP_EVERY_MS = 10 * 60_000;
/** How long a submit or a decline waits for its reminder job's removal (best effort) before it answers. */
export const REMINDER_CANCEL_WAIT_MS = 2_000;

/** BullMQ forbids ':' in custom job ids, so the fixed id is `reminder-<assignmentId>`. */
export const reminderJobId = (assignmentId: string) => `reminder-${assignmentId}`;

/**
 * Puts one delayed reminder job per assignment on the `reviews` queue (job id = `reminder-<assignmentId>`, data = the
 * id only). The job fires REVIEW_REMINDER_HOURS_BEFORE the due time (at once when that moment has passed), or after
 * REVIEW_REMINDER_DELAY_MS when that staging setting is given. The worker re-checks the row before mailing.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger('ReviewReminders');

  constructor(
    @InjectQueue(QUEUES.reviews) private readonly queue: Queue,
    private readonly config: PortalConfig,
    private readonly clock: ClockService,
  ) {}

  delayFor(dueAt: Date): number {
    if (this.config.REVIEW_REMINDER_DELAY_MS != null) return this.config.REVIEW_REMINDER_DELAY_MS;
    const at = dueAt.getTime() - this.config.REVIEW_REMINDER_HOURS_BEFORE * 3600_000;
    return Math.max(0, at - this.clock.now().getTime());
  }

  async schedule(items: { id: string; dueAt: Date }[]): Promise<void> {
    for (let i = 0; i < items.length; i += 500) {
      await this.queue.addBulk(
        items.slice(i, i + 500).map((r) => ({
          name: REMINDER_JOB,
          data: { assignmentId: r.id },
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: reminderJobId(r.id), delay: this.delayFor(r.dueAt) },
        })),
      );
    }
  }

  /**
   * Best effort, and bounded: the processor re-checks the row anyway, so an expert's submit or decline never waits
   * more than REMINDER_CANCEL_WAIT_MS on the queue store (a paused Redis, or the PostgreSQL backend busy under load —
   * a clean-clone CI saw a submit hang past 60 s here). Whatever is still under way goes on in the background.
   */
  async cancel(assignmentId: string): Promise<void> {
    const work = (async () => {
      const job = await this.queue.getJob(reminderJobId(assignmentId));
      if (job && (await job.isDelayed())) await job.remove();
    })().catch((err) => this.logger.warn({ err, assignmentId }, 'could not remove a reminder job'));
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), REMINDER_CANCEL_WAIT_MS);
      timer.unref();
    });
    const first = await Promise.race([work.then(() => 'done' as const), waited]);
    clearTimeout(timer);
    if (first === 'late')
      this.logger.warn({ assignmentId }, 'removing a reminder job is slow: left to finish in the background');
  }
}

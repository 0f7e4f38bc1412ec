import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobSchedules, PortalWorkerHost, QUEUES } from '@portal/platform';
import { AnnualReviewService } from './annual-review.service';

export const ANNUAL_REVIEW_LAPSE_JOB = 'annual-review-lapse';
/** Hourly: the lapse of 1 August happens within the hour (and again harmlessly every hour after). */
export const ANNUAL_REVIEW_LAPSE_EVERY_MS = 3600_000;

/**
 * Worker only: the `annual-review-lapse` job scheduler runs `lapseMissed` — after the window closed, every certificate
 * that did not file its review is marked `missed` and lapses on the day after the window. Idempotent.
 */
@Processor(QUEUES.followup, { concurrency: 1 })
export class AnnualReviewLapseProcessor extends PortalWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('AnnualReviewLapse');

  constructor(
    private readonly reviews: AnnualReviewService,
    @InjectQueue(QUEUES.followup) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.every(
      this.queue,
      ANNUAL_REVIEW_LAPSE_JOB,
      ANNUAL_REVIEW_LAPSE_EVERY_MS,
      ANNUAL_REVIEW_LAPSE_JOB,
    );
  }

  async process(job: Job): Promise<number> {
    if (job.name !== ANNUAL_REVIEW_LAPSE_JOB) return 0;
    return (await this.run()).length;
  }

  /** One run now (the scheduler's job, or a test): the awards lapsed by it. */
  async run(): Promise<string[]> {
    const lapsed = await this.reviews.lapseMissed();
    if (lapsed.length) this.logger.log(`${lapsed.length} certificate(s) lapsed: annual review not filed`);
    return lapsed;
  }
}

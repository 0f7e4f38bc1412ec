import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobSchedules, PortalConfig, PortalWorkerHost, QUEUES } from '@portal/platform';
import { StatisticsRefresher, StatisticsRefreshResult } from './statistics-refresher';

export const STATS_REFRESH_JOB = 'stats-refresh';

/**
 * Runs in the worker only: the `stats-refresh` job scheduler (once across replicas, every STATS_REFRESH_EVERY_MS)
 * recomputes the statistics summary, and once when the worker starts. A refresh run twice gives the same rows.
 */
@Processor(QUEUES.statistics, { concurrency: 1 })
export class StatisticsRefreshProcessor extends PortalWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly refresher: StatisticsRefresher,
    private readonly config: PortalConfig,
    @InjectQueue(QUEUES.statistics) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.every(this.queue, 'stats-refresh', this.config.STATS_REFRESH_EVERY_MS, STATS_REFRESH_JOB);
    // and once now, so a fresh start (the demo) shows figures before the first interval ends; one job across replicas
    await this.queue
      .add(
        STATS_REFRESH_JOB,
        {},
        { jobId: 'stats-refresh-boot', removeOnComplete: true, removeOnFail: 100, attempts: 1 },
      )
      .catch(() => undefined);
  }

  async process(job: Job): Promise<StatisticsRefreshResult | 'skipped'> {
    if (job.name !== STATS_REFRESH_JOB) return 'skipped';
    return this.refresher.refresh();
  }
}

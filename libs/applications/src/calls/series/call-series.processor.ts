import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobSchedules, PortalConfig, PortalWorkerHost, QUEUES } from '@portal/platform';
import { CallSeriesService, OpenedCall } from './call-series.service';

export const CALL_SERIES_JOB = 'call-series';

/**
 * Runs in the worker only: the `call-series` job scheduler (once across replicas, every CALL_SERIES_EVERY_MS) opens
 * the calls of recurring series whose period is due (CallSeriesService.openDue). A run twice opens nothing more.
 */
@Processor(QUEUES.calls, { concurrency: 1 })
export class CallSeriesProcessor extends PortalWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly series: CallSeriesService,
    private readonly config: PortalConfig,
    @InjectQueue(QUEUES.calls) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.every(this.queue, 'call-series', this.config.CALL_SERIES_EVERY_MS, CALL_SERIES_JOB);
  }

  async process(job: Job): Promise<OpenedCall[] | 'skipped'> {
    if (job.name !== CALL_SERIES_JOB) return 'skipped';
    return this.series.openDue();
  }
}

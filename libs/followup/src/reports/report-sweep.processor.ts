import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobSchedules, PortalWorkerHost, QUEUES } from '@portal/platform';
import { ReportSweep, SweepResult } from './report-sweep';

export const REPORT_SWEEP_JOB = 'report-sweep';
/**
 * How often the sweep runs: hourly (the work is daily — reminders, holds and warnings move with the Shanghai day — and
 * idempotent, so an hourly run catches a new day within the hour, and the staging clock's jumps too).
 */
export const REPORT_SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Runs in the worker only: the `report-sweep` job scheduler (once across replicas) runs ReportSweep. */
@Processor(QUEUES.followup, { concurrency: 1 })
export class ReportSweepProcessor extends PortalWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sweep: ReportSweep,
    @InjectQueue(QUEUES.followup) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.every(this.queue, 'report-sweep', REPORT_SWEEP_EVERY_MS, REPORT_SWEEP_JOB);
  }

  async process(job: Job): Promise<SweepResult | 'skipped'> {
    if (job.name !== REPORT_SWEEP_JOB) return 'skipped';
    return this.sweep.run();
  }
}

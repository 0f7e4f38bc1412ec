import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobSchedules, PortalConfig, PortalWorkerHost, QUEUES } from '@portal/platform';
import { TusUploadService } from './tus-upload.service';

export const UPLOAD_SWEEP_JOB = 'upload-sweep';

/**
 * Runs in the worker only: the `upload-sweep` job scheduler (once across replicas, every UPLOAD_SWEEP_EVERY_MS)
 * expires abandoned resumable uploads and records complete ones a failure left unrecorded (TusUploadService.sweep).
 * A sweep that runs twice changes nothing the second time: each upload is handled under its lock, from its row.
 */
@Processor(QUEUES.uploads, { concurrency: 1 })
export class UploadSweepProcessor extends PortalWorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly tus: TusUploadService,
    private readonly config: PortalConfig,
    @InjectQueue(QUEUES.uploads) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.every(this.queue, 'upload-sweep', this.config.UPLOAD_SWEEP_EVERY_MS, UPLOAD_SWEEP_JOB);
  }

  async process(job: Job): Promise<{ expired: number; recorded: number; orphans: number } | 'skipped'> {
    if (job.name !== UPLOAD_SWEEP_JOB) return 'skipped';
    return this.tus.sweep();
  }
}

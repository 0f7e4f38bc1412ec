import { WorkerHost } from '@nestjs/bullmq';
import { OnModuleDestroy } from '@nestjs/common';

/**
 * A BullMQ processor that stops taking jobs, and lets the ones it runs finish, before the queues close.
 *
 * @nestjs/bullmq closes processors' workers and the queues in the same shutdown phase (onApplicationShutdown). A job
 * that is still using a queue then (the relays add jobs while they run) can wait for good on a queue that closed under
 * it, and the worker's close waits for that job: seen on BullMQ's PostgreSQL backend, where a closed pool does not
 * reject. Closing the worker in onModuleDestroy, which Nest runs for every module before any onApplicationShutdown,
 * lets every job finish while its queues are open. The later close by @nestjs/bullmq returns at once.
 */
export abstract class PortalWorkerHost extends WorkerHost implements OnModuleDestroy {
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }
}

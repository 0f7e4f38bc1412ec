import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from './queues';

/**
 * Listens for the queues' `error` events. A queue's connection that fails (Redis away, or PostgreSQL when BullMQ runs
 * on it) emits `error`; without a listener BullMQ prints the whole client object with console.error on every failure.
 * One warning line per queue and 10 s instead: the outage itself is answered by the routes (503) and /api/health.
 */
@Injectable()
export class QueueErrorLog implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private readonly last = new Map<string, number>();

  constructor(private readonly refs: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      const queue = this.refs.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (err: Error) => {
        const now = Date.now();
        if (now - (this.last.get(name) ?? 0) < 10_000) return;
        this.last.set(name, now);
        this.logger.warn(`queue ${name}: ${err?.message ?? String(err)}`);
      });
    }
  }
}

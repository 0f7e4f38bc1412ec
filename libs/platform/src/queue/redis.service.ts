import { Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { PortalConfig } from '../config/portal-config';
import { createRedis } from './redis-connection';

/**
 * A shared Redis client for counters (rate limits), upload locks and the health check: commands made while a request
 * waits, so each is bounded by REDIS_COMMAND_TIMEOUT_MS (see createRedis). Absent when queues run on Postgres.
 */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: IORedis | null;
  readonly prefix: string;

  constructor(config: PortalConfig) {
    this.client = config.QUEUE_ON_POSTGRES ? null : createRedis(config.REDIS_URL, config.REDIS_COMMAND_TIMEOUT_MS);
    this.prefix = config.REDIS_PREFIX;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}

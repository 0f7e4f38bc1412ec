import { Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { PortalConfig } from '../config/portal-config';
import { createRedis } from './redis-connection';

/** A shared Redis client for counters (rate limits) and the health check. Absent when queues run on Postgres. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: IORedis | null;
  readonly prefix: string;

  constructor(config: PortalConfig) {
    this.client = config.QUEUE_ON_POSTGRES ? null : createRedis(config.REDIS_URL);
    this.prefix = config.REDIS_PREFIX;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onModuleDestroy(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}

import { Logger } from '@nestjs/common';
import IORedis, { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// URL, as BullMQ wants them (no retries per request for workers). */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

/**
 * A client for commands made while a request waits (rate-limit counters, upload locks, the health check): each command
 * fails after `commandTimeoutMs` — Redis down, or paused, and the request goes on (a fallback) or answers 503 — and is
 * retried at most once over a reconnect. Not for BullMQ workers, whose blocking commands wait on purpose.
 */
export function createRedis(url: string, commandTimeoutMs?: number): IORedis {
  const client = new IORedis({
    ...redisOptions(url),
    ...(commandTimeoutMs ? { commandTimeout: commandTimeoutMs, maxRetriesPerRequest: 1 } : {}),
  });
  watchErrors(client);
  return client;
}

const logger = new Logger('Redis');

/**
 * An ioredis client with no 'error' listener prints "Unhandled error event" with a stack for every failure it sees (a
 * paused Redis timing out the ready check, a restart): the callers already answer their own commands' failures, so the
 * client's own errors are logged here as one warning line per distinct message until the client is ready again.
 */
export function watchErrors(client: IORedis): void {
  let seen = new Set<string>();
  client.on('error', (err: Error) => {
    if (seen.has(err.message)) return;
    seen.add(err.message);
    logger.warn(`Redis client error (the client reconnects by itself): ${err.message}`);
  });
  client.on('ready', () => (seen = new Set()));
}

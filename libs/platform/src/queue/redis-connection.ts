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
  return new IORedis({
    ...redisOptions(url),
    ...(commandTimeoutMs ? { commandTimeout: commandTimeoutMs, maxRetriesPerRequest: 1 } : {}),
  });
}

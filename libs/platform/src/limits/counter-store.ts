import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisService } from '../queue/redis.service';

/**
 * Expiring counters shared by every process of the portal (API replicas, the worker), for rate limits: on Redis when
 * the portal has one, in PostgreSQL (`rate_counter`) when BullMQ runs on its PostgreSQL backend. Keys are logical
 * (`login-fail:acct:<email>`); the store adds the portal's prefix where it needs one.
 * Expiry runs on the store's own clock (Redis's, or the database's): wall time shared by every process, never the
 * portal's settable test clock.
 */
export abstract class CounterStore {
  /**
   * Adds one and returns the new count, atomically. A counter that does not exist (or has expired) starts at 1 and
   * lives `ttlSeconds` from then; later increments do not extend it (a fixed window, like Redis INCR + EXPIRE).
   */
  async increment(key: string, ttlSeconds: number): Promise<number> {
    return (await this.hit(key, ttlSeconds)).count;
  }
  /**
   * `increment`, and the whole seconds left until the window ends (at least 1), from the same atomic step: what a rate
   * limit needs to count an attempt before it checks it, and to say `Retry-After`.
   */
  abstract hit(key: string, ttlSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  /** Takes one back from a live counter (never below 0; nothing when it is absent or expired): an attempt refunded. */
  abstract decrement(key: string): Promise<void>;
  /** The live count (0 when absent or expired). */
  abstract get(key: string): Promise<number>;
  abstract delete(key: string): Promise<void>;
}

const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('TTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

const DECREMENT_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return n`;

/** Counters as Redis keys `<REDIS_PREFIX>:<key>` (INCR, EXPIRE on the first increment). */
export class RedisCounterStore extends CounterStore {
  constructor(private readonly redis: RedisService) {
    super();
  }

  private get client() {
    if (!this.redis.client) throw new Error('RedisCounterStore without a Redis client');
    return this.redis.client;
  }

  async hit(key: string, ttlSeconds: number): Promise<{ count: number; resetInSeconds: number }> {
    // one script: INCR, the expiry set on the first increment (or on a key that somehow has none), and the TTL left
    const [count, ttl] = (await this.client.eval(HIT_SCRIPT, 1, this.redis.key(key), ttlSeconds)) as [number, number];
    return { count: Number(count), resetInSeconds: Math.max(1, Number(ttl)) };
  }

  async decrement(key: string): Promise<void> {
    await this.client.eval(DECREMENT_SCRIPT, 1, this.redis.key(key));
  }

  async get(key: string): Promise<number> {
    return Number((await this.client.get(this.redis.key(key))) ?? 0);
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.redis.key(key));
  }
}

/** Counters as rows of `rate_counter` (one database per portal, so no prefix); expired rows are swept now and then. */
export class PostgresCounterStore extends CounterStore {
  private increments = 0;

  constructor(private readonly ds: DataSource) {
    super();
  }

  async hit(key: string, ttlSeconds: number): Promise<{ count: number; resetInSeconds: number }> {
    // one statement: insert, or add one to a live counter, or restart an expired one — atomic under concurrency
    const rows: { count: number; reset_in: number }[] = await this.ds.query(
      `INSERT INTO rate_counter AS c (key, count, expires_at)
       VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN c.expires_at > clock_timestamp() THEN c.count + 1 ELSE 1 END,
         expires_at = CASE WHEN c.expires_at > clock_timestamp() THEN c.expires_at ELSE EXCLUDED.expires_at END
       RETURNING count, greatest(1, ceil(extract(epoch FROM expires_at - clock_timestamp())))::int AS reset_in`,
      [key, ttlSeconds],
    );
    if (++this.increments % 500 === 0) void this.sweep().catch(() => undefined);
    return { count: Number(rows[0].count), resetInSeconds: Number(rows[0].reset_in) };
  }

  async decrement(key: string): Promise<void> {
    await this.ds.query(
      `UPDATE rate_counter SET count = count - 1 WHERE key = $1 AND count > 0 AND expires_at > clock_timestamp()`,
      [key],
    );
  }

  async get(key: string): Promise<number> {
    const rows: { count: number }[] = await this.ds.query(
      `SELECT count FROM rate_counter WHERE key = $1 AND expires_at > clock_timestamp()`,
      [key],
    );
    return rows.length ? Number(rows[0].count) : 0;
  }

  async delete(key: string): Promise<void> {
    await this.ds.query(`DELETE FROM rate_counter WHERE key = $1`, [key]);
  }

  /** Removes expired counters (they already read as 0; this only keeps the table small). */
  async sweep(): Promise<void> {
    await this.ds.query(`DELETE FROM rate_counter WHERE expires_at <= clock_timestamp()`);
  }
}

/**
 * Redis first, PostgreSQL when Redis fails (down, paused: the client's commands time out after
 * REDIS_COMMAND_TIMEOUT_MS): a limit keeps counting in `rate_counter` instead of letting a request hang or pass
 * unchecked. The two stores do not add up — while Redis is away a window starts afresh in PostgreSQL — which errs
 * by at most one window's allowance, once per outage. A PostgreSQL that is down too makes the request answer 503.
 */
export class FallbackCounterStore extends CounterStore {
  constructor(
    private readonly primary: CounterStore,
    private readonly fallback: CounterStore,
    private readonly onFallback: (err: unknown) => void = () => undefined,
  ) {
    super();
  }

  /** After a failure, Redis is left alone this long: each request of an outage waits for one timeout at most once. */
  static readonly BACK_OFF_MS = 5000;
  private primaryDownUntil = 0;

  private async either<T>(run: (s: CounterStore) => Promise<T>): Promise<T> {
    if (Date.now() < this.primaryDownUntil) return run(this.fallback);
    try {
      return await run(this.primary);
    } catch (err) {
      this.primaryDownUntil = Date.now() + FallbackCounterStore.BACK_OFF_MS;
      this.onFallback(err);
      return run(this.fallback);
    }
  }

  hit(key: string, ttlSeconds: number): Promise<{ count: number; resetInSeconds: number }> {
    return this.either((s) => s.hit(key, ttlSeconds));
  }

  decrement(key: string): Promise<void> {
    return this.either((s) => s.decrement(key));
  }

  get(key: string): Promise<number> {
    return this.either((s) => s.get(key));
  }

  async delete(key: string): Promise<void> {
    // both: a counter written to PostgreSQL during an outage must not outlive the success that clears it
    const primary = Date.now() < this.primaryDownUntil ? Promise.resolve() : this.primary.delete(key);
    await Promise.all([primary.catch(this.onFallback), this.fallback.delete(key)]);
  }
}

const fallbackLogger = new Logger('CounterStore');
let lastFallbackLog = 0;

/** The platform's CounterStore: Redis (falling back to PostgreSQL) when the portal has a Redis client, else PostgreSQL. */
export const counterStoreProvider = {
  provide: CounterStore,
  inject: [RedisService, DataSource],
  useFactory: (redis: RedisService, ds: DataSource): CounterStore =>
    redis.client
      ? new FallbackCounterStore(new RedisCounterStore(redis), new PostgresCounterStore(ds), (err) => {
          if (Date.now() - lastFallbackLog < 10_000) return; // one line per 10 s of outage, not one per request
          lastFallbackLog = Date.now();
          fallbackLogger.warn(
            { err: String((err as Error)?.message ?? err) },
            'Redis unavailable: counting in PostgreSQL',
          );
        })
      : new PostgresCounterStore(ds),
};

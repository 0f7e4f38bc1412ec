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
  abstract increment(key: string, ttlSeconds: number): Promise<number>;
  /** The live count (0 when absent or expired). */
  abstract get(key: string): Promise<number>;
  abstract delete(key: string): Promise<void>;
}

/** Counters as Redis keys `<REDIS_PREFIX>:<key>` (INCR, EXPIRE on the first increment). */
export class RedisCounterStore extends CounterStore {
  constructor(private readonly redis: RedisService) {
    super();
  }

  private get client() {
    if (!this.redis.client) throw new Error('RedisCounterStore without a Redis client');
    return this.redis.client;
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const k = this.redis.key(key);
    const n = await this.client.incr(k);
    if (n === 1) await this.client.expire(k, ttlSeconds);
    return n;
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

  async increment(key: string, ttlSeconds: number): Promise<number> {
    // one statement: insert, or add one to a live counter, or restart an expired one — atomic under concurrency
    const rows: { count: number }[] = await this.ds.query(
      `INSERT INTO rate_counter AS c (key, count, expires_at)
       VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN c.expires_at > clock_timestamp() THEN c.count + 1 ELSE 1 END,
         expires_at = CASE WHEN c.expires_at > clock_timestamp() THEN c.expires_at ELSE EXCLUDED.expires_at END
       RETURNING count`,
      [key, ttlSeconds],
    );
    if (++this.increments % 500 === 0) void this.sweep().catch(() => undefined);
    return Number(rows[0].count);
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

/** The platform's CounterStore: Redis when the portal has a Redis client, PostgreSQL otherwise. */
export const counterStoreProvider = {
  provide: CounterStore,
  inject: [RedisService, DataSource],
  useFactory: (redis: RedisService, ds: DataSource): CounterStore =>
    redis.client ? new RedisCounterStore(redis) : new PostgresCounterStore(ds),
};

import { randomBytes } from 'crypto';
import type IORedis from 'ioredis';

/** The shapes of @tus/utils' Locker and Lock (that package is ESM-only; its types are structural). */
export interface TusLock {
  lock(signal: AbortSignal, requestRelease: () => Promise<void> | void): Promise<void>;
  unlock(): Promise<void>;
}
export interface TusLocker {
  newLock(id: string): TusLock;
}

const RELEASE_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisLockerOptions {
  /** Key prefix (the portal's REDIS_PREFIX). */
  prefix: string;
  /** How long a holder keeps the lock without renewing it (a crashed process frees it after this). */
  ttlMs?: number;
  /** Give up (tus answers 500 "lock timeout") after waiting this long. */
  acquireTimeoutMs?: number;
  /** Between attempts while someone else holds the lock. */
  retryMs?: number;
}

/**
 * A tus locker shared by every API process and replica, on Redis: one key per upload (SET NX PX with a random
 * token, renewed while held, deleted only by its holder), and a pub/sub channel per upload on which a request that
 * wants the lock asks the holder to let go — the tus way: a client that resumes after a cut connection must not
 * wait for the server to notice the old request is dead. The in-process MemoryLocker of @tus/server does the same
 * within one process only.
 */
export class RedisTusLocker implements TusLocker {
  readonly ttlMs: number;
  readonly acquireTimeoutMs: number;
  readonly retryMs: number;
  private readonly holders = new Map<string, () => Promise<void> | void>();
  private subscriber: IORedis | null = null;

  constructor(
    private readonly redis: IORedis,
    private readonly opts: RedisLockerOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.acquireTimeoutMs = opts.acquireTimeoutMs ?? 30_000;
    this.retryMs = opts.retryMs ?? 50;
  }

  key(id: string): string {
    return `${this.opts.prefix}:tus-lock:${id}`;
  }

  channel(id: string): string {
    return `${this.opts.prefix}:tus-release:${id}`;
  }

  newLock(id: string): TusLock {
    return new RedisTusLock(this, id);
  }

  /** @internal The lock's holder in this process will be asked to release when another request wants it. */
  async hold(id: string, requestRelease: () => Promise<void> | void): Promise<void> {
    this.holders.set(id, requestRelease);
    const sub = await this.subscriberConnection();
    await sub.subscribe(this.channel(id));
  }

  /** @internal */
  async letGo(id: string): Promise<void> {
    this.holders.delete(id);
    await this.subscriber?.unsubscribe(this.channel(id)).catch(() => undefined);
  }

  /** @internal */
  get client(): IORedis {
    return this.redis;
  }

  async close(): Promise<void> {
    const sub = this.subscriber;
    this.subscriber = null;
    await sub?.quit().catch(() => undefined);
  }

  private async subscriberConnection(): Promise<IORedis> {
    if (!this.subscriber) {
      const sub = this.redis.duplicate();
      sub.on('error', () => undefined); // ioredis reconnects by itself
      sub.on('message', (channel: string) => {
        const prefix = `${this.opts.prefix}:tus-release:`;
        if (!channel.startsWith(prefix)) return;
        const release = this.holders.get(channel.slice(prefix.length));
        if (release) void Promise.resolve(release()).catch(() => undefined);
      });
      this.subscriber = sub;
    }
    return this.subscriber;
  }
}

class RedisTusLock implements TusLock {
  private token: string | null = null;
  private renewal: NodeJS.Timeout | null = null;

  constructor(
    private readonly locker: RedisTusLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: () => Promise<void> | void): Promise<void> {
    const { client } = this.locker;
    const key = this.locker.key(this.id);
    const token = randomBytes(16).toString('hex');
    const until = Date.now() + this.locker.acquireTimeoutMs;
    let asked = false;
    for (;;) {
      if (signal.aborted) throw lockTimeout();
      const ok = await client.set(key, token, 'PX', this.locker.ttlMs, 'NX');
      if (ok === 'OK') break;
      if (!asked) {
        // ask whoever holds it to finish up (its request is usually a dead connection being resumed)
        await client.publish(this.locker.channel(this.id), 'release');
        asked = true;
      }
      if (Date.now() >= until) throw lockTimeout();
      await sleep(this.locker.retryMs, signal);
    }
    this.token = token;
    await this.locker.hold(this.id, requestRelease);
    const every = Math.max(1000, Math.floor(this.locker.ttlMs / 3));
    this.renewal = setInterval(
      () => void client.eval(EXTEND_IF_MINE, 1, key, token, String(this.locker.ttlMs)).catch(() => undefined),
      every,
    );
    this.renewal.unref();
  }

  async unlock(): Promise<void> {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    const token = this.token;
    this.token = null;
    if (!token) throw new Error('Releasing an unlocked lock!');
    await this.locker.letGo(this.id);
    await this.locker.client.eval(RELEASE_IF_MINE, 1, this.locker.key(this.id), token);
  }
}

/** tus's own lock-timeout error (ERRORS.ERR_LOCK_TIMEOUT of @tus/utils: 500, "failed to acquire lock before timeout"). */
export function lockTimeout(): { status_code: number; body: string } {
  return { status_code: 500, body: 'failed to acquire lock before timeout' };
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

import { randomBytes } from 'crypto';

/** The shapes of @tus/utils' Locker and Lock (that package is ESM-only; its types are structural). */
export interface TusLock {
  lock(signal: AbortSignal, requestRelease: () => Promise<void> | void): Promise<void>;
  unlock(): Promise<void>;
}
export interface TusLocker {
  newLock(id: string): TusLock;
}

export interface LeaseLockerOptions {
  /** How long a holder keeps the lock without renewing it (a crashed process frees it after this). */
  ttlMs?: number;
  /** Give up (tus answers 500 "lock timeout") after waiting this long. */
  acquireTimeoutMs?: number;
  /** Between attempts while someone else holds the lock. */
  retryMs?: number;
}

/**
 * A tus locker shared by every API process and replica: one lease per upload in a shared store (taken with a random
 * token when free or expired, renewed while held, released only by its holder), and a release-request channel by
 * which a request that wants the lock asks the holder to let go — the tus way: a client that resumes after a cut
 * connection must not wait for the server to notice the old request is dead. The in-process MemoryLocker of
 * @tus/server does the same within one process only.
 *
 * The lock algorithm (LeaseTusLock) and the registry of this process's holders live here; a store subclass holds
 * only its storage: the lease operations and the channel's subscription.
 */
export abstract class LeaseTusLocker implements TusLocker {
  readonly ttlMs: number;
  readonly acquireTimeoutMs: number;
  readonly retryMs: number;
  private readonly holders = new Map<string, () => Promise<void> | void>();

  constructor(opts: LeaseLockerOptions) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.acquireTimeoutMs = opts.acquireTimeoutMs ?? 30_000;
    this.retryMs = opts.retryMs ?? 50;
  }

  newLock(id: string): TusLock {
    return new LeaseTusLock(this, id);
  }

  /** @internal Takes `id` for `token` for `ttlMs` when nobody holds it (or the holder's time ran out). */
  abstract tryTake(id: string, token: string, ttlMs: number): Promise<boolean>;
  /** @internal Extends the lease of `id` by `ttlMs`, only while `token` holds it. */
  abstract renew(id: string, token: string, ttlMs: number): Promise<void>;
  /** @internal Frees `id` only while `token` holds it (a stale holder never frees another's lock). */
  abstract release(id: string, token: string): Promise<void>;
  /** @internal Asks whoever holds `id` (in any process) to finish up. */
  abstract askRelease(id: string): Promise<void>;
  abstract close(): Promise<void>;
  /** Starts hearing release requests for `id` (this process now holds it). */
  protected abstract subscribe(id: string): Promise<void>;
  /** Stops hearing release requests for `id`. */
  protected abstract unsubscribe(id: string): Promise<void>;

  /** @internal The lock's holder in this process will be asked to release when another request wants it. */
  async hold(id: string, requestRelease: () => Promise<void> | void): Promise<void> {
    this.holders.set(id, requestRelease);
    await this.subscribe(id);
  }

  /** @internal */
  async letGo(id: string): Promise<void> {
    this.holders.delete(id);
    await this.unsubscribe(id);
  }

  /** A release request for `id` arrived on the channel: asks its holder in this process, if any, to let go. */
  protected releaseRequested(id: string): void {
    const release = this.holders.get(id);
    if (release) void Promise.resolve(release()).catch(() => undefined);
  }
}

/** One upload's lock on a LeaseTusLocker's store. */
export class LeaseTusLock implements TusLock {
  private token: string | null = null;
  private renewal: NodeJS.Timeout | null = null;

  constructor(
    private readonly locker: LeaseTusLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: () => Promise<void> | void): Promise<void> {
    const { locker, id } = this;
    const token = randomBytes(16).toString('hex');
    const until = Date.now() + locker.acquireTimeoutMs;
    let asked = false;
    for (;;) {
      if (signal.aborted) throw lockTimeout();
      if (await locker.tryTake(id, token, locker.ttlMs)) break;
      if (!asked) {
        // ask whoever holds it to finish up (its request is usually a dead connection being resumed)
        await locker.askRelease(id);
        asked = true;
      }
      if (Date.now() >= until) throw lockTimeout();
      await sleep(locker.retryMs, signal);
    }
    this.token = token;
    await locker.hold(id, requestRelease);
    const every = Math.max(1000, Math.floor(locker.ttlMs / 3));
    this.renewal = setInterval(() => void locker.renew(id, token, locker.ttlMs).catch(() => undefined), every);
    this.renewal.unref();
  }

  async unlock(): Promise<void> {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    const token = this.token;
    this.token = null;
    if (!token) throw new Error('Releasing an unlocked lock!');
    await this.locker.letGo(this.id);
    await this.locker.release(this.id, token);
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

import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { lockTimeout, sleep, TusLock, TusLocker } from './redis-locker';

/** Runs one statement and returns its rows (TypeORM's `DataSource.query` fits). */
export type LockSql = (text: string, params: unknown[]) => Promise<{ token?: string }[]>;

export interface PostgresLockerOptions {
  /** The database the lock rows live in (for the LISTEN connection that hears release requests). */
  databaseUrl: string;
  /** NOTIFY channel for release requests; the payload is the upload id. One database per portal, so one channel. */
  channel?: string;
  /** How long a holder keeps the lock without renewing it (a crashed process frees it after this). */
  ttlMs?: number;
  /** Give up (tus answers 500 "lock timeout") after waiting this long. */
  acquireTimeoutMs?: number;
  /** Between attempts while someone else holds the lock. */
  retryMs?: number;
}

/**
 * The tus locker of RedisTusLocker, on PostgreSQL for a portal without Redis: one `upload_lock` row per upload
 * (taken with a random token when absent or expired, renewed while held, deleted only by its holder), and a NOTIFY
 * on one channel (payload: the upload id) by which a request that wants the lock asks the holder to let go —
 * each locker LISTENs on its own connection. Expiry runs on the database's clock, shared by every process.
 */
export class PostgresTusLocker implements TusLocker {
  readonly ttlMs: number;
  readonly acquireTimeoutMs: number;
  readonly retryMs: number;
  readonly channel: string;
  private readonly holders = new Map<string, () => Promise<void> | void>();
  private listener: Promise<Client> | null = null;
  private closed = false;

  constructor(
    private readonly sql: LockSql,
    private readonly opts: PostgresLockerOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.acquireTimeoutMs = opts.acquireTimeoutMs ?? 30_000;
    this.retryMs = opts.retryMs ?? 50;
    this.channel = opts.channel ?? 'tus_release';
    if (!/^[a-z_][a-z0-9_]*$/.test(this.channel)) throw new Error(`bad NOTIFY channel name ${this.channel}`);
  }

  newLock(id: string): TusLock {
    return new PostgresTusLock(this, id);
  }

  /** @internal Takes `id` for `token` when nobody holds it (or the holder's time ran out). */
  async tryTake(id: string, token: string): Promise<boolean> {
    const rows = await this.sql(
      `INSERT INTO upload_lock AS l (upload_id, token, expires_at)
       VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
       ON CONFLICT (upload_id) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
         WHERE l.expires_at <= clock_timestamp()
       RETURNING token`,
      [id, token, this.ttlMs / 1000],
    );
    return rows.length === 1 && rows[0].token === token;
  }

  /** @internal */
  async renew(id: string, token: string): Promise<void> {
    await this.sql(
      `UPDATE upload_lock SET expires_at = clock_timestamp() + make_interval(secs => $3)
       WHERE upload_id = $1 AND token = $2`,
      [id, token, this.ttlMs / 1000],
    );
  }

  /** @internal Deletes the row only while `token` holds it (a stale holder never frees another's lock). */
  async release(id: string, token: string): Promise<void> {
    await this.sql(`DELETE FROM upload_lock WHERE upload_id = $1 AND token = $2`, [id, token]);
  }

  /** @internal Asks whoever holds `id` (in any process) to finish up. */
  async askRelease(id: string): Promise<void> {
    await this.sql(`SELECT pg_notify($1, $2)`, [this.channel, id]);
  }

  /** @internal The lock's holder in this process will be asked to release when another request wants it. */
  async hold(id: string, requestRelease: () => Promise<void> | void): Promise<void> {
    this.holders.set(id, requestRelease);
    // without the LISTEN connection the lock still holds; only release requests go unheard (the asker then waits)
    await this.listen().catch(() => undefined);
  }

  /** @internal */
  letGo(id: string): void {
    this.holders.delete(id);
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = null;
    if (listener) await (await listener.catch(() => null))?.end().catch(() => undefined);
  }

  /** The LISTEN connection, opened on first use and again after it is lost. */
  private listen(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('PostgresTusLocker is closed'));
    if (!this.listener) {
      const client = new Client({ connectionString: this.opts.databaseUrl });
      const lost = () => {
        if (this.listener === ready) this.listener = null;
        void client.end().catch(() => undefined);
      };
      client.on('error', lost);
      client.on('end', lost);
      client.on('notification', (msg) => {
        if (msg.channel !== this.channel || !msg.payload) return;
        const release = this.holders.get(msg.payload);
        if (release) void Promise.resolve(release()).catch(() => undefined);
      });
      const ready = client
        .connect()
        .then(() => client.query(`LISTEN ${this.channel}`))
        .then(() => client);
      ready.catch(lost);
      this.listener = ready;
    }
    return this.listener;
  }
}

class PostgresTusLock implements TusLock {
  private token: string | null = null;
  private renewal: NodeJS.Timeout | null = null;

  constructor(
    private readonly locker: PostgresTusLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: () => Promise<void> | void): Promise<void> {
    const token = randomBytes(16).toString('hex');
    const until = Date.now() + this.locker.acquireTimeoutMs;
    let asked = false;
    for (;;) {
      if (signal.aborted) throw lockTimeout();
      if (await this.locker.tryTake(this.id, token)) break;
      if (!asked) {
        // ask whoever holds it to finish up (its request is usually a dead connection being resumed)
        await this.locker.askRelease(this.id);
        asked = true;
      }
      if (Date.now() >= until) throw lockTimeout();
      await sleep(this.locker.retryMs, signal);
    }
    this.token = token;
    await this.locker.hold(this.id, requestRelease);
    const every = Math.max(1000, Math.floor(this.locker.ttlMs / 3));
    this.renewal = setInterval(() => void this.locker.renew(this.id, token).catch(() => undefined), every);
    this.renewal.unref();
  }

  async unlock(): Promise<void> {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    const token = this.token;
    this.token = null;
    if (!token) throw new Error('Releasing an unlocked lock!');
    this.locker.letGo(this.id);
    await this.locker.release(this.id, token);
  }
}

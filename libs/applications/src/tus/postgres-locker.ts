import { Client } from 'pg';
import { LeaseLockerOptions, LeaseTusLocker } from './lease-locker';

/** Runs one statement and returns its rows (TypeORM's `DataSource.query` fits). */
export type LockSql = (text: string, params: unknown[]) => Promise<{ token?: string }[]>;

export interface PostgresLockerOptions extends LeaseLockerOptions {
  /** The database the lock rows live in (for the LISTEN connection that hears release requests). */
  databaseUrl: string;
  /** NOTIFY channel for release requests; the payload is the upload id. One database per portal, so one channel. */
  channel?: string;
}

/**
 * The tus locker (LeaseTusLocker, as RedisTusLocker) on PostgreSQL for a portal without Redis: one `upload_lock`
 * row per upload (taken with a random token when absent or expired, renewed while held, deleted only by its holder),
 * and a NOTIFY on one channel (payload: the upload id) by which a request that wants the lock asks the holder to let
 * go — each locker LISTENs on its own connection. Expiry runs on the database's clock, shared by every process.
 */
export class PostgresTusLocker extends LeaseTusLocker {
  readonly channel: string;
  private listener: Promise<Client> | null = null;
  private closed = false;

  constructor(
    private readonly sql: LockSql,
    private readonly opts: PostgresLockerOptions,
  ) {
    super(opts);
    this.channel = opts.channel ?? 'tus_release';
    if (!/^[a-z_][a-z0-9_]*$/.test(this.channel)) throw new Error(`bad NOTIFY channel name ${this.channel}`);
  }

  /** @internal */
  async tryTake(id: string, token: string, ttlMs: number): Promise<boolean> {
    const rows = await this.sql(
      `INSERT INTO upload_lock AS l (upload_id, token, expires_at)
       VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
       ON CONFLICT (upload_id) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
         WHERE l.expires_at <= clock_timestamp()
       RETURNING token`,
      [id, token, ttlMs / 1000],
    );
    return rows.length === 1 && rows[0].token === token;
  }

  /** @internal */
  async renew(id: string, token: string, ttlMs: number): Promise<void> {
    await this.sql(
      `UPDATE upload_lock SET expires_at = clock_timestamp() + make_interval(secs => $3)
       WHERE upload_id = $1 AND token = $2`,
      [id, token, ttlMs / 1000],
    );
  }

  /** @internal */
  async release(id: string, token: string): Promise<void> {
    await this.sql(`DELETE FROM upload_lock WHERE upload_id = $1 AND token = $2`, [id, token]);
  }

  /** @internal */
  async askRelease(id: string): Promise<void> {
    await this.sql(`SELECT pg_notify($1, $2)`, [this.channel, id]);
  }

  /** One channel for every upload: listening once covers them all. */
  protected async subscribe(): Promise<void> {
    // without the LISTEN connection the lock still holds; only release requests go unheard (the asker then waits)
    await this.listen().catch(() => undefined);
  }

  protected async unsubscribe(): Promise<void> {}

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
        if (msg.channel === this.channel && msg.payload) this.releaseRequested(msg.payload);
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

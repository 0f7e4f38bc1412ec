/*
 * The tus upload lock shared by API processes, on both stores the portal uses: RedisTusLocker on the real Redis and
 * PostgresTusLocker on PostgreSQL (the portal without Redis). Two lockers stand for two processes, each with its own
 * connections, as under `API_PROCESSES=2` or several replicas. The Redis suite is skipped on a machine without Redis.
 */
import { randomBytes } from 'crypto';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { PostgresTusLocker } from '../../libs/applications/src/tus/postgres-locker';
import { RedisTusLocker, TusLocker } from '../../libs/applications/src/tus/redis-locker';
import { createTestDatabase, sharedTestEnv } from '../support/portal';

jest.setTimeout(30_000);

interface LockerOptions {
  ttlMs?: number;
  acquireTimeoutMs?: number;
  retryMs?: number;
}
/** One store as seen by the spec: lockers in "process" 1 or 2, and a look at the stored holder. */
interface Backend {
  locker(process: 1 | 2, opts: LockerOptions): TusLocker & { close(): Promise<void> };
  /** The token holding `id` (null when free). */
  holder(id: string): Promise<string | null>;
  /** As if the holder's process had stalled past the TTL. */
  expire(id: string): Promise<void>;
  close(): Promise<void>;
}

async function redisBackend(url: string): Promise<Backend> {
  const prefix = `tlock${randomBytes(3).toString('hex')}`;
  const conns = { 1: new IORedis(url), 2: new IORedis(url) };
  const key = (id: string) => `${prefix}:tus-lock:${id}`;
  return {
    locker: (n, opts) => new RedisTusLocker(conns[n], { prefix, ...opts }),
    holder: (id) => conns[1].get(key(id)),
    expire: async (id) => {
      await conns[1].pexpire(key(id), 1);
      await new Promise((r) => setTimeout(r, 20));
    },
    close: async () => {
      await conns[1].quit();
      await conns[2].quit();
    },
  };
}

async function postgresBackend(): Promise<Backend> {
  const db = await createTestDatabase();
  const pools = {
    1: new Pool({ connectionString: db.url, max: 3 }),
    2: new Pool({ connectionString: db.url, max: 3 }),
  };
  return {
    locker: (n, opts) =>
      new PostgresTusLocker(async (text, params) => (await pools[n].query(text, params)).rows, {
        databaseUrl: db.url,
        ...opts,
      }),
    holder: async (id) =>
      (
        await pools[1].query(`SELECT token FROM upload_lock WHERE upload_id = $1 AND expires_at > clock_timestamp()`, [
          id,
        ])
      ).rows[0]?.token ?? null,
    expire: async (id) => {
      await pools[1].query(
        `UPDATE upload_lock SET expires_at = clock_timestamp() - interval '1 millisecond' WHERE upload_id = $1`,
        [id],
      );
    },
    close: async () => {
      await pools[1].end();
      await pools[2].end();
      await db.drop();
    },
  };
}

function lockerSuite(start: () => Promise<Backend>) {
  let store: Backend;
  let a: TusLocker & { close(): Promise<void> };
  let b: TusLocker & { close(): Promise<void> };

  beforeAll(async () => {
    store = await start();
    a = store.locker(1, { acquireTimeoutMs: 3000, retryMs: 20 });
    b = store.locker(2, { acquireTimeoutMs: 3000, retryMs: 20 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store?.close();
  });

  it('asks the holder in the other process to release, then takes the lock', async () => {
    const events: string[] = [];
    const held = a.newLock('upload-1');
    await held.lock(new AbortController().signal, async () => {
      events.push('a asked to release');
      await held.unlock();
      events.push('a released');
    });
    expect(await store.holder('upload-1')).toMatch(/^[0-9a-f]{32}$/);
    const second = b.newLock('upload-1');
    await second.lock(new AbortController().signal, () => undefined);
    events.push('b holds');
    expect(events).toEqual(['a asked to release', 'a released', 'b holds']);
    await second.unlock();
    expect(await store.holder('upload-1')).toBeNull();
  });

  it('gives up with tus lock-timeout when the holder does not let go, and on an aborted request', async () => {
    const held = a.newLock('upload-2');
    await held.lock(new AbortController().signal, () => undefined); // never releases
    const impatient = store.locker(2, { acquireTimeoutMs: 300, retryMs: 20 });
    await expect(impatient.newLock('upload-2').lock(new AbortController().signal, () => undefined)).rejects.toEqual({
      status_code: 500,
      body: 'failed to acquire lock before timeout',
    });
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 50);
    await expect(b.newLock('upload-2').lock(aborted.signal, () => undefined)).rejects.toMatchObject({
      status_code: 500,
    });
    await held.unlock();
    await impatient.close();
  });

  it('never deletes a lock another holder took after its own expired', async () => {
    const short = store.locker(1, { ttlMs: 200, retryMs: 20 });
    const first = short.newLock('upload-3');
    await first.lock(new AbortController().signal, () => undefined);
    await store.expire('upload-3'); // as if the holder's process had stalled past the TTL
    const next = b.newLock('upload-3');
    await next.lock(new AbortController().signal, () => undefined);
    const token = await store.holder('upload-3');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    await first.unlock(); // the stale holder lets go: must not remove the new holder's lock
    expect(await store.holder('upload-3')).toBe(token);
    await next.unlock();
    expect(await store.holder('upload-3')).toBeNull();
    await short.close();
  });

  it('keeps a held lock alive past its TTL by renewing it', async () => {
    const brief = store.locker(1, { ttlMs: 1500, retryMs: 20 });
    const held = brief.newLock('upload-4');
    await held.lock(new AbortController().signal, () => undefined);
    const token = await store.holder('upload-4');
    await new Promise((r) => setTimeout(r, 2200)); // renewed every second (ttl / 3, at least 1 s)
    expect(await store.holder('upload-4')).toBe(token);
    await held.unlock();
    expect(await store.holder('upload-4')).toBeNull();
    await brief.close();
  });
}

describe('tus lock across processes (PostgreSQL)', () => {
  lockerSuite(postgresBackend);
});

const { redisUrl } = sharedTestEnv();
// on a machine without Redis (see global-setup.ts) there is no Redis to test the Redis locker against
(redisUrl ? describe : describe.skip)(
  `tus lock across processes (Redis)${redisUrl ? '' : ' — skipped: no Redis on this machine'}`,
  () => {
    lockerSuite(() => redisBackend(redisUrl!));
  },
);

/*
 * The platform's CounterStore (rate limits) on both stores: Redis, and PostgreSQL's `rate_counter` for the portal
 * without Redis. Two stores with their own connections stand for two processes. The Redis suite is skipped on a
 * machine without Redis.
 */
import { randomBytes } from 'crypto';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { CounterStore, PostgresCounterStore, RedisCounterStore, RedisService } from '@portal/platform';
import { createTestDatabase, sharedTestEnv } from '../support/portal';

jest.setTimeout(30_000);

interface Stores {
  one: CounterStore;
  two: CounterStore;
  close(): Promise<void>;
}

async function postgresStores(): Promise<Stores> {
  const db = await createTestDatabase();
  const sources = [0, 1].map(() => new DataSource({ type: 'postgres', url: db.url, poolSize: 5 }));
  await Promise.all(sources.map((s) => s.initialize()));
  return {
    one: new PostgresCounterStore(sources[0]),
    two: new PostgresCounterStore(sources[1]),
    close: async () => {
      await Promise.all(sources.map((s) => s.destroy()));
      await db.drop();
    },
  };
}

async function redisStores(url: string): Promise<Stores> {
  const prefix = `tcount${randomBytes(3).toString('hex')}`;
  const clients = [new IORedis(url), new IORedis(url)];
  const service = (client: IORedis) =>
    ({ client, prefix, key: (...parts: string[]) => [prefix, ...parts].join(':') }) as unknown as RedisService;
  return {
    one: new RedisCounterStore(service(clients[0])),
    two: new RedisCounterStore(service(clients[1])),
    close: async () => {
      await Promise.all(clients.map((c) => c.quit()));
    },
  };
}

function counterSuite(start: () => Promise<Stores>) {
  let s: Stores;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('counts atomically across processes: every increment gets its own new count', async () => {
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? s.one : s.two).increment('login-fail:acct:a@x', 60)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await s.one.get('login-fail:acct:a@x')).toBe(40);
    expect(await s.two.get('login-fail:acct:a@x')).toBe(40);
    expect(await s.one.get('login-fail:acct:nobody@x')).toBe(0);
  });

  it('forgets a counter when its window ends, and starts a new window from 1', async () => {
    expect(await s.one.increment('k:short', 1)).toBe(1);
    expect(await s.two.increment('k:short', 1)).toBe(2); // a later increment does not extend the window
    await new Promise((r) => setTimeout(r, 1200));
    expect(await s.one.get('k:short')).toBe(0);
    expect(await s.two.increment('k:short', 1)).toBe(1);
  });

  it('hit gives the count and the seconds left in the window; decrement gives one back, never below 0', async () => {
    const first = await s.one.hit('k:hit', 900);
    expect(first.count).toBe(1);
    expect(first.resetInSeconds).toBeGreaterThan(0);
    expect(first.resetInSeconds).toBeLessThanOrEqual(900);
    expect((await s.two.hit('k:hit', 900)).count).toBe(2);
    await s.one.decrement('k:hit');
    expect(await s.two.get('k:hit')).toBe(1);
    await s.two.decrement('k:hit');
    await s.one.decrement('k:hit');
    expect(await s.one.get('k:hit')).toBe(0);
    await s.one.decrement('k:absent');
    expect(await s.one.get('k:absent')).toBe(0);
  });

  it('deletes a counter', async () => {
    await s.one.increment('k:del', 60);
    await s.two.delete('k:del');
    expect(await s.one.get('k:del')).toBe(0);
    expect(await s.one.increment('k:del', 60)).toBe(1);
  });
}

describe('CounterStore across processes (PostgreSQL)', () => {
  counterSuite(postgresStores);
});

const { redisUrl } = sharedTestEnv();
// on a machine without Redis (see global-setup.ts) there is no Redis to test the Redis store against
(redisUrl ? describe : describe.skip)(
  `CounterStore across processes (Redis)${redisUrl ? '' : ' — skipped: no Redis on this machine'}`,
  () => {
    counterSuite(() => redisStores(redisUrl!));
  },
);

/*
 * Outages (issue 11, points 9 and 11). The database goes away behind a TCP proxy the test controls — refusing
 * connections (a stopped server) or swallowing them (a host that stopped answering) — and every route answers 503
 * with Retry-After within 2 s, /api/health names the part that is down, liveness stays 200, and the portal recovers
 * by itself once the database is back. A private redis-server is paused with SIGSTOP: login still answers (its
 * limiter counts in PostgreSQL), submits and 20 parallel approvals answer without waiting on Redis, and the pool is
 * not exhausted. The embedded PostgreSQL keeps fsync on. Everything spawned here is stopped in afterAll.
 */
import { ChildProcess, spawn } from 'child_process';
import { createServer, Server, Socket } from 'net';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { join } from 'path';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { findRedisBinary, freePort, startEmbeddedPostgres } from '@portal/platform';
import { PaymentOutbox } from '@portal/payments';
import { seedAwards } from '../fake-bank/seed-awards';
import {
  auth,
  createTestDatabase,
  registerCompany,
  sharedTestEnv,
  startPortal,
  TestPortal,
  testCreditCode,
} from '../support/portal';
import { openCall, readyDraft } from './applications-fixtures';
import { setupStaff, Staff } from './awards-fixtures';

jest.setTimeout(120_000);

/** A TCP proxy in front of PostgreSQL: `up`, `refuse` (connections refused, open ones cut) or `blackhole`. */
class DbProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  mode: 'up' | 'blackhole' = 'up';
  port = 0;

  constructor(
    private readonly host: string,
    private readonly target: number,
  ) {}

  async listen(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'blackhole') return; // accepted, never answered
      const upstream = new Socket();
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.connect(this.target, this.host, () => {
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
    await new Promise<void>((ok) => server.listen(this.port, '127.0.0.1', ok));
    this.server = server;
  }

  private cutAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** A stopped server: open connections are cut, new ones refused. */
  async refuse(): Promise<void> {
    this.cutAll();
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((ok) => s.close(() => ok()));
  }

  /** A server that stopped answering: open connections are cut, new ones accepted and never answered. */
  async blackhole(): Promise<void> {
    this.mode = 'blackhole';
    this.cutAll();
    if (!this.server) await this.listen();
  }

  async up(): Promise<void> {
    this.mode = 'up';
    this.cutAll();
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.refuse();
  }
}

/**
 * A request that hangs: the old code waited until the test's timeout (120 s). The speed goals themselves (503 within
 * 2 s, nothing past 5 s with Redis paused) are R5's, measured by `npm run bench -- R5`, never timed in a test.
 */
const HANG_MS = 20_000;

/** Every outage answer: 503, Retry-After, PLATFORM.UNAVAILABLE, a message in both languages, without hanging. */
async function expectUnavailable(
  run: () => PromiseLike<{
    status: number;
    headers: Record<string, string>;
    body: { code?: string; message: { zh: string; en: string } };
  }>,
) {
  const t0 = Date.now();
  const res = await run();
  const ms = Date.now() - t0;
  expect({ status: res.status, code: res.body?.code }).toEqual({ status: 503, code: 'PLATFORM.UNAVAILABLE' });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.body.message.zh).toBeTruthy();
  expect(res.body.message.en).toBeTruthy();
  expect(ms).toBeLessThan(HANG_MS);
}

describe('PostgreSQL down (behind a proxy the test controls)', () => {
  let p: TestPortal;
  let proxy: DbProxy;
  let db: { url: string; drop(): Promise<void> };
  let token: string;
  let company: Awaited<ReturnType<typeof registerCompany>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const u = new URL(db.url);
    proxy = new DbProxy(u.hostname, Number(u.port || 5432));
    await proxy.listen();
    const via = new URL(db.url);
    via.hostname = '127.0.0.1';
    via.port = String(proxy.port);
    p = await startPortal({ worker: false, env: { DATABASE_URL: via.toString(), DB_CONNECT_TIMEOUT_MS: '1000' } });
    company = await registerCompany(p, 9101);
    token = company.token;
  }, 120_000);

  afterAll(async () => {
    await proxy?.up().catch(() => undefined);
    await p?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('is healthy, live and ready while the database answers', async () => {
    const h = await p.http().get('/api/health');
    expect(h.status).toBe(200);
    expect(h.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    expect((await p.http().get('/api/health/ready')).status).toBe(200);
    expect((await p.http().get('/api/health/live')).body).toEqual({ status: 'ok' });
  });

  for (const how of ['refuse', 'blackhole'] as const) {
    const what = how === 'refuse' ? 'refuses connections' : 'does not answer';
    it(`answers 503 with Retry-After at once (not a hang) while the database ${what}, and recovers by itself`, async () => {
      await proxy[how]();
      await expectUnavailable(() =>
        p.http().post('/api/auth/login').send({ email: company.email, password: company.password }),
      );
      await expectUnavailable(() => p.http().get('/api/me').set(auth(token)));
      await expectUnavailable(() => p.http().get('/api/applications').set(auth(token)));
      await expectUnavailable(() => p.http().get('/api/calls'));
      // a write refused for the outage leaves nothing behind
      await expectUnavailable(() =>
        p
          .http()
          .post('/api/auth/register')
          .send({
            organization: {
              name: '停机测试公司',
              creditCode: testCreditCode(how === 'refuse' ? 9301 : 9302),
              address: '北京市朝阳区测试路 1 号',
              legalRepresentative: '法人',
              businessTypes: ['animation'],
            },
            user: {
              name: '联系人',
              email: `outage-${how}@test.portal`,
              phone: '13800138000',
              password: 'Company#Pass2026',
            },
          }),
      );
      // what each dependency says: the database is down, Redis is not; liveness does not ask the database
      const h = await p.http().get('/api/health');
      expect(h.status).toBe(503);
      // with BullMQ on PostgreSQL (no Redis on the machine) the queue store is the database: down with it
      const queues = sharedTestEnv().redisUrl ? 'up' : 'down';
      expect(h.body).toEqual({ status: 'error', checks: { database: 'down', redis: queues } });
      const ready = await p.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database).toBe('down');
      expect((await p.http().get('/api/health/live')).status).toBe(200);

      // many at once: the ones waiting for a pooled connection are bounded too
      const t0 = Date.now();
      const burst = await Promise.all(
        Array.from({ length: 30 }, () => p.http().get('/api/applications').set(auth(token))),
      );
      expect(burst.map((r) => r.status)).toEqual(burst.map(() => 503));
      expect(Date.now() - t0).toBeLessThan(HANG_MS);

      await proxy.up();
      // no restart: the pool reconnects on its own
      let healthy = false;
      for (let i = 0; i < 40 && !healthy; i++) {
        healthy = (await p.http().get('/api/health')).status === 200;
        if (!healthy) await new Promise((r) => setTimeout(r, 250));
      }
      expect(healthy).toBe(true);
      const login = await p.http().post('/api/auth/login').send({ email: company.email, password: company.password });
      expect(login.status).toBe(200);
      expect((await p.http().get('/api/applications').set(auth(login.body.accessToken))).status).toBe(200);
      const [{ n }] = await p.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [
        `outage-${how}@test.portal`,
      ]);
      expect(n).toBe(0);
    });
  }
});

const redisBinary = findRedisBinary();
// the portal under test must run on Redis for a Redis pause to mean anything (not with PORTAL_TEST_QUEUE=postgres)
const queuesOnPostgres = process.env.PORTAL_TEST_QUEUE === 'postgres';
const describeRedis = redisBinary && !queuesOnPostgres ? describe : describe.skip;
if (!redisBinary || queuesOnPostgres)
  console.warn(
    `outages: ${queuesOnPostgres ? 'PORTAL_TEST_QUEUE=postgres' : 'no redis-server on this machine'}; the Redis-paused case is skipped`,
  );

describeRedis('Redis paused (SIGSTOP on a private redis-server)', () => {
  let p: TestPortal;
  let redis: ChildProcess;
  let redisUrl: string;
  let staff: Staff;
  let paused = false;
  let dir: string;

  const pause = () => {
    redis.kill('SIGSTOP');
    paused = true;
  };
  const resume = () => {
    if (paused) redis.kill('SIGCONT');
    paused = false;
  };

  beforeAll(async () => {
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'outage-redis-'));
    redis = spawn(
      redisBinary!,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    redisUrl = `redis://127.0.0.1:${port}`;
    const probe = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    for (let i = 0; ; i++) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch {
        if (i > 100) throw new Error('the private redis-server did not start');
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    probe.disconnect();
    p = await startPortal({
      worker: false,
      env: { REDIS_URL: redisUrl, QUEUE_ON_POSTGRES: '0', REDIS_COMMAND_TIMEOUT_MS: '500', PAYMENT_STUCK_SECONDS: '1' },
    });
    staff = await setupStaff(p, 'outage');
  }, 120_000);

  afterAll(async () => {
    resume();
    await p?.close();
    redis?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => resume());

  it('login answers without hanging and its limit still counts (in PostgreSQL)', async () => {
    const company = await registerCompany(p, 9201);
    pause();
    const t0 = Date.now();
    const ok = await p.http().post('/api/auth/login').send({ email: company.email, password: company.password });
    expect(ok.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(HANG_MS);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await p.http().post('/api/auth/login').send({ email: company.email, password: 'Wrong#Pass2026' })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const h = await p.http().get('/api/health');
    expect(h.status).toBe(503);
    expect(h.body.checks).toEqual({ database: 'up', redis: 'down' });
  });

  it('a submit answers without waiting on Redis; its receipt stays queued in the outbox', async () => {
    const officer = staff.officer;
    const call = await openCall(p, officer);
    const company = await registerCompany(p, 9202);
    const app = await readyDraft(p, company.token, call.id);
    pause();
    const t0 = Date.now();
    const res = await p.http().post(`/api/applications/${app.id}/submit`).set(auth(company.token));
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(HANG_MS);
    const [{ n }] = await p.ds.query(
      `SELECT count(*)::int AS n FROM mail_message WHERE to_address = $1 AND status = 'queued'`,
      [company.email],
    );
    expect(n).toBeGreaterThan(0);
  });

  it('20 parallel approvals answer, and the database pool is free afterwards (no transaction waits on Redis)', async () => {
    const batches: string[] = [];
    const instalments: string[] = [];
    for (let i = 0; i < 20; i++) {
      const seeded = await seedAwards(p.ds, { count: 1, tag: `outage${i}`, amountFen: 100_000, members: false });
      instalments.push(...seeded.instalmentIds);
      const b = await p
        .http()
        .post('/api/payment-batches')
        .set(auth(staff.financeA))
        .send({ callId: seeded.callId, instalmentNo: 1 });
      expect(b.status).toBe(201);
      batches.push(b.body.id);
    }
    pause();
    const t0 = Date.now();
    const answers = await Promise.all(
      batches.map((id) => p.http().post(`/api/payment-batches/${id}/approve`).set(auth(staff.financeB))),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(Date.now() - t0).toBeLessThan(HANG_MS);
    // the pool still serves: a read through the API, and no session of this portal is idle in a transaction
    const t1 = Date.now();
    expect((await p.http().get('/api/payment-batches').set(auth(staff.financeA))).status).toBe(200);
    expect(Date.now() - t1).toBeLessThan(HANG_MS);
    const [{ idle }] = await p.ds.query(
      `SELECT count(*)::int AS idle FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
    );
    expect(idle).toBe(0);
    // everything committed: approved, each with its outbox row waiting for the relay
    const rows = await p.ds.query(
      `SELECT i.status, o.status AS outbox FROM instalment i LEFT JOIN payment_outbox o ON o.id = i.id WHERE i.id = ANY($1::uuid[])`,
      [instalments],
    );
    expect(rows.map((r: { status: string; outbox: string }) => `${r.status}/${r.outbox}`)).toEqual(
      instalments.map(() => 'approved/queued'),
    );
    resume();
    // once Redis is back the relay (the worker's job scheduler; run by hand here) adds the jobs the outage skipped
    await new Promise((r) => setTimeout(r, 1100));
    await p.app.get(PaymentOutbox).relay();
    const check = new IORedis(redisUrl);
    try {
      const prefix = process.env.REDIS_PREFIX;
      let found = 0;
      for (let i = 0; i < 40 && found < instalments.length; i++) {
        found = 0;
        for (const id of instalments) if (await check.exists(`${prefix}:payments:${id}`)) found++;
        if (found < instalments.length) await new Promise((r) => setTimeout(r, 250));
      }
      expect(found).toBe(instalments.length);
    } finally {
      check.disconnect();
    }
  });
});

describe('embedded PostgreSQL', () => {
  it('keeps fsync on (a host crash must not corrupt the ledger)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outage-pg-'));
    const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), database: 'postgres', persistent: false });
    try {
      const c = new Client({ connectionString: pg.url });
      await c.connect();
      const { rows } = await c.query(
        `SELECT current_setting('fsync') AS fsync, current_setting('full_page_writes') AS fpw`,
      );
      await c.end();
      expect(rows[0]).toEqual({ fsync: 'on', fpw: 'on' });
    } finally {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Helpers for the payment benchmarks (P5, R3, R4): PostgreSQL (DATABASE_URL, else embedded) with a fresh migrated
 * database, a PRIVATE Redis (always an embedded one on its own port — R4 wipes it, so never the shared one), the fake
 * bank in this process, and the portal's API and worker as child processes exactly as in production
 * (the server build in dist/, see compiledArgs in apps-bench-env.ts).
 */
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { join } from 'path';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Client, Pool } from 'pg';
import {
  redisOptions,
  runMigrations,
  RunningService,
  startEmbeddedPostgres,
  startEmbeddedRedis,
} from '../../libs/platform/src';
import { FakeBank, FakeBankMode } from '../fake-bank/fake-bank';
import { rowsOf, seedAwards, SeededAwards } from '../fake-bank/seed-awards';
import {
  BENCH_PRODUCTION_SECRETS,
  ChildServer,
  compiledArgs,
  ROOT,
  serverNodeArgs,
  startChild,
} from './apps-bench-env';

const ADMIN = { email: 'admin@bench.portal', password: 'Admin#Bench2026' };
const STAFF_PASSWORD = 'Finance#Bench2026';

export interface PayBench {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  env: NodeJS.ProcessEnv;
  bank: FakeBank;
  db: Pool;
  api: ChildServer;
  financeA: string;
  financeB: string;
  stop(): Promise<void>;
}

async function services(
  tag: string,
): Promise<{ databaseUrl: string; redisUrl: string; workDir: string; stop(): Promise<void> }> {
  const running: RunningService[] = [];
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  const workDir = mkdtempSync(join(ROOT, '.data', `bench-${tag}-`));
  chmodSync(workDir, 0o755);
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const pg = await startEmbeddedPostgres({ dir: join(workDir, 'postgres'), database: 'postgres', persistent: false });
    running.push(pg);
    adminUrl = pg.url;
  }
  const dbName = `portal_bench_${tag.toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  await runMigrations(u.toString());
  const redis = await startEmbeddedRedis();
  if (!redis)
    throw new Error(`${tag} needs redis-server on this machine: it runs its own private Redis (never the shared one)`);
  running.push(redis);
  return {
    databaseUrl: u.toString(),
    redisUrl: redis.url,
    workDir,
    async stop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await c.end();
      for (const s of running.reverse()) await s.stop().catch(() => undefined);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

async function api(port: number, method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return json;
}

/** Services, the fake bank, the API (child process) and two finance users (maker and checker). */
export async function startPayBench(
  tag: string,
  opts: { bankMode?: FakeBankMode; slowMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<PayBench> {
  const s = await services(tag);
  const bank = await new FakeBank({ mode: opts.bankMode ?? 'succeed', slowMs: opts.slowMs }).start();
  const storage = join(s.workDir, 'storage');
  mkdirSync(storage, { recursive: true });
  const prefix = `bench${tag.toLowerCase()}${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    REDIS_PREFIX: prefix,
    QUEUE_ON_POSTGRES: '0',
    STORAGE_DIR: storage,
    ...BENCH_PRODUCTION_SECRETS,
    LOG_LEVEL: 'error',
    PORTAL_TEST_CLOCK: '0',
    NODE_ENV: 'production',
    PORTAL_ADMIN_EMAIL: ADMIN.email,
    PORTAL_ADMIN_PASSWORD: ADMIN.password,
    PAYMENT_RAIL: 'http',
    PAYMENT_RAIL_URL: bank.url,
    PAYMENT_STUCK_SECONDS: '5',
    PAYMENT_RELAY_INTERVAL_MS: '1000',
    SMTP_URL: '',
    ...opts.env,
  };
  const apiServer = await startChild(
    join(ROOT, 'apps', 'api', 'src', 'main.ts'),
    env,
    async (port) => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200,
  );
  const admin = (await api(apiServer.port, 'POST', '/api/auth/login', null, ADMIN)).accessToken;
  const tokens: string[] = [];
  for (const who of ['a', 'b']) {
    const email = `finance-${who}@bench.portal`;
    await api(apiServer.port, 'POST', '/api/users', admin, {
      name: `财务${who}`,
      email,
      password: STAFF_PASSWORD,
      roles: ['finance'],
    });
    tokens.push(
      (await api(apiServer.port, 'POST', '/api/auth/login', null, { email, password: STAFF_PASSWORD })).accessToken,
    );
  }
  const db = new Pool({ connectionString: s.databaseUrl, max: 4 });
  return {
    databaseUrl: s.databaseUrl,
    redisUrl: s.redisUrl,
    prefix,
    env,
    bank,
    db,
    api: apiServer,
    financeA: tokens[0],
    financeB: tokens[1],
    async stop() {
      await apiServer.stop().catch(() => undefined);
      await db.end().catch(() => undefined);
      await bank.stop();
      await s.stop();
    },
  };
}

export interface WorkerProcess {
  pid: number;
  /** BullMQ "Missing key for job" errors the worker printed (jobs whose Redis keys were wiped) */
  missingKeyErrors(): number;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** The portal worker (apps/worker/src/main.ts) as a child process; ready once BullMQ lists it on the payments queue. */
export async function startWorker(b: PayBench): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...serverNodeArgs(), ...(await compiledArgs(join(ROOT, 'apps', 'worker', 'src', 'main.ts')))],
    {
      cwd: ROOT,
      env: { ...process.env, ...b.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  // BullMQ complains about every job whose key vanished in a FLUSHALL (R4): expected, so counted rather than printed
  let missing = 0;
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (/Missing key for job/.test(line)) missing++;
      else if (!/^\s+at |^\s*code: -1|^\s*}\s*$/.test(line) && line.trim()) process.stderr.write(`[worker] ${line}\n`);
    }
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const queue = new Queue('payments', { connection: redisOptions(b.redisUrl) as any, prefix: b.prefix });
  const until = Date.now() + 120_000;
  try {
    while ((await queue.getWorkersCount()) === 0) {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}`);
      if (Date.now() > until) throw new Error('the worker did not start within 120 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await queue.close();
  }
  return {
    pid: child.pid!,
    missingKeyErrors: () => missing,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export async function seed(b: PayBench, count: number, amountFen: number): Promise<SeededAwards> {
  return seedAwards(rowsOf(b.db), {
    count,
    amountFen,
    tag: `b${count}`,
    members: process.env.P5_NO_MAIL ? false : true,
  });
}

/** Finance A prepares the batch of instalment 1 of the call. */
export async function prepare(b: PayBench, callId: string): Promise<{ id: string; count: number; totalFen: number }> {
  return api(b.api.port, 'POST', '/api/payment-batches', b.financeA, { callId, instalmentNo: 1 });
}

/** Finance B approves it (the outbox rows are written in that transaction). */
export async function approve(b: PayBench, batchId: string): Promise<void> {
  await api(b.api.port, 'POST', `/api/payment-batches/${batchId}/approve`, b.financeB);
}

export async function statusCounts(b: PayBench, batchId: string): Promise<Record<string, number>> {
  const rows = (
    await b.db.query(`SELECT status, count(*)::int AS n FROM instalment WHERE batch_id = $1 GROUP BY status`, [batchId])
  ).rows;
  return Object.fromEntries(rows.map((r: any) => [r.status, r.n]));
}

/** Waits until `pred(counts)` holds, polling every 100 ms; returns the counts. */
export async function waitFor(
  b: PayBench,
  batchId: string,
  pred: (c: Record<string, number>) => boolean,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const c = await statusCounts(b, batchId);
    if (pred(c)) return c;
    if (Date.now() > until) throw new Error(`timed out; instalments by status: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface BatchCheck {
  count: number;
  totalFen: number;
  paid: number;
  lost: number;
  ledgerPaidLines: number;
  ledgerPaidFen: number;
  /** keys the bank was asked to pay again after paying them (what a bank without idempotency would have paid twice) */
  doubles: number;
  /** keys the bank actually paid more than once (0 by construction of an idempotent bank) */
  bankDoubles: number;
  bankPaidKeys: number;
  bankPaidFen: number;
  bankCalls: number;
}

/** The truth after a run: every instalment paid once, per the portal's ledger and per the fake bank. */
export async function checkBatch(b: PayBench, batchId: string): Promise<BatchCheck> {
  const [batch] = (await b.db.query(`SELECT count, total_fen FROM payment_batch WHERE id = $1`, [batchId])).rows;
  const [paid] = (
    await b.db.query(`SELECT count(*)::int AS n FROM instalment WHERE batch_id = $1 AND status = 'paid'`, [batchId])
  ).rows;
  const [ledger] = (
    await b.db.query(
      `SELECT count(*)::int AS n, COALESCE(sum(l.amount_fen), 0)::bigint AS fen FROM payment_ledger l JOIN instalment i ON i.id = l.instalment_id
        WHERE i.batch_id = $1 AND l.kind = 'paid'`,
      [batchId],
    )
  ).rows;
  const ids = new Set(
    (await b.db.query(`SELECT id FROM instalment WHERE batch_id = $1`, [batchId])).rows.map((r: any) => r.id),
  );
  let doubles = 0,
    bankDoubles = 0,
    bankPaidKeys = 0,
    bankPaidFen = 0;
  for (const p of b.bank.payments.values()) {
    if (!ids.has(p.key)) continue;
    if (p.repeats > 0) doubles++;
    if (p.paidCount > 1) bankDoubles++;
    if (p.paidCount > 0) bankPaidKeys++;
    bankPaidFen += p.amountFen * p.paidCount;
  }
  return {
    count: Number(batch.count),
    totalFen: Number(batch.total_fen),
    paid: paid.n,
    lost: Number(batch.count) - paid.n,
    ledgerPaidLines: ledger.n,
    ledgerPaidFen: Number(ledger.fen),
    doubles,
    bankDoubles,
    bankPaidKeys,
    bankPaidFen,
    bankCalls: b.bank.stats().calls,
  };
}

export function printCheck(c: BatchCheck): void {
  console.log(`batch: ${c.count} instalments, ${c.totalFen} fen; paid ${c.paid}, lost ${c.lost}`);
  console.log(
    `ledger: ${c.ledgerPaidLines} paid lines, ${c.ledgerPaidFen} fen ` +
      `(${c.ledgerPaidFen === c.totalFen && c.ledgerPaidLines === c.count ? 'equals' : 'DIFFERS FROM'} the batch)`,
  );
  console.log(
    `fake bank: ${c.bankPaidKeys} keys paid, ${c.bankPaidFen} fen, ${c.bankCalls} calls; ` +
      `asked to pay an already-paid key: ${c.doubles}; paid a key twice: ${c.bankDoubles}`,
  );
}

/** The yardstick: bare BullMQ jobs each doing one Postgres UPDATE, same Redis, same database, same concurrency. */
export async function bareBaseline(
  b: PayBench,
  n: number,
  concurrency: number,
): Promise<{ ms: number; perSec: number }> {
  const pool = new Pool({ connectionString: b.databaseUrl, max: 20 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_counter (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)`);
  await pool.query(
    `INSERT INTO bench_counter (id) SELECT g FROM generate_series(1, $1::int) g ON CONFLICT DO NOTHING`,
    [n],
  );
  const connection = redisOptions(b.redisUrl) as any;
  const name = `bare-${randomBytes(3).toString('hex')}`;
  const queue = new Queue(name, { connection, prefix: b.prefix });
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((ok) => (finish = ok));
  const worker = new Worker(
    name,
    async (job) => {
      await pool.query('UPDATE bench_counter SET n = n + 1 WHERE id = $1', [job.data.id]);
    },
    { connection, prefix: b.prefix, concurrency },
  );
  worker.on('completed', () => {
    if (++done === n) finish();
  });
  await worker.waitUntilReady();
  const t0 = performance.now();
  for (let i = 0; i < n; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
        name: 'update',
        data: { id: i + k + 1 },
        opts: { jobId: `u${i + k + 1}`, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
  await finished;
  const ms = performance.now() - t0;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await pool.end();
  return { ms, perSec: (n * 1000) / ms };
}

/** FLUSHALL on the benchmark's private Redis. */
export async function flushAll(b: PayBench): Promise<void> {
  const r = new IORedis(redisOptions(b.redisUrl));
  await r.flushall();
  await r.quit();
}

/**
 * R5 — outages under load. The portal API (a child process, compiled, NODE_ENV=production) on its OWN embedded
 * PostgreSQL and its OWN redis-server, so the benchmark can stop them. Eight clients keep submitting prepared drafts
 * and approving prepared payment batches (plus liveness probes). Phase 1: PostgreSQL is stopped for 10 s and started
 * again on the same port — while it is down every answer must be 503 (never another 5xx, never a hang), and the API
 * must recover without a restart. Phase 2: Redis is paused with SIGSTOP for 6 s — no request may take 5 s or more.
 * Then every application and instalment is checked for half-written state: a submit answered 200 whose application
 * is not `submitted` with a number and its history row, a `submitted` one without a number, an approved batch whose
 * instalments are not `approved` with their outbox row. Last line: `R5 5xx=<n> lost=<n> ok|short`.
 */
import { seedRendingDrafts } from './seed-drafts';
import { ChildProcess, spawn } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { join } from 'path';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import IORedis from 'ioredis';
import {
  findRedisBinary,
  freePort,
  runMigrations,
  RunningService,
  startEmbeddedPostgres,
} from '../../libs/platform/src';
import { rowsOf, seedAwards } from '../fake-bank/seed-awards';
import { BENCH_PRODUCTION_SECRETS, BENCH_SECRET, ChildServer, quantile, ROOT, startChild } from './apps-bench-env';
import { fmt } from './bench-util';

const DRAFTS = 1500;
const BATCHES = 150;
const PER_BATCH = 4;
const CLIENTS = 8;
const PG_DOWN_MS = 10_000;
const REDIS_PAUSE_MS = 6_000;
const HANG_MS = 5_000;
const APPROVE_EVERY_MS = 1200;

interface Shot {
  kind: 'submit' | 'approve' | 'live';
  id: string;
  phase: string;
  status: number; // 0: no answer (network error or our 15 s abort)
  ms: number;
}

/** Drafts ready to submit (as P1 prepares them), awards with due instalments, two finance users; tokens signed. */
async function seed(databaseUrl: string) {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const jwt = new JwtService({});
    const sign = (sub: string, roles: string[], org: string | null) =>
      jwt.sign({ sub, roles, org }, { secret: BENCH_SECRET, expiresIn: 3600 });
    const [officer] = (
      await c.query(
        `INSERT INTO app_user (email, name, password_hash, roles) VALUES ('officer@r5', '周明', 'x', '{officer}') RETURNING id`,
      )
    ).rows;
    const fin = (
      await c.query(
        `INSERT INTO app_user (email, name, password_hash, roles)
         VALUES ('finance-a@r5', '财务甲', 'x', '{finance}'), ('finance-b@r5', '财务乙', 'x', '{finance}') RETURNING id`,
      )
    ).rows as { id: string }[];
    const { drafts: apps } = await seedRendingDrafts(c, {
      officerId: officer.id,
      title: 'R5 停机演练',
      count: DRAFTS,
      codeBase: 500_000,
      tag: 'r5',
      companyName: '演练动画公司',
    });
    const awardCalls: string[] = [];
    for (let i = 0; i < BATCHES; i++)
      awardCalls.push((await seedAwards(rowsOf(c), { count: PER_BATCH, tag: `r5b${i}`, members: false })).callId);
    return {
      drafts: apps.map((a) => ({ id: a.id, token: sign(a.created_by, ['applicant'], a.organization_id) })),
      financeA: sign(fin[0].id, ['finance'], null),
      financeB: sign(fin[1].id, ['finance'], null),
      awardCalls,
    };
  } finally {
    await c.end();
  }
}

async function call(port: number, method: string, path: string, token: string | null, body?: unknown) {
  const t0 = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t0, text, retryAfter: res.headers.get('retry-after') };
  } catch {
    return { status: 0, ms: performance.now() - t0, text: '', retryAfter: null };
  }
}

async function startRedis(dir: string): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  const bin = findRedisBinary();
  if (!bin) throw new Error('R5 needs redis-server on this machine (it pauses its own private Redis)');
  const port = await freePort();
  const proc = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (i > 100) throw new Error('the private redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const exited = new Promise<void>((ok) => proc.once('exit', () => ok()));
  return {
    url,
    proc,
    async stop() {
      proc.kill('SIGCONT');
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

export async function run(): Promise<void> {
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  const workDir = mkdtempSync(join(ROOT, '.data', 'bench-R5-'));
  chmodSync(workDir, 0o755);
  const pgDir = join(workDir, 'postgres');
  const pgPort = await freePort();
  let pg: RunningService | null = await startEmbeddedPostgres({ dir: pgDir, database: 'postgres', port: pgPort });
  const databaseUrl = pg.url.replace(/\/postgres$/, '/portal_r5');
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  let api: ChildServer | null = null;
  try {
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query('CREATE DATABASE portal_r5');
    await admin.end();
    await runMigrations(databaseUrl);
    redis = await startRedis(workDir);
    const storage = join(workDir, 'storage');
    mkdirSync(storage, { recursive: true });
    api = await startChild(
      join(ROOT, 'apps', 'api', 'src', 'main.ts'),
      {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        QUEUE_ON_POSTGRES: '0',
        REDIS_PREFIX: `r5${process.pid}`,
        STORAGE_DIR: storage,
        ...BENCH_PRODUCTION_SECRETS,
        LOG_LEVEL: 'error',
        PORTAL_TEST_CLOCK: '0',
        NODE_ENV: 'production',
        PAYMENT_RAIL: 'sandbox',
        SMTP_URL: '',
        PORTAL_ADMIN_EMAIL: 'admin@r5.bench',
        PORTAL_ADMIN_PASSWORD: 'Admin#Bench2026',
      },
      async (port) => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200,
    );
    const port = api.port;
    const s = await seed(databaseUrl);
    const batches: string[] = [];
    for (const callId of s.awardCalls) {
      const b = await call(port, 'POST', '/api/payment-batches', s.financeA, { callId, instalmentNo: 1 });
      if (b.status !== 201) throw new Error(`prepare batch: ${b.status} ${b.text.slice(0, 200)}`);
      batches.push(JSON.parse(b.text).id);
    }
    console.log(
      `R5: ${DRAFTS} drafts and ${BATCHES} batches of ${PER_BATCH} ready; ${CLIENTS} clients; API pid ${api.pid}`,
    );

    // the load: each client takes the next submit or approval, and now and then asks for liveness
    const shots: Shot[] = [];
    let phase = 'before';
    let stopLoad = false;
    let nextDraft = 0;
    let nextBatch = 0;
    const submitted = new Set<string>();
    const approved = new Set<string>();
    // approvals paced (one per client every APPROVE_EVERY_MS) so that they run through every phase
    const client = async (k: number) => {
      let approveAt = performance.now() + k * (APPROVE_EVERY_MS / CLIENTS);
      for (let i = 0; !stopLoad; i++) {
        let kind: Shot['kind'];
        let id: string;
        let r;
        const at = phase;
        if (i % 5 === 4) {
          kind = 'live';
          id = '-';
          r = await call(port, 'GET', '/api/health/live', null);
        } else if (performance.now() >= approveAt && nextBatch < batches.length) {
          approveAt = performance.now() + APPROVE_EVERY_MS;
          kind = 'approve';
          id = batches[nextBatch++];
          r = await call(port, 'POST', `/api/payment-batches/${id}/approve`, s.financeB);
          if (r.status === 200) approved.add(id);
          else if (r.status === 503) batches.push(id); // refused for the outage: try again later
        } else if (nextDraft < s.drafts.length) {
          kind = 'submit';
          const d = s.drafts[nextDraft++];
          id = d.id;
          r = await call(port, 'POST', `/api/applications/${d.id}/submit`, d.token);
          if (r.status === 200) submitted.add(id);
          else if (r.status === 503) s.drafts.push(d);
        } else if (nextBatch < batches.length) {
          await new Promise((ok) => setTimeout(ok, 50)); // submits done: only approvals left, at their pace
          continue;
        } else break;
        shots.push({ kind, id, phase: at, status: r.status, ms: r.ms });
        if (r.status === 503 && !r.retryAfter) console.log('a 503 without Retry-After');
        if (r.status >= 500 && r.status !== 503) console.log(`${kind} ${r.status}: ${r.text.slice(0, 200)}`);
        // a client told to retry later waits a moment (as Retry-After asks, shortened for the benchmark)
        if (r.status === 503) await new Promise((ok) => setTimeout(ok, 200));
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));
    const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

    await sleep(3000);
    phase = 'pg-down';
    const tDown = performance.now();
    await pg.stop();
    pg = null;
    console.log(`PostgreSQL stopped (${fmt(performance.now() - tDown)}); down for ${PG_DOWN_MS / 1000} s`);
    await sleep(PG_DOWN_MS);
    pg = await startEmbeddedPostgres({ dir: pgDir, database: 'postgres', port: pgPort });
    phase = 'pg-back';
    const tUp = performance.now();
    let recovered = -1;
    for (let i = 0; i < 120; i++) {
      if ((await call(port, 'GET', '/api/health/ready', null)).status === 200) {
        recovered = performance.now() - tUp;
        break;
      }
      await sleep(250);
    }
    console.log(
      `PostgreSQL started again; the API ready again ${recovered < 0 ? 'NEVER (30 s)' : `after ${fmt(recovered)}`}`,
    );
    await sleep(3000);
    phase = 'redis-paused';
    redis.proc.kill('SIGSTOP');
    await sleep(REDIS_PAUSE_MS);
    redis.proc.kill('SIGCONT');
    phase = 'redis-back';
    await sleep(3000);
    stopLoad = true;
    await load;

    // what each phase saw
    for (const ph of ['before', 'pg-down', 'pg-back', 'redis-paused', 'redis-back']) {
      const of = shots.filter((x) => x.phase === ph);
      const by: Record<string, number> = {};
      for (const x of of) by[`${x.kind}:${x.status}`] = (by[`${x.kind}:${x.status}`] ?? 0) + 1;
      const ms = of.map((x) => x.ms).sort((a, b) => a - b);
      console.log(
        `${ph.padEnd(12)} ${String(of.length).padStart(5)} requests, p50 ${fmt(quantile(ms, 0.5))}, max ${fmt(ms[ms.length - 1] ?? 0)}: ${JSON.stringify(by)}`,
      );
    }
    const down = shots.filter((x) => x.phase === 'pg-down' && x.kind !== 'live');
    const downSlow = down.filter((x) => x.ms >= 2000).length;
    const apiAlive = api.pids().length > 0 && (await call(port, 'GET', '/api/health/live', null)).status === 200;

    // half-written or lost records
    const c = new Client({ connectionString: databaseUrl });
    await c.connect();
    let lost = 0;
    try {
      const q = async (label: string, sql: string, params: unknown[] = []) => {
        const [{ n }] = (await c.query(sql, params)).rows;
        console.log(`${label}: ${n}`);
        lost += Number(n);
      };
      await q(
        'submits answered 200 but not submitted with a number and a history row',
        `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS x(id) LEFT JOIN application a ON a.id = x.id
          WHERE a.status IS DISTINCT FROM 'submitted' OR a.number IS NULL
             OR NOT EXISTS (SELECT 1 FROM application_history h WHERE h.application_id = x.id AND h.to_status = 'submitted')`,
        [[...submitted]],
      );
      await q(
        'applications past draft without a number, or drafts with one',
        `SELECT count(*)::int AS n FROM application WHERE (status = 'draft') = (number IS NOT NULL)`,
      );
      await q(
        'approvals answered 200 whose batch is not approved',
        `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS x(id) LEFT JOIN payment_batch b ON b.id = x.id WHERE b.status IS DISTINCT FROM 'approved'`,
        [[...approved]],
      );
      await q(
        'instalments of approved batches not approved, or without their outbox row',
        `SELECT count(*)::int AS n FROM instalment i JOIN payment_batch b ON b.id = i.batch_id
          WHERE b.status = 'approved' AND (i.status <> 'approved' OR NOT EXISTS (SELECT 1 FROM payment_outbox o WHERE o.id = i.id))`,
      );
      await q(
        'instalments approved outside an approved batch',
        `SELECT count(*)::int AS n FROM instalment i LEFT JOIN payment_batch b ON b.id = i.batch_id
          WHERE i.status = 'approved' AND b.status IS DISTINCT FROM 'approved'`,
      );
    } finally {
      await c.end();
    }
    const fiveXx = shots.filter((x) => x.status >= 500 && x.status !== 503).length;
    const noAnswer = shots.filter((x) => x.status === 0).length;
    const paused = shots.filter((x) => x.phase === 'redis-paused' || x.phase === 'redis-back');
    const hung = paused.filter((x) => x.ms >= HANG_MS).length;
    const maxPaused = Math.max(0, ...paused.map((x) => x.ms));
    const unavailable = shots.filter((x) => x.status === 503).length;
    console.log(
      `while PostgreSQL was down: ${down.length} submits/approvals, ${down.filter((x) => x.status === 503).length} answered 503, ` +
        `${downSlow} took 2 s or more; 503s in all: ${unavailable}; no answer at all: ${noAnswer}; the API process ${apiAlive ? 'never restarted' : 'is GONE'}`,
    );
    console.log(`submitted ${submitted.size}/${DRAFTS}, approved ${approved.size}/${BATCHES} batches`);
    console.log(`R5 redis-paused requests=${paused.length} hung=${hung} max=${fmt(maxPaused)}`);
    const ok =
      fiveXx === 0 &&
      lost === 0 &&
      noAnswer === 0 &&
      downSlow === 0 &&
      hung === 0 &&
      recovered >= 0 &&
      apiAlive &&
      down.length > 0 &&
      down.every((x) => x.status === 503 || x.status === 200);
    console.log(`R5 5xx=${fiveXx} lost=${lost} ${ok ? 'ok' : 'short'}`);
  } finally {
    await api?.stop().catch(() => undefined);
    await redis?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * P1 — deadline rush: 1,000 applicants each submit a prepared, complete draft (rending / enterprise, every
 * required attachment present) against the portal API running as its own process on the embedded or configured
 * services, through 50 keep-alive connections. Checks: every submit answered 200 (0 lost, 0 5xx), every
 * application submitted in Postgres with distinct gapless numbers, all within 10 s; p50/p99 latency.
 * ratio = submits per second / requests per second of a bare NestJS endpoint doing one Postgres insert, measured in
 * the same run with the same client and concurrency. Goal ≥ 0.35.
 */
import { seedRendingDrafts } from './seed-drafts';
import { spawn } from 'child_process';
import http from 'http';
import { cpus } from 'os';
import { JwtService } from '@nestjs/jwt';
import { performance } from 'perf_hooks';
import { Client } from 'pg';
import { join } from 'path';
import { fmt, verdict } from './bench-util';
import {
  BENCH_SECRET,
  machineBusyMs,
  processCpuMs,
  quantile,
  ROOT,
  startApi,
  startBenchServices,
  startChild,
} from './apps-bench-env';

const APPLICANTS = 1000;
/** Both servers get the same warm-up before their measured 1,000, like servers that have been up for a while: with 1,000 perf still
 * showed 13-16% of the API's CPU in the JIT compiler during the rush (and the bare server 40% slower than when warm). */
const WARMUP = Number(process.env.P1_WARMUP ?? 3000);
const CONCURRENCY = Number(process.env.P1_CONCURRENCY ?? 50);
const GOAL = 0.35;

interface Shot {
  status: number;
  ms: number;
  body: string;
}

function post(
  agent: http.Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<Shot> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: text }));
      },
    );
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - t0, body: String(err) }));
    req.end(body);
  });
}

/** `jobs` requests through `concurrency` connections, each connection sending one request after another. */
async function drive(
  port: number,
  jobs: { path: string; headers: Record<string, string>; body: string }[],
  concurrency: number,
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const shots: Shot[] = new Array(jobs.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const i = next++;
        shots[i] = await post(agent, port, jobs[i].path, jobs[i].headers, jobs[i].body);
      }
    }),
  );
  const ms = performance.now() - t0;
  agent.destroy();
  return { shots, ms, rps: (jobs.length * 1000) / ms };
}

/** Submits and submit statements since the API started, from its Prometheus histogram (see SubmitWriter). */
async function statementSizes(port: number): Promise<{ submits: number; statements: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    submits: value('portal_submit_statement_submits_sum'),
    statements: value('portal_submit_statement_submits_count'),
  };
}

async function prepare(databaseUrl: string, count: number) {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const [officer] = (
      await c.query(
        `INSERT INTO app_user (email, name, password_hash, roles) VALUES ('officer@bench', '周明', 'x', '{officer}') RETURNING id`,
      )
    ).rows;
    const { drafts: apps } = await seedRendingDrafts(c, {
      officerId: officer.id,
      title: 'P1 截止前冲刺',
      count,
      codeBase: 200_000,
      tag: 'rush',
      companyName: '冲刺动画公司',
    });
    await c.query(
      `CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
    );
    const jwt = new JwtService({});
    return apps.map((a) => ({
      id: a.id,
      token: jwt.sign(
        { sub: a.created_by, roles: ['applicant'], org: a.organization_id },
        { secret: BENCH_SECRET, expiresIn: 3600 },
      ),
    }));
  } finally {
    await c.end();
  }
}

const perReq = (ms: number) => `${(ms / APPLICANTS).toFixed(2)} ms`;
const busy = (cpuMs: number, wallMs: number) => (cpuMs / wallMs).toFixed(2);

export async function run(): Promise<void> {
  console.log(
    `P1: ${APPLICANTS} applicants submit a prepared draft through ${CONCURRENCY} connections (each server warmed up with ${WARMUP} requests first)`,
  );
  const services = await startBenchServices('P1');
  try {
    const apps = await prepare(services.databaseUrl, APPLICANTS + WARMUP);
    const bare = await startChild(
      join(ROOT, 'test', 'load', 'bare-insert-server.ts'),
      { DATABASE_URL: services.databaseUrl },
      async (port) => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
    );
    const insertJobs = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        path: '/insert',
        headers: {},
        body: JSON.stringify({ applicant: i, at: Date.now() }),
      }));
    await drive(bare.port, insertJobs(WARMUP), CONCURRENCY);
    const baseCpu0 = { pg: processCpuMs('postgres'), machine: machineBusyMs(), api: bare.cpuMs() };
    const base = await drive(bare.port, insertJobs(APPLICANTS), CONCURRENCY);
    const baseCpu = {
      pg: processCpuMs('postgres') - baseCpu0.pg,
      machine: machineBusyMs() - baseCpu0.machine,
      api: bare.cpuMs() - baseCpu0.api,
    };
    await bare.stop();
    const baseFailed = base.shots.filter((s) => s.status !== 200).length;
    const baseSorted = base.shots.map((s) => s.ms).sort((x, y) => x - y);
    console.log(
      `bare NestJS + one INSERT: ${base.rps.toFixed(0)} req/s, ` +
        `p50 ${fmt(quantile(baseSorted, 0.5))}, p99 ${fmt(quantile(baseSorted, 0.99))}, failed ${baseFailed}`,
    );
    console.log(
      `  CPU per request: server ${perReq(baseCpu.api)}, Postgres ${perReq(baseCpu.pg)}, ` +
        `whole machine ${perReq(baseCpu.machine)} (${busy(baseCpu.machine, base.ms)} of ${cpus().length} cores busy)`,
    );

    const api = await startApi(services);
    const submitJob = (a: { id: string; token: string }) => ({
      path: `/api/applications/${a.id}/submit`,
      headers: { Authorization: `Bearer ${a.token}` },
      body: '',
    });
    const warm = await drive(api.port, apps.slice(0, WARMUP).map(submitJob), CONCURRENCY);
    if (warm.shots.some((s) => s.status !== 200))
      throw new Error(`warm-up submit failed: ${warm.shots.find((s) => s.status !== 200)!.body}`);
    const rush = apps.slice(WARMUP);
    const cpu0 = { api: api.cpuMs(), pg: processCpuMs('postgres'), machine: machineBusyMs() };
    // BENCH_PERF=<file>: `perf record` of the API during the rush (its JIT symbols come from --perf-basic-prof); with
    // BENCH_PERF_ALL=1 of the whole machine (Postgres, Redis and the client too)
    const perf = process.env.BENCH_PERF
      ? spawn(
          'perf',
          [
            'record',
            '-F',
            '1999',
            '-g',
            ...(process.env.BENCH_PERF_ALL ? ['-a'] : ['-p', api.pids().join(',')]),
            '-o',
            process.env.BENCH_PERF,
          ],
          { stdio: 'ignore' },
        )
      : null;
    const res = await drive(api.port, rush.map(submitJob), CONCURRENCY);
    if (perf) {
      perf.kill('SIGINT');
      await new Promise((r) => perf.once('exit', r));
    }
    const apiCpu = api.cpuMs() - cpu0.api;
    const pgCpu = processCpuMs('postgres') - cpu0.pg;
    const machineCpu = machineBusyMs() - cpu0.machine;
    const grouped = await statementSizes(api.port);
    await api.stop();

    const byStatus = new Map<number, number>();
    for (const s of res.shots) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    const fiveXX = res.shots.filter((s) => s.status >= 500 || s.status === 0).length;
    const sorted = res.shots.map((s) => s.ms).sort((x, y) => x - y);
    const c = new Client({ connectionString: services.databaseUrl });
    await c.connect();
    const rows = (
      await c.query(
        `SELECT number FROM application WHERE id = ANY($1::uuid[]) AND status = 'submitted' AND number IS NOT NULL`,
        [rush.map((a) => a.id)],
      )
    ).rows;
    const all = (await c.query(`SELECT number FROM application WHERE number IS NOT NULL ORDER BY number`)).rows.map(
      (r) => r.number as string,
    );
    const history = (await c.query(`SELECT count(*)::int AS n FROM application_history WHERE to_status = 'submitted'`))
      .rows[0].n;
    const mails = (await c.query(`SELECT count(*)::int AS n FROM mail_message WHERE template = 'applications.receipt'`))
      .rows[0].n;
    await c.end();
    const expected = Array.from({ length: APPLICANTS + WARMUP }, (_, i) => `RD-2026-${String(i + 1).padStart(6, '0')}`);
    const gapless = all.length === expected.length && all.every((n, i) => n === expected[i]);
    const lost = APPLICANTS - rows.length;
    const within = res.ms <= 10_000;

    console.log(
      `portal submit: ${res.rps.toFixed(0)} submits/s, ${APPLICANTS} in ${fmt(res.ms)} (${within ? 'within' : 'NOT within'} 10 s)`,
    );
    console.log(
      `API process CPU: ${(apiCpu / APPLICANTS).toFixed(2)} ms per submit (${((100 * apiCpu) / res.ms).toFixed(0)}% of one core during the rush)`,
    );
    console.log(
      `  CPU per submit: API ${perReq(apiCpu)}, Postgres ${perReq(pgCpu)}, ` +
        `whole machine ${perReq(machineCpu)} (${busy(machineCpu, res.ms)} of ${cpus().length} cores busy)`,
    );
    console.log(
      `group commit: ${grouped.submits} submits (warm-up and rush) written by ${grouped.statements} ` +
        `statements, ${(grouped.submits / grouped.statements).toFixed(1)} per statement`,
    );
    console.log(
      `latency p50 ${fmt(quantile(sorted, 0.5))}, p99 ${fmt(quantile(sorted, 0.99))}, max ${fmt(sorted[sorted.length - 1])}`,
    );
    console.log(
      `answers: ${[...byStatus].map(([k, v]) => `${k}×${v}`).join(', ')}; 5xx/errors ${fiveXX}; lost ${lost}`,
    );
    console.log(
      `database: ${rows.length} submitted with numbers, ` +
        `numbers gapless 1…${APPLICANTS + WARMUP}: ${gapless}; history rows ${history}; receipt mails queued ${mails}`,
    );
    const ok = lost === 0 && fiveXX === 0 && gapless && within && byStatus.get(200) === APPLICANTS;
    const ratio = ok ? res.rps / base.rps : 0;
    console.log(
      `throughput ratio ${(res.rps / base.rps).toFixed(3)} (portal ${res.rps.toFixed(0)} / ` +
        `bare ${base.rps.toFixed(0)} req/s)${ok ? '' : ' — a correctness check failed: ratio forced to 0'}`,
    );
    verdict('P1', ratio, GOAL);
  } finally {
    await services.stop();
  }
}

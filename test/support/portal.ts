/*
 * A whole portal for one test file: a fresh database cloned from the migrated template, a private Redis key prefix
 * (or, without Redis, BullMQ on its PostgreSQL backend in that database), the API (in-process, via supertest) and the
 * worker's processors, and an SMTP sink that receives the mail.
 */
import { testCreditCode } from './credit-codes';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import IORedis from 'ioredis';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/setup';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { MailSink } from './mail-sink';
import { testEnvFile } from './paths';

export const ADMIN = { email: 'admin@test.portal', password: 'Admin#Pass2026' };

export interface TestPortal {
  app: INestApplication;
  worker: INestApplicationContext | null;
  http: () => ReturnType<typeof request>;
  ds: DataSource;
  mail: MailSink;
  databaseUrl: string;
  storageDir: string;
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export interface PortalOptions {
  worker?: boolean;
  env?: Record<string, string>;
  /**
   * Runs on the fresh database with the portal's environment set, before the API and worker are made: for a seed that
   * boots an API of its own in this process (passport's strategies are process-wide, so the last app made owns them).
   */
  beforeStart?: (databaseUrl: string) => Promise<void>;
}

/** What the global setup started for this jest run (see global-setup.ts). */
export interface SharedTestEnv {
  adminUrl: string;
  /** null: no Redis on this machine — BullMQ, counters and locks on PostgreSQL (see global-setup.ts) */
  redisUrl: string | null;
  template: string;
}

export function sharedTestEnv(): SharedTestEnv {
  return JSON.parse(process.env.PORTAL_TEST_ENV ?? readFileSync(testEnvFile(), 'utf8')) as SharedTestEnv;
}

/** A fresh database cloned from the migrated template; `drop` removes it. */
export async function createTestDatabase(
  suffix = randomBytes(4).toString('hex'),
): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = sharedTestEnv();
  const pid = shared.template.replace('portal_tpl_', '');
  const dbName = `portal_t_${pid}_${suffix}`;
  const admin = new Client({ connectionString: shared.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${shared.template}`);
  await admin.end();
  const u = new URL(shared.adminUrl);
  u.pathname = `/${dbName}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new Client({ connectionString: shared.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

export async function startPortal(opts: PortalOptions = {}): Promise<TestPortal> {
  const shared = sharedTestEnv();
  const suffix = randomBytes(4).toString('hex');
  const db = await createTestDatabase(suffix);
  const databaseUrl = db.url;
  const mail = await new MailSink().start();
  const storageDir = mkdtempSync(join(tmpdir(), 'portal-storage-'));
  const prefix = `t${suffix}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: shared.redisUrl ?? 'redis://unused',
    QUEUE_ON_POSTGRES: shared.redisUrl ? '0' : '1',
    REDIS_PREFIX: prefix,
    SMTP_URL: mail.url,
    STORAGE_DIR: storageDir,
    JWT_SECRET: randomBytes(24).toString('hex'),
    PORTAL_TEST_CLOCK: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORTAL_ADMIN_EMAIL: ADMIN.email,
    PORTAL_ADMIN_PASSWORD: ADMIN.password,
    PUBLIC_URL: 'http://portal.test',
    // every test company registers from this one address: the production default (20 an hour) would stop a test file
    REGISTER_PER_ADDRESS_PER_HOUR: '1000',
    ...(opts.env ?? {}),
  });

  if (opts.beforeStart)
    await opts.beforeStart(databaseUrl).catch(async (err) => {
      await mail.stop(); // nothing may keep the test process alive after a failed seed
      await db.drop();
      rmSync(storageDir, { recursive: true, force: true });
      throw err;
    });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  const worker =
    opts.worker === false
      ? null
      : await NestFactory.createApplicationContext(WorkerModule.register(), { logger: false });
  const ds = app.get(DataSource);
  const server = app.getHttpServer();

  return {
    app,
    worker,
    http: () => request(server),
    ds,
    mail,
    databaseUrl,
    storageDir,
    async login(email: string, password: string) {
      const res = await request(server).post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      // each step timed: a close that hangs names the step in the test log
      const step = async (what: string, run: () => Promise<unknown>) => {
        const t0 = Date.now();
        const slow = setTimeout(() => console.warn(`[test portal] closing: ${what} still running after 15 s`), 15_000);
        try {
          await run();
        } finally {
          clearTimeout(slow);
          if (Date.now() - t0 > 5_000) console.warn(`[test portal] closing: ${what} took ${Date.now() - t0} ms`);
        }
      };
      // bounded: a worker whose close hangs is reported and left to the database drop (WITH FORCE) below
      await step('worker', async () => {
        let bound: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<void>((r) => {
          bound = setTimeout(() => {
            console.warn('[test portal] closing: the worker did not close within 30 s; going on');
            r();
          }, 30_000);
        });
        await Promise.race([worker?.close(), gaveUp]).finally(() => clearTimeout(bound));
      });
      await step('api', () => app.close());
      await step('mail sink', () => mail.stop());
      if (shared.redisUrl) {
        const redis = new IORedis(shared.redisUrl);
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
        await redis.quit();
      } // on PostgreSQL, queues, counters and locks live in this portal's database, dropped below
      await db.drop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export { testCreditCode };

export async function registerCompany(
  p: TestPortal,
  n: number,
  overrides: { region?: string; businessTypes?: string[]; name?: string } = {},
) {
  const creditCode = testCreditCode(n, overrides.region);
  const email = `company${n}@test.portal`;
  const password = 'Company#Pass2026';
  const res = await p
    .http()
    .post('/api/auth/register')
    .send({
      organization: {
        name: overrides.name ?? `测试动画公司${n}号`,
        creditCode,
        address: '北京市朝阳区测试路 1 号',
        legalRepresentative: `法人${n}`,
        businessTypes: overrides.businessTypes ?? ['animation', 'comic'],
      },
      user: { name: `联系人${n}`, email, phone: '13800138000', password },
    });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = await p.login(email, password);
  return {
    token,
    email,
    password,
    creditCode,
    organizationId: res.body.organization.id as string,
    userId: res.body.user.id as string,
    name: res.body.organization.name as string,
  };
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

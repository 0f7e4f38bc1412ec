/*
 * Replicas (issue 11, point 20): two API and two worker processes — real node processes, started as production
 * starts them — on one Postgres database and one Redis prefix, the APIs behind a small round-robin HTTP proxy. One
 * call goes the whole way through the proxy: registration, applications with attachments, submit, screening, the
 * draw, reviews, decisions, the notice, finalize, a payment batch on the HTTP rail (the fake bank, slow, so that
 * payments are in flight) — and one worker is killed with SIGKILL while the batch is being paid. Afterwards:
 *   nothing lost      every instalment paid, every mail row sent, every application awarded;
 *   nothing twice     one ledger line per instalment, the bank paid each key once and was never asked to pay a paid
 *                     key again, every mail reached the SMTP sink once (by its Message-ID), numbers gapless;
 *   one owner         each periodic job (mail-relay, payments-relay, review-reminder-sweep) is one BullMQ job
 *                     scheduler with at most one pending run, though two workers upserted it at boot.
 */
import { createFlowStaff, flowCallBody } from '../support/staff';
import { createServer, request as httpRequest, Server } from 'http';
import { AddressInfo } from 'net';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomBytes } from 'crypto';
import { createPostgresBackend, Queue, setDefaultBackendFactory } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { QUEUES } from '../../libs/platform/src/queue/queues';
import { redisOptions } from '../../libs/platform/src/queue/redis-connection';
import { FakeBank } from '../fake-bank/fake-bank';
import { MailSink } from '../support/mail-sink';
import { ADMIN, createTestDatabase, sharedTestEnv, testCreditCode } from '../support/portal';
import { freePort } from '../../libs/platform/src/embedded/embedded-services';
import { ServerProcess, startServerProcess, transpileServer, waitReady } from '../support/server-processes';

const COMPANIES = 6;
const PASSWORD = 'Staff#Pass2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const SCHEDULERS: Record<string, string | string[]> = {
  [QUEUES.mail]: 'mail-relay',
  [QUEUES.payments]: 'payments-relay',
  [QUEUES.reviews]: 'review-reminder-sweep',
  [QUEUES.uploads]: 'upload-sweep',
  // issue 13: the annual review's lapse; reminders, overdue holds and warnings of reports
  [QUEUES.followup]: ['annual-review-lapse', 'report-sweep'],
  // issue 14: the public statistics' summary
  [QUEUES.statistics]: 'stats-refresh',
  // issue 15: recurring calls
  [QUEUES.calls]: 'call-series',
};

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('replicas: two APIs and two workers behind a round-robin proxy, one worker killed midway', () => {
  const shared = sharedTestEnv();
  let db: { url: string; drop(): Promise<void> };
  let pg: Client;
  let mail: MailSink;
  let bank: FakeBank;
  let build: { dir: string; remove(): void };
  let storageDir: string;
  let proxy: Server;
  let base = '';
  const served = [0, 0];
  const apis: ServerProcess[] = [];
  /** every process started, ready or not, for afterAll to stop whatever happened */
  const spawned: ServerProcess[] = [];
  const workers: ServerProcess[] = [];
  const queues: Queue[] = [];
  const prefix = `rep${randomBytes(3).toString('hex')}`;

  async function call(method: string, path: string, token: string | null, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  async function ok(method: string, path: string, token: string | null, body?: unknown, expected = [200, 201, 204]) {
    const res = await call(method, path, token, body);
    if (!expected.includes(res.status))
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    return res.body;
  }
  const login = async (email: string, password: string) =>
    (await ok('POST', '/api/auth/login', null, { email, password })).accessToken as string;
  async function setClock(admin: string, iso: string) {
    await ok('PUT', '/api/admin/clock', admin, { now: iso });
    await new Promise((r) => setTimeout(r, 600)); // every process re-reads the staging clock twice a second
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    mail = await new MailSink().start();
    bank = await new FakeBank({ mode: 'slow', slowMs: 700 }).start();
    storageDir = mkdtempSync(join(tmpdir(), 'portal-replicas-'));
    build = await transpileServer();
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: db.url,
      REDIS_URL: shared.redisUrl ?? 'redis://unused',
      QUEUE_ON_POSTGRES: shared.redisUrl ? '0' : '1',
      REDIS_PREFIX: prefix,
      SMTP_URL: mail.url,
      STORAGE_DIR: storageDir, // one storage for both APIs, as a shared volume or S3 would be
      JWT_SECRET: randomBytes(24).toString('hex'),
      PORTAL_TEST_CLOCK: '1',
      LOG_LEVEL: 'warn',
      PORTAL_ADMIN_EMAIL: ADMIN.email,
      PORTAL_ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_URL: 'http://portal.test',
      PAYMENT_RAIL: 'http',
      PAYMENT_RAIL_URL: bank.url,
      PAYMENT_RAIL_TIMEOUT_MS: '5000',
      PAYMENT_RELAY_INTERVAL_MS: '1000',
      PAYMENT_STUCK_SECONDS: '3',
      PAYMENT_CONCURRENCY: '1', // few payments in flight per worker: the kill finds some on their way
    };
    // all four start together: the APIs' boot (seeding, the first admin) and the workers' scheduler upserts race
    const ports = [await freePort(), await freePort()];
    const starting = [
      ...ports.map((port, i) => startServerProcess(build.dir, 'api', `api${i + 1}`, { ...env, PORT: String(port) })),
      ...[1, 2].map((i) => startServerProcess(build.dir, 'worker', `worker${i}`, env)),
    ];
    spawned.push(...starting.map((s) => s.proc));
    const health = (port: number) => async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;
    for (const q of Object.values(QUEUES)) queues.push(openQueue(q));
    const payments = queues.find((q) => q.name === QUEUES.payments)!;
    const ready = await Promise.all([
      waitReady(starting[0], health(ports[0])),
      waitReady(starting[1], health(ports[1])),
      // a worker is up once BullMQ lists it on the payments queue
      waitReady(starting[2], async () => (await payments.getWorkersCount()) >= 1),
      waitReady(starting[3], async () => (await payments.getWorkersCount()) >= 2),
    ]);
    apis.push(ready[0], ready[1]);
    workers.push(ready[2], ready[3]);

    let next = 0;
    proxy = createServer((req, res) => {
      const i = next++ % ports.length;
      served[i]++;
      const up = httpRequest(
        { host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 120_000);

  function openQueue(name: string): Queue {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ioredis options, as BullMQ takes them (see payments-bench-kit)
    if (shared.redisUrl) return new Queue(name, { connection: redisOptions(shared.redisUrl) as any, prefix });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Postgres backend's factory type is bullmq-postgres's
    setDefaultBackendFactory(createPostgresBackend as any);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- BullMQ types `connection` as Redis options
    return new Queue(name, { connection: { connectionString: db.url } as any, prefix });
  }

  afterAll(async () => {
    await Promise.all(spawned.map((p) => p.stop().catch(() => undefined)));
    await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
    for (const q of queues) await q.close().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await mail?.stop();
    await bank?.stop();
    if (shared.redisUrl) {
      const redis = new IORedis(shared.redisUrl);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    }
    await db?.drop();
    build?.remove();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  }, 60_000);

  it('submit, draw, decision and payment through the proxy; a worker killed while paying; nothing lost or done twice', async () => {
    const admin = await login(ADMIN.email, ADMIN.password);
    const user = (body: Record<string, unknown>) => ok('POST', '/api/users', admin, { password: PASSWORD, ...body });
    await createFlowStaff(user, 'rep');
    const officer = await login('officer@rep.test', PASSWORD);
    const financeA = await login('finance-a@rep.test', PASSWORD);
    const financeB = await login('finance-b@rep.test', PASSWORD);
    const experts = [await login('expert1@rep.test', PASSWORD), await login('expert2@rep.test', PASSWORD)];

    await setClock(admin, '2026-03-02T10:00:00+08:00');
    const callId = (await ok('POST', '/api/calls', officer, flowCallBody('2026 年度精品工程（多副本）'))).id as string;

    // the companies in parallel: their requests spread over both APIs
    const apps = await Promise.all(
      Array.from({ length: COMPANIES }, async (_, k) => {
        const n = 700 + k;
        const email = `company${n}@rep.test`;
        await ok('POST', '/api/auth/register', null, {
          organization: {
            name: `副本动画公司${n}号`,
            creditCode: testCreditCode(n),
            address: '北京市朝阳区测试路 1 号',
            legalRepresentative: `法人${n}`,
            businessTypes: ['animation'],
          },
          user: { name: `联系人${n}`, email, phone: '13800138000', password: PASSWORD },
        });
        const token = await login(email, PASSWORD);
        const app = await ok('POST', `/api/calls/${callId}/applications`, token, {
          title: `精品项目${n}`,
          track: 'product',
          payload: {
            mediaType: 'tv',
            workTitle: `精品作品${n}`,
            synopsis: '一部原创动画。',
            creators: [{ name: `主创${n}`, role: '导演' }],
            developmentPlan: '分三期制作。',
            marketExpectation: '授权收入可观。',
            licensing: '自有版权。',
            promotionPlan: '电视与网络同步播出。',
            declaration: true,
          },
        });
        for (const kind of ['declaration', 'business-licence', 'work-sample']) {
          const form = new FormData();
          form.append('kind', kind);
          form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${kind}.pdf`);
          const up = await fetch(`${base}/api/applications/${app.id}/attachments`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: form,
          });
          if (up.status !== 201) throw new Error(`upload ${kind}: ${up.status} ${await up.text()}`);
        }
        const sub = await ok('POST', `/api/applications/${app.id}/submit`, token, {});
        return { id: app.id as string, number: sub.number as string, token };
      }),
    );
    // numbers handed out by two APIs: gapless and unique
    expect(apps.map((a) => a.number).sort()).toEqual(
      Array.from({ length: COMPANIES }, (_, i) => `JP-2026-${String(i + 1).padStart(6, '0')}`),
    );
    for (const a of apps)
      await ok('POST', `/api/applications/${a.id}/screening`, officer, { decision: 'accept', comment: '材料齐全' });

    const draw = await ok('POST', `/api/calls/${callId}/review-draw`, officer, { seed: 7 });
    expect(draw.assigned).toBe(COMPANIES);
    const rubric: { key: string; max: number }[] = (await ok('GET', '/api/programs', null)).find(
      (x: { code: string }) => x.code === 'jingpin',
    ).rubric;
    for (const expert of experts) {
      const list = await ok('GET', '/api/reviews?pageSize=100&status=pending', expert);
      for (const r of list.items)
        await ok('POST', `/api/reviews/${r.id}/submit`, expert, {
          scores: Object.fromEntries(rubric.map((c) => [c.key, Math.min(c.max, 8)])),
          comment: '评审意见：内容扎实。',
        });
    }
    await ok('POST', `/api/calls/${callId}/review-close`, officer, {});

    await setClock(admin, '2026-04-01T10:00:00+08:00'); // a Wednesday
    for (const a of apps)
      await ok('PUT', `/api/calls/${callId}/decisions/${a.id}`, officer, {
        outcome: 'award',
        tier: '一等',
        amountFen: 1_000_001,
        note: '同意资助',
      });
    await ok('POST', `/api/calls/${callId}/notices`, officer, {});
    await setClock(admin, '2026-04-10T10:00:00+08:00'); // the notice ended at 24:00 on the 9th
    await ok('POST', `/api/calls/${callId}/finalize`, officer, {});

    const batch = await ok('POST', '/api/payment-batches', financeA, { callId, instalmentNo: 1 });
    expect(batch.count).toBe(COMPANIES);
    await ok('POST', `/api/payment-batches/${batch.id}/approve`, financeB, {});

    const counts = async () =>
      Object.fromEntries(
        (
          await pg.query(`SELECT status, count(*)::int AS n FROM instalment WHERE batch_id = $1 GROUP BY status`, [
            batch.id,
          ])
        ).rows.map((r) => [r.status, r.n]),
      ) as Record<string, number>;
    // midway: some paid, and both workers (concurrency 1 each) holding a claimed payment the slow bank has not
    // answered yet, so the killed one leaves an instalment in `sending`. Not while a mail is queued: SMTP has no
    // idempotency key, so a kill between the SMTP server's answer and the row's update would send that mail again
    // (with the same Message-ID, which a receiver can drop) — a window of a millisecond or two, kept out of this test.
    const atKill = await until(
      'payments on their way',
      async () => {
        const c = await counts();
        if (!((c.paid ?? 0) >= 1 && (c.sending ?? 0) === 2)) return null;
        const queued = (await pg.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'queued'`)).rows[0]
          .n;
        return queued === 0 ? c : null;
      },
      30_000,
    );
    await workers[0].kill9();
    expect(atKill.paid).toBeLessThan(COMPANIES);

    // nothing lost: the surviving worker (its relay and reconciler) finishes the batch, and every mail goes out
    await until('every instalment paid', async () => (await counts()).paid === COMPANIES, 60_000).catch(async (err) => {
      const rows = (
        await pg.query(`SELECT id, status, failure, updated_at FROM instalment WHERE batch_id = $1`, [batch.id])
      ).rows;
      const outbox = (await pg.query(`SELECT * FROM payment_outbox`).catch(() => ({ rows: [] }))).rows;
      console.log(JSON.stringify({ atKill, rows, outbox, bank: [...bank.payments.values()] }, null, 1));
      console.log(workers[1].errors.slice(-40).join('\n'));
      throw err;
    });
    await until(
      'every mail sent',
      async () =>
        (await pg.query(`SELECT count(*)::int AS n FROM mail_message WHERE status <> 'sent'`)).rows[0].n === 0,
      60_000,
    );
    const statuses = (
      await pg.query(`SELECT status, count(*)::int AS n FROM application WHERE call_id = $1 GROUP BY status`, [callId])
    ).rows;
    expect(statuses).toEqual([{ status: 'awarded', n: COMPANIES }]);

    // nothing twice: the ledger
    const instalments = (await pg.query(`SELECT id, amount_fen FROM instalment WHERE batch_id = $1`, [batch.id])).rows;
    const ledger = (
      await pg.query(
        `SELECT l.instalment_id, l.kind, l.from_status, l.to_status, l.amount_fen FROM payment_ledger l
          JOIN instalment i ON i.id = l.instalment_id WHERE i.batch_id = $1`,
        [batch.id],
      )
    ).rows;
    const lineKeys = ledger.map((l) => `${l.instalment_id} ${l.kind} ${l.from_status} ${l.to_status}`);
    expect(new Set(lineKeys).size).toBe(lineKeys.length);
    const paidLines = ledger.filter((l) => l.kind === 'paid');
    expect(paidLines.map((l) => l.instalment_id).sort()).toEqual(instalments.map((i) => i.id).sort());
    expect(paidLines.reduce((s, l) => s + Number(l.amount_fen), 0)).toBe(Number(batch.totalFen));
    // … and the bank: each key paid once, never asked to pay a key it had paid
    for (const i of instalments) {
      const paid = bank.payments.get(i.id);
      expect({ id: i.id, paidCount: paid?.paidCount, repeats: paid?.repeats }).toEqual({
        id: i.id,
        paidCount: 1,
        repeats: 0,
      });
    }

    // the instalment the killed worker held was asked about at the bank before anything was sent again
    expect(instalments.filter((i) => (bank.payments.get(i.id)?.gets ?? 0) > 0).length).toBeGreaterThanOrEqual(1);

    // every mail row reached the SMTP sink exactly once (its Message-ID is the row id)
    const rows = (await pg.query(`SELECT id FROM mail_message`)).rows.map((r) => r.id as string);
    const sunk = mail.messages.map((m) => /^message-id:\s*<([^@>]+)@/im.exec(m.raw)?.[1] ?? '?');
    expect(sunk.sort()).toEqual(rows.sort());
    expect(rows.length).toBeGreaterThanOrEqual(COMPANIES * 2); // at least the receipts and the outcome mails

    // one owner per periodic job: one scheduler each, at most one pending run, though both workers upserted them
    for (const q of queues) {
      const schedulers = await q.getJobSchedulers(0, -1);
      const expected = ([] as string[]).concat(SCHEDULERS[q.name]).sort();
      expect({ queue: q.name, ids: schedulers.map((s) => s.key).sort() }).toEqual({ queue: q.name, ids: expected });
      const jobs = await q.getJobs(['delayed', 'wait', 'prioritized', 'waiting-children']);
      for (const key of expected) {
        const pending = jobs.filter((j) => j?.repeatJobKey === key);
        expect({ queue: q.name, key, pending: pending.length <= 1 }).toEqual({ queue: q.name, key, pending: true });
      }
    }
    // and the traffic really went through both APIs
    expect(Math.min(...served)).toBeGreaterThan(20);
  }, 150_000);
});

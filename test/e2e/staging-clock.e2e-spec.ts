/*
 * The staging clock is coherent (issue 11, point 12) and every move of it is in the audit chain (point 17): once
 * PUT /api/admin/clock has answered, every process — the worker, another API replica — decides with the new time.
 * Nothing here waits for a re-read: each step runs the moment the previous one answered.
 */
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { verifyAuditChain } from '@portal/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/setup';
import { seedAwards, SeededAwards } from '../fake-bank/seed-awards';
import { auth, startPortal, TestPortal } from '../support/portal';
import { setupStaff, Staff } from './awards-fixtures';

jest.setTimeout(120_000);

const RUNS = 20;
const DAY = 86_400_000;
/** YYYY-MM-DD in Asia/Shanghai. */
const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

describe('staging clock: one time for every process', () => {
  let p: TestPortal;
  let staff: Staff;
  const http = () => p.http();

  beforeAll(async () => {
    p = await startPortal({ env: { PAYMENT_RELAY_INTERVAL_MS: '300' } });
    staff = await setupStaff(p, 'sc');
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  const put = async (iso: string) =>
    http().put('/api/admin/clock').set(auth(staff.admin)).send({ now: iso }).expect(200);

  async function settledStatus(instalmentId: string, timeoutMs = 20_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [i] = await p.ds.query(`SELECT status, failure FROM instalment WHERE id = $1`, [instalmentId]);
      if (['paid', 'failed', 'cancelled'].includes(i.status)) return i as { status: string; failure: string | null };
      if (Date.now() > until) throw new Error(`instalment still ${i.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it(`moves the clock, flags an organization from the new day and approves at once: never paid (${RUNS} runs)`, async () => {
    const base = Date.parse('2031-03-03T10:00:00+08:00');
    // one seeded award per run, due on the run's first day
    const sets: SeededAwards[] = [];
    for (let r = 0; r < RUNS; r++)
      sets.push(
        await seedAwards(p.ds, { count: 1, tag: `sc${r}`, amountFen: 100_000, dueOn: day(base + 2 * r * DAY) }),
      );
    const outcomes: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      const d0 = base + 2 * r * DAY;
      const s = sets[r];
      await put(new Date(d0).toISOString());
      const batch = await http()
        .post('/api/payment-batches')
        .set(auth(staff.financeA))
        .send({ callId: s.callId, instalmentNo: 1 })
        .expect(201);
      expect(batch.body.count).toBe(1);
      // the next morning: the organization is found dishonest from today, and the batch is approved at once
      await put(new Date(d0 + DAY).toISOString());
      await http()
        .post(`/api/organizations/${s.organizationIds[0]}/flags`)
        .set(auth(staff.officer))
        .send({ kind: 'dishonest', reason: '严重失信（测试）', from: day(d0 + DAY) })
        .expect(201);
      await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
      const i = await settledStatus(s.instalmentIds[0]);
      outcomes.push(`${i.status}:${i.failure ?? ''}`);
    }
    expect(outcomes).toEqual(Array(RUNS).fill('failed:excluded'));
    const [paid] = await p.ds.query(
      `SELECT count(*)::int AS n FROM payment_ledger WHERE kind = 'paid' AND instalment_id = ANY($1::uuid[])`,
      [sets.map((s) => s.instalmentIds[0])],
    );
    expect(paid.n).toBe(0);
  });

  it(`another API replica acts on the new time as soon as the PUT has answered (${RUNS} runs)`, async () => {
    // a second API process on the same database and queues (its own clock, as a replica behind a load balancer has)
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    const replica: INestApplication = moduleRef.createNestApplication({ logger: false });
    configureApp(replica);
    await replica.init();
    try {
      const base = Date.parse('2032-06-01T08:00:00+08:00');
      const seen: string[] = [];
      const want: string[] = [];
      for (let r = 0; r < RUNS; r++) {
        const at = new Date(base + r * 3_600_000).toISOString();
        await put(at);
        const res = await request(replica.getHttpServer()).get('/api/admin/clock').set(auth(staff.admin)).expect(200);
        seen.push(res.body.now);
        want.push(at);
      }
      expect(seen).toEqual(want);
    } finally {
      await replica.close();
    }
  });

  it('every move of the clock is an audit event in the chain, with the time before and after', async () => {
    const before = await http().get('/api/admin/clock').set(auth(staff.admin)).expect(200);
    const [{ seq }] = await p.ds.query(`SELECT coalesce(max(seq), 0) AS seq FROM audit_event`);
    await put('2033-01-01T00:00:00.000Z');
    await put('2033-01-02T00:00:00.000Z');
    await http().delete('/api/admin/clock').set(auth(staff.admin)).expect(204);
    const rows = await p.ds.query(
      `SELECT action, entity_type, entity_id, actor_id, data FROM audit_event
        WHERE seq > $1 AND action LIKE 'clock.%' ORDER BY seq`,
      [seq],
    );
    const [admin] = await p.ds.query(`SELECT id FROM app_user WHERE email = 'admin@test.portal'`);
    expect(rows).toEqual([
      {
        action: 'clock.set',
        entity_type: 'system_setting',
        entity_id: 'clock',
        actor_id: admin.id,
        data: { from: before.body.now, to: '2033-01-01T00:00:00.000Z' },
      },
      {
        action: 'clock.set',
        entity_type: 'system_setting',
        entity_id: 'clock',
        actor_id: admin.id,
        data: { from: '2033-01-01T00:00:00.000Z', to: '2033-01-02T00:00:00.000Z' },
      },
      {
        action: 'clock.reset',
        entity_type: 'system_setting',
        entity_id: 'clock',
        actor_id: admin.id,
        data: { from: '2033-01-02T00:00:00.000Z', to: null },
      },
    ]);
    expect(await verifyAuditChain(p.ds)).toMatchObject({ ok: true });
  });
});

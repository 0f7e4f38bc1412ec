import { ADMIN, auth, registerCompany, startPortal, TestPortal } from '../support/portal';

const DAY = 86_400_000;

export function callBody(programCode: string, now: number, over: Record<string, unknown> = {}) {
  return {
    programCode,
    year: 2026,
    title: `2026 年度 ${programCode} 申报`,
    opensAt: new Date(now - 7 * DAY).toISOString(),
    closesAt: new Date(now + 30 * DAY).toISOString(),
    budgetFen: 100_000_000,
    reviewersPerApplication: 3,
    blindReview: false,
    regionRecusal: true,
    noticeWorkingDays: 5,
    aggregation: 'mean',
    ...over,
  };
}

describe('calls (申报批次)', () => {
  let p: TestPortal;
  let officer: string;
  let applicant: string;
  const now = Date.now();

  beforeAll(async () => {
    p = await startPortal({ worker: false });
    const admin = await p.login(ADMIN.email, ADMIN.password);
    await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '周明', email: 'officer@calls.test', password: 'Staff#Pass2026', roles: ['officer'] })
      .expect(201);
    officer = await p.login('officer@calls.test', 'Staff#Pass2026');
    applicant = (await registerCompany(p, 11)).token;
  });
  afterAll(async () => {
    await p.close();
  });

  it('lets an officer open a call and shows it to the public with its rubric and status', async () => {
    const res = await p
      .http()
      .post('/api/calls')
      .set(auth(officer))
      .send(callBody('rending', now, { requestSharePercent: 40 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      programCode: 'rending',
      year: 2026,
      budgetFen: 100_000_000,
      status: 'open',
      version: 1,
      spreadThreshold: 20,
      requestSharePercent: 40,
    });
    const one = await p.http().get(`/api/calls/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.status).toBe('open');
    expect(one.body.rubric.map((c: any) => c.weight).reduce((a: number, b: number) => a + b, 0)).toBe(100);
    expect(one.body.rubric[0]).toEqual({
      key: expect.any(String),
      name: { zh: expect.any(String), en: expect.any(String) },
      weight: expect.any(Number),
      max: expect.any(Number),
    });
    expect((await p.http().get('/api/calls/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await p.http().get('/api/calls/not-a-uuid')).status).toBe(404);
  });

  it('refuses bad windows and numbers (400), unknown programs (422), non-officers (401/403)', async () => {
    const same = new Date(now).toISOString();
    const bad = await p
      .http()
      .post('/api/calls')
      .set(auth(officer))
      .send(callBody('rending', now, { opensAt: same, closesAt: same }));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('closesAt');
    for (const over of [
      { reviewersPerApplication: 0 },
      { noticeWorkingDays: 61 },
      { budgetFen: -1 },
      { requestSharePercent: 101 },
      { year: 1999 },
      { aggregation: 'median' },
      { opensAt: '2026-01-01T00:00:00' },
      { extra: 1 },
    ]) {
      const r = await p
        .http()
        .post('/api/calls')
        .set(auth(officer))
        .send(callBody('rending', now, over));
      expect([r.status, over]).toEqual([400, over]);
    }
    const unknown = await p.http().post('/api/calls').set(auth(officer)).send(callBody('nonesuch', now));
    expect(unknown.status).toBe(422);
    expect(unknown.body.details[0].path).toBe('programCode');
    expect((await p.http().post('/api/calls').send(callBody('rending', now))).status).toBe(401);
    expect((await p.http().post('/api/calls').set(auth(applicant)).send(callBody('rending', now))).status).toBe(403);
  });

  it('edits with optimistic locking (409 when stale) and keeps the window valid', async () => {
    const made = await p.http().post('/api/calls').set(auth(officer)).send(callBody('jingpin', now));
    const edited = await p
      .http()
      .patch(`/api/calls/${made.body.id}`)
      .set(auth(officer))
      .send({ version: 1, title: '精品工程 2026（修订）', budgetFen: 5 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: '精品工程 2026（修订）', budgetFen: 5, version: 2 });
    expect(
      (await p.http().patch(`/api/calls/${made.body.id}`).set(auth(officer)).send({ version: 1, title: 'x' })).status,
    ).toBe(409);
    const inverted = await p
      .http()
      .patch(`/api/calls/${made.body.id}`)
      .set(auth(officer))
      .send({ version: 2, closesAt: new Date(now - 30 * DAY).toISOString() });
    expect(inverted.status).toBe(400);
    expect(
      (
        await p
          .http()
          .patch(`/api/calls/${made.body.id}`)
          .set(auth(officer))
          .send({ version: 2, programCode: 'rending' })
      ).status,
    ).toBe(400);
    expect(
      (await p.http().patch(`/api/calls/${made.body.id}`).set(auth(applicant)).send({ version: 2, title: 'x' })).status,
    ).toBe(403);
  });

  it('lists calls paged, by status read from the clock, and by program', async () => {
    await p
      .http()
      .post('/api/calls')
      .set(auth(officer))
      .send(
        callBody('tuiguang', now, {
          opensAt: new Date(now + 10 * DAY).toISOString(),
          closesAt: new Date(now + 40 * DAY).toISOString(),
        }),
      );
    await p
      .http()
      .post('/api/calls')
      .set(auth(officer))
      .send(
        callBody('yuandongli', now, {
          opensAt: new Date(now - 40 * DAY).toISOString(),
          closesAt: new Date(now - 10 * DAY).toISOString(),
        }),
      );
    const all = await p.http().get('/api/calls?page=1&pageSize=2');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    const status = async (s: string) =>
      (await p.http().get(`/api/calls?status=${s}&pageSize=100`)).body.items.map((c: any) => c.programCode).sort();
    expect(await status('open')).toEqual(['jingpin', 'rending']);
    expect(await status('upcoming')).toEqual(['tuiguang']);
    expect(await status('closed')).toEqual(['yuandongli']);
    expect((await p.http().get('/api/calls?program=jingpin')).body.items.map((c: any) => c.programCode)).toEqual([
      'jingpin',
    ]);
    expect((await p.http().get('/api/calls?status=soon')).status).toBe(400);
    expect((await p.http().get('/api/calls?pageSize=101')).status).toBe(400);

    // the clock decides: once the upcoming call's window starts it is open
    const admin = await p.login(ADMIN.email, ADMIN.password);
    await p
      .http()
      .put('/api/admin/clock')
      .set(auth(admin))
      .send({ now: new Date(now + 11 * DAY).toISOString() })
      .expect(200);
    expect(await status('open')).toEqual(['jingpin', 'rending', 'tuiguang']);
    await p.http().delete('/api/admin/clock').set(auth(admin));
  });
});

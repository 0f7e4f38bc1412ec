/*
 * Issue 15, "recurring calls": a series of calls opened each quarter from a template (推优's quarterly
 * recommendations are the first user), through the HTTP API and the worker's job scheduler. The national office
 * creates a series; the call of a due period opens at once, the next ones when they fall due (leadDays before they
 * open); a period gets one call however many runs race; a stopped series opens nothing; provincial officers,
 * applicants and strangers are refused; the worker opens a due call by itself.
 */
import { ADMIN, auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { provincialOfficer, setClock } from './awards-fixtures';

jest.setTimeout(60_000);

const SETTINGS = {
  budgetFen: 0,
  reviewersPerApplication: 3,
  blindReview: true,
  regionRecusal: false,
  noticeWorkingDays: 5,
  aggregation: 'mean',
};

const QUARTERLY = {
  programCode: 'tuiguang',
  titleTemplate: '{year}年第{quarter}季度原创动漫推广推荐',
  recurrence: 'quarterly',
  firstYear: 2027,
  firstQuarter: 1,
  opensOffsetDays: 0,
  windowDays: 30,
  leadDays: 10,
  settings: SETTINGS,
};

describe('recurring calls (API)', () => {
  let p: TestPortal;
  let admin: string;
  let officer: string;
  let seriesId: string;
  const http = () => p.http();

  beforeAll(async () => {
    p = await startPortal();
    admin = await p.login(ADMIN.email, ADMIN.password);
    const made = await http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '周期批次官员', email: 'officer@series.test', password: 'Officer#Pass2026', roles: ['officer'] });
    expect(made.status).toBe(201);
    officer = await p.login('officer@series.test', 'Officer#Pass2026');
    await setClock(p, admin, '2027-01-10T10:00:00+08:00');
  });
  afterAll(async () => {
    await p?.close();
  });

  it('refuses bad templates and settings with the field named; unknown program 422', async () => {
    const noYear = await http()
      .post('/api/call-series')
      .set(auth(officer))
      .send({ ...QUARTERLY, titleTemplate: '季度推荐' });
    expect(noYear.status).toBe(400);
    expect(JSON.stringify(noYear.body)).toContain('titleTemplate');
    const badSetting = await http()
      .post('/api/call-series')
      .set(auth(officer))
      .send({ ...QUARTERLY, settings: { ...SETTINGS, reviewersPerApplication: 0 } });
    expect(badSetting.status).toBe(400);
    expect(JSON.stringify(badSetting.body)).toContain('reviewersPerApplication');
    const staged = await http()
      .post('/api/call-series')
      .set(auth(officer))
      .send({
        ...QUARTERLY,
        programCode: 'jingpin',
        settings: { ...SETTINGS, provincialStage: 'recommend', provincialQuota: 3 },
      });
    expect(staged.status).toBe(400);
    expect(staged.body.code).toBe('CALL_SERIES.INVALID');
    expect(staged.body.details[0].path).toBe('provincialDays');
    const unknown = await http()
      .post('/api/call-series')
      .set(auth(officer))
      .send({ ...QUARTERLY, programCode: 'no-such-program' });
    expect(unknown.status).toBe(422);
    expect((await p.ds.query(`SELECT count(*)::int AS n FROM call_series`))[0].n).toBe(0);
  });

  it('a new series opens the call of the period that is due now, with the template’s settings', async () => {
    const res = await http().post('/api/call-series').set(auth(officer)).send(QUARTERLY);
    expect(res.status).toBe(201);
    seriesId = res.body.id;
    expect(res.body.calls).toEqual([
      expect.objectContaining({
        period: '2027-Q1',
        title: '2027年第一季度原创动漫推广推荐',
        opensAt: '2027-01-01T01:00:00.000Z',
        closesAt: '2027-01-31T09:00:00.000Z',
      }),
    ]);
    expect(res.body.next).toMatchObject({ period: '2027-Q2', opensAt: '2027-04-01T01:00:00.000Z' });
    const call = await http().get(`/api/calls/${res.body.calls[0].id}`);
    expect(call.body).toMatchObject({
      programCode: 'tuiguang',
      year: 2027,
      status: 'open',
      seriesId,
      seriesPeriod: '2027-Q1',
      reviewersPerApplication: 3,
      blindReview: true,
      provincialStage: 'none',
    });
    const [audit] = await p.ds.query(`SELECT data FROM audit_event WHERE action = 'call.created' AND entity_id = $1`, [
      res.body.calls[0].id,
    ]);
    expect(audit.data).toMatchObject({ seriesId, seriesPeriod: '2027-Q1' });
  });

  it('the next quarter opens leadDays before its window (upcoming), once however often the run is asked', async () => {
    expect((await http().post('/api/call-series/open-due').set(auth(officer))).body.total).toBe(0);
    await setClock(p, admin, '2027-03-20T10:00:00+08:00'); // 12 days before 1 April: not yet
    expect((await http().post('/api/call-series/open-due').set(auth(officer))).body.total).toBe(0);
    await setClock(p, admin, '2027-03-23T10:00:00+08:00'); // 9 days before: due
    const runs = await Promise.all(
      Array.from({ length: 6 }, () => http().post('/api/call-series/open-due').set(auth(officer))),
    );
    expect(runs.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const opened = runs.flatMap((r) => r.body.items);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ seriesId, period: '2027-Q2' });
    const rows = await p.ds.query(`SELECT series_period FROM call WHERE series_id = $1 ORDER BY opens_at`, [seriesId]);
    expect(rows.map((r: { series_period: string }) => r.series_period)).toEqual(['2027-Q1', '2027-Q2']);
    expect((await http().get(`/api/calls/${opened[0].callId}`)).body.status).toBe('upcoming');
  });

  it('a stopped series opens nothing; resumed, it opens what is due at once', async () => {
    const stopped = await http().patch(`/api/call-series/${seriesId}`).set(auth(officer)).send({ active: false });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ active: false, next: null });
    await setClock(p, admin, '2027-06-25T10:00:00+08:00');
    expect((await http().post('/api/call-series/open-due').set(auth(officer))).body.total).toBe(0);
    const resumed = await http().patch(`/api/call-series/${seriesId}`).set(auth(officer)).send({ active: true });
    expect(resumed.body.calls.map((c: { period: string }) => c.period)).toEqual(['2027-Q1', '2027-Q2', '2027-Q3']);
    const list = await http().get('/api/call-series').set(auth(officer));
    expect(list.body).toMatchObject({ total: 1, items: [{ id: seriesId, active: true }] });
  });

  it('a due call that cannot be opened leaves the reason on the series; the next good run clears it', async () => {
    await p.ds.query(`UPDATE call_series SET program_code = 'no-longer-here' WHERE id = $1`, [seriesId]);
    await setClock(p, admin, '2027-09-25T10:00:00+08:00'); // Q4 is due
    expect((await http().post('/api/call-series/open-due').set(auth(officer))).body.total).toBe(0);
    const [row] = await p.ds.query(`SELECT last_error FROM call_series WHERE id = $1`, [seriesId]);
    expect(row.last_error.zh).toContain('未知的扶持项目');
    await p.ds.query(`UPDATE call_series SET program_code = 'tuiguang' WHERE id = $1`, [seriesId]);
    const shown = await http().get(`/api/call-series/${seriesId}`).set(auth(officer));
    expect(shown.body.lastError.message.en).toContain('unknown program');
    expect((await http().post('/api/call-series/open-due').set(auth(officer))).body.items).toEqual([
      expect.objectContaining({ period: '2027-Q4' }),
    ]);
    expect((await http().get(`/api/call-series/${seriesId}`).set(auth(officer))).body.lastError).toBeNull();
  });

  it('provincial officers cannot create or run national series; applicants and strangers are refused', async () => {
    const js = await provincialOfficer(p, admin, 'officer@js-series.test', '32');
    expect((await http().post('/api/call-series').set(auth(js)).send(QUARTERLY)).status).toBe(403);
    expect((await http().patch(`/api/call-series/${seriesId}`).set(auth(js)).send({ active: false })).status).toBe(403);
    // 江苏 runs a provincial program of its own (issue 15, 江苏's project bank): its "open due" opens its own series
    // only — none of the national ones; a province that runs no program is refused
    const jsOpen = await http().post('/api/call-series/open-due').set(auth(js));
    expect(jsOpen.status).toBe(200);
    expect(jsOpen.body.total).toBe(0);
    const gx = await provincialOfficer(p, admin, 'officer@gx-series.test', '45');
    expect((await http().post('/api/call-series/open-due').set(auth(gx))).status).toBe(403);
    const company = await registerCompany(p, 7301);
    expect((await http().get('/api/call-series').set(auth(company.token))).status).toBe(403);
    expect((await http().get('/api/call-series')).status).toBe(401);
    expect((await http().get('/api/call-series/00000000-0000-4000-8000-000000000000').set(auth(officer))).status).toBe(
      404,
    );
  });
});

describe('recurring calls (worker)', () => {
  let p: TestPortal;
  beforeAll(async () => {
    p = await startPortal({ worker: true, env: { CALL_SERIES_EVERY_MS: '300' } });
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('the worker’s job scheduler opens a due period’s call by itself', async () => {
    const admin = await p.login(ADMIN.email, ADMIN.password);
    await setClock(p, admin, '2026-12-01T10:00:00+08:00'); // before the first period and its lead
    const res = await p
      .http()
      .post('/api/call-series')
      .set(auth(admin))
      .send({ ...QUARTERLY, recurrence: 'yearly', titleTemplate: '{year} 年度推广计划', leadDays: 0 });
    // the admin is not an officer
    expect(res.status).toBe(403);
    await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '官员', email: 'officer@series-w.test', password: 'Officer#Pass2026', roles: ['officer'] });
    const officer = await p.login('officer@series-w.test', 'Officer#Pass2026');
    const made = await p
      .http()
      .post('/api/call-series')
      .set(auth(officer))
      .send({ ...QUARTERLY, recurrence: 'yearly', titleTemplate: '{year} 年度推广计划', leadDays: 0 });
    expect(made.status).toBe(201);
    expect(made.body.calls).toEqual([]);
    await setClock(p, admin, '2027-01-05T10:00:00+08:00');
    const until = Date.now() + 30_000;
    let rows: { title: string }[] = [];
    while (Date.now() < until && !rows.length) {
      rows = await p.ds.query(`SELECT title FROM call WHERE series_id = $1`, [made.body.id]);
      if (!rows.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows).toEqual([{ title: '2027 年度推广计划' }]);
  });
});

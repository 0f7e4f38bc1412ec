/*
 * Issue 15, 优秀国产动画片推优 (`tuiyou`), one module: a year's call from submission through review to the decisions,
 * where the officer's fill by ranking starts from the program's tiers of money (GET /api/programs: 3 × ¥300,000,
 * 5 × ¥200,000, 11 × ¥100,000). Six works ranked 1 to 6 get the first tier three times and the second three times;
 * a work first broadcast before last year is refused at submit with the rule's message. The quarterly
 * recommendations: a call restricted to the `quarterly` track (a list track, no money) refuses a yearly entry, lists
 * two works without money, and publishes them on GET /api/public/lists — where the yearly call's awards with money
 * never appear.
 */
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  certifyCall,
  Company,
  pdfText,
  PROGRAM_CASES,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
} from './awards-fixtures';

jest.setTimeout(120_000);

/** A 推优 call of 2026 open through March, as POST /api/calls takes it (each test names its own title). */
const CALL = {
  programCode: 'tuiyou',
  year: 2026,
  opensAt: '2026-03-01T00:00:00+08:00',
  closesAt: '2026-03-31T17:00:00+08:00',
  budgetFen: 0,
  reviewersPerApplication: 2,
  blindReview: false,
  regionRecusal: false,
  noticeWorkingDays: 5,
  aggregation: 'mean',
};

describe('推优: a year with tiers (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let yearlyCallId = '';

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'ty');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('the program lists its tiers, its form and its rules', async () => {
    const programs = (await p.http().get('/api/programs')).body as any[];
    const ty = programs.find((x) => x.code === 'tuiyou');
    expect(ty).toMatchObject({
      prefix: 'TY',
      agency: { zh: '国家广播电视总局' },
      award: { kind: 'grant', money: true },
      callDefaults: { provincialStage: 'none' },
    });
    expect(ty.award.tiers.map((x: any) => [x.name.zh, x.count, x.amountFen])).toEqual([
      ['一等', 3, 30_000_000],
      ['二等', 5, 20_000_000],
      ['三等', 11, 10_000_000],
    ]);
    expect(ty.rules.map((r: any) => r.key)).toEqual(
      expect.arrayContaining(['tuiyou.premiered-in-window', 'tuiyou.once-per-work']),
    );
  });

  it('six works reviewed; fill by ranking from the program’s tiers: three first, three second', async () => {
    const { callId, apps } = await reviewedCall(p, staff, 'tuiyou', 6, {
      firstCompany: 8101,
      call: { budgetFen: 300_000_000, year: 2026 },
    });
    expect(apps.map((a) => a.number)).toEqual(expect.arrayContaining([expect.stringMatching(/^TY-2026-\d{6}$/)]));
    const programs = (await p.http().get('/api/programs')).body as any[];
    const tiers = programs
      .find((x) => x.code === 'tuiyou')
      .award.tiers.map((x: any) => ({ tier: x.name.zh, amountFen: x.amountFen, count: x.count }));
    const fill = await p
      .http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ tiers, confirm: true });
    expect(fill.status).toBe(200);
    const decisions = await p.http().get(`/api/calls/${callId}/decisions`).set(auth(staff.officer));
    expect(decisions.status).toBe(200);
    const items = (decisions.body.items ?? decisions.body) as any[];
    const byApp = new Map(items.map((d) => [d.applicationId, d]));
    // the first ranks best (reviewedCall scores them 10, 9, 8 …)
    expect(apps.map((a) => [byApp.get(a.id)?.tier, byApp.get(a.id)?.amountFen])).toEqual([
      ['一等', 30_000_000],
      ['一等', 30_000_000],
      ['一等', 30_000_000],
      ['二等', 20_000_000],
      ['二等', 20_000_000],
      ['二等', 20_000_000],
    ]);
    // the year's list is published with its money: the public award list, not the lists without money
    const notice = await p.http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    expect(notice.status).toBe(201);
    await setClock(p, staff.admin, '2026-03-10T09:00:00+08:00');
    const fin = await p.http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    expect(fin.body.awards.map((a: any) => a.amountFen)).toEqual(expect.arrayContaining([30_000_000, 20_000_000]));
    yearlyCallId = callId;
  });

  it('a work first broadcast before last year is refused at submit, the rule named', async () => {
    const callRes = await p
      .http()
      .post('/api/calls')
      .set(auth(staff.officer))
      .send({ ...CALL, title: '2026 年度优秀国产动画片推优（补充）' });
    expect(callRes.status).toBe(201);
    const c = (await registerCompany(p, 8201)) as Company;
    const spec = PROGRAM_CASES.tuiyou;
    const created = await p
      .http()
      .post(`/api/calls/${callRes.body.id}/applications`)
      .set(auth(c.token))
      .send({ title: '旧片', track: spec.track, payload: { ...spec.payload(9), premieredOn: '2024-06-01' } });
    expect(created.status).toBe(201);
    for (const kind of spec.kinds) {
      const up = await p
        .http()
        .post(`/api/applications/${created.body.id}/attachments`)
        .set(auth(c.token))
        .field('kind', kind)
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: `${kind}.pdf`, contentType: 'application/pdf' });
      expect(up.status).toBe(201);
    }
    const sub = await p.http().post(`/api/applications/${created.body.id}/submit`).set(auth(c.token)).send({});
    expect(sub.status).toBe(422);
    expect(JSON.stringify(sub.body)).toContain('tuiyou.premiered-in-window');
  });

  it('quarterly recommendations: a call of the quarterly track, two works listed without money, a public list', async () => {
    const programs = (await p.http().get('/api/programs')).body as any[];
    expect(programs.find((x) => x.code === 'tuiyou').award.listTracks).toEqual(['quarterly']);
    const base = { ...CALL, title: '2026年第一季度优秀国产动画片推荐' };
    // a track the program does not have is refused, the field named
    const bad = await p
      .http()
      .post('/api/calls')
      .set(auth(staff.officer))
      .send({ ...base, tracks: ['monthly'] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CALL.TRACKS_INVALID');
    expect(bad.body.details[0].path).toBe('tracks');

    const { callId, apps } = await reviewedCall(p, staff, 'tuiyou', 2, {
      firstCompany: 8211,
      caseKey: 'tuiyou/quarterly',
      call: { ...base, tracks: ['quarterly'] },
    });
    const call = await p.http().get(`/api/calls/${callId}`);
    expect(call.body.tracks).toEqual(['quarterly']);
    // the call takes the quarterly track only: a yearly entry is refused before anything is stored
    const yearly = await p
      .http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(apps[0].company.token))
      .send({ title: '年度作品', track: 'yearly', payload: PROGRAM_CASES.tuiyou.payload(30) });
    expect(yearly.status).toBe(422);
    expect(yearly.body.code).toBe('APPLICATION.TRACK_NOT_IN_CALL');
    expect(JSON.stringify(yearly.body)).toContain('季度推荐（quarterly）');
    // a list carries no money: tiers with an amount are refused
    const withMoney = await p
      .http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ tiers: [{ tier: '一等', amountFen: 30_000_000, count: 2 }] });
    expect(withMoney.status).toBe(422);

    const awards = await certifyCall(p, staff, callId, 2, '2026-03-18T09:00:00+08:00', '季度优秀国产动画片推荐');
    expect(awards).toHaveLength(2);
    const [{ n }] = await p.ds.query(
      `SELECT count(*)::int AS n FROM instalment i JOIN award a ON a.id = i.award_id WHERE a.call_id = $1`,
      [callId],
    );
    expect(n).toBe(0);

    const lists = await p.http().get('/api/public/lists?program=tuiyou&year=2026');
    expect(lists.status).toBe(200);
    expect(lists.body.total).toBe(1);
    const [list] = lists.body.items;
    expect(list).toMatchObject({
      callId,
      program: 'tuiyou',
      year: 2026,
      callTitle: '2026年第一季度优秀国产动画片推荐',
    });
    expect(list.entries.map((e: any) => [e.number, e.title, e.listTitle, e.status])).toEqual(
      apps.map((a) => [a.number, a.title, '季度优秀国产动画片推荐', 'active']),
    );
    expect(JSON.stringify(lists.body)).not.toContain(yearlyCallId);
    expect(JSON.stringify(lists.body)).not.toContain('amountFen');

    // the entry's notice says it is on the list, without money
    const pdf = await p
      .http()
      .get(`/api/awards/${awards[0].id}/certificate.pdf`)
      .set(auth(apps.find((a) => a.id === awards[0].applicationId)!.company.token))
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, '');
    expect(text).toContain('入选通知书');
    expect(text).not.toContain('分期拨付');
  });
});

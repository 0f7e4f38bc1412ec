/*
 * Issue 15, 中国文化艺术政府奖动漫奖 (`dongmanjiang`), one module: a round with a person nominee, a vote and a 公示.
 * Two works nominated for 最佳作品 and a director for 最佳导演 (a person: name and ID number, checked by GB 11643,
 * open to the officer, never shown to the experts) go through the compliance check and the expert review; the leading
 * group elects the director and the first work; the fill by ranking gives each category its places from the program's
 * tiers (the second work is not elected: no award); the 公示 runs and the final list gives each a certificate and the
 * prize.
 */
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  applyAndAccept,
  Company,
  createCall,
  DIRECTOR_ID_NUMBERS,
  PROGRAM_CASES,
  reviewAndClose,
  ReviewedApp,
  setClock,
  setupStaff,
  Staff,
} from './awards-fixtures';

jest.setTimeout(120_000);

describe('动漫奖: nominations, a person nominee, the vote, the 公示 (API)', () => {
  let p: TestPortal;
  let staff: Staff;

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'dmj');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('declares seven categories and their 20 places, and a deliberation vote by default', async () => {
    const dmj = ((await p.http().get('/api/programs')).body as any[]).find((x) => x.code === 'dongmanjiang');
    expect(dmj.tracks.map((t: any) => t.code)).toEqual([
      'best-work',
      'creative-team',
      'screenwriter',
      'director',
      'character',
      'intl-work',
      'intl-org',
    ]);
    expect(dmj.award.tiers.map((x: any) => [x.track, x.count])).toEqual([
      ['best-work', 12],
      ['creative-team', 2],
      ['screenwriter', 1],
      ['director', 1],
      ['character', 2],
      ['intl-work', 1],
      ['intl-org', 1],
    ]);
    expect(dmj.award.tiers.reduce((s: number, x: any) => s + x.count, 0)).toBe(20);
    expect(dmj.callDefaults.deliberation).toBe(true);
    expect(dmj.agency.zh).toBe('文化和旅游部');
  });

  it('a round: the person nominee stays hidden from experts; the vote elects; each category gets its places', async () => {
    const officer = auth(staff.officer);
    const callId = await createCall(p, staff.officer, 'dongmanjiang', {
      title: '第十九届中国文化艺术政府奖动漫奖',
      deliberation: true,
      budgetFen: 2_000_000_000,
    });
    const companies: Company[] = [];
    for (const n of [8701, 8702, 8703]) companies.push((await registerCompany(p, n)) as Company);

    // a director named with an ID number whose check character is wrong is refused at once, the number not repeated
    const spec = PROGRAM_CASES['dongmanjiang/director'];
    const wrong = await p
      .http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(companies[2].token))
      .send({
        title: '导演提名',
        track: 'director',
        payload: { ...spec.payload(1), nominee: { name: '导演1', idNumber: '110105199003071230', role: '总导演' } },
      });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('校验位不符');
    expect(JSON.stringify(wrong.body)).not.toContain('110105199003071230');

    const apps: ReviewedApp[] = [
      await applyAndAccept(p, staff.officer, companies[0], callId, 'dongmanjiang', 1, '最佳作品提名一'),
      await applyAndAccept(p, staff.officer, companies[1], callId, 'dongmanjiang', 2, '最佳作品提名二'),
      await applyAndAccept(p, staff.officer, companies[2], callId, 'dongmanjiang/director', 1, '最佳导演提名'),
    ];
    const director = apps[2];
    // the officer reads the nominee's ID number; the experts never get it, not even masked
    const asOfficer = await p.http().get(`/api/applications/${director.id}`).set(officer);
    expect(asOfficer.body.payload.nominee).toMatchObject({ name: '导演1', idNumber: DIRECTOR_ID_NUMBERS[0] });
    await reviewAndClose(p, staff, callId, 'dongmanjiang', apps);
    for (const expert of staff.experts) {
      const list = await p.http().get('/api/reviews?pageSize=100').set(auth(expert));
      const mine = list.body.items.find((r: any) => r.applicationId === director.id);
      if (!mine) continue;
      const seen = JSON.stringify((await p.http().get(`/api/reviews/${mine.id}`).set(auth(expert))).body);
      expect(seen).not.toContain(DIRECTOR_ID_NUMBERS[0]);
      expect(seen).not.toContain(DIRECTOR_ID_NUMBERS[0].slice(-4));
    }

    // the leading group: 7 present; the first work and the director elected, the second work not
    const vote = await p
      .http()
      .post(`/api/calls/${callId}/deliberation`)
      .set(officer)
      .send({
        members: ['组长', '副组长', '成员甲', '成员乙', '成员丙', '成员丁', '成员戊'],
        votes: [
          { applicationId: apps[0].id, yes: 6, no: 1, abstain: 0 },
          { applicationId: apps[1].id, yes: 3, no: 3, abstain: 1 },
          { applicationId: director.id, yes: 7, no: 0, abstain: 0 },
        ],
      });
    expect(vote.status).toBe(201);

    // the program's tiers, one per category: each category's places go to its own nominees
    const programs = (await p.http().get('/api/programs')).body as any[];
    const tiers = programs
      .find((x) => x.code === 'dongmanjiang')
      .award.tiers.map((x: any) => ({ tier: x.name.zh, amountFen: x.amountFen, count: x.count, track: x.track }));
    const fill = await p
      .http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(officer)
      .send({ tiers, confirm: true });
    expect(fill.status).toBe(200);
    const byApp = new Map(fill.body.items.map((i: any) => [i.applicationId, [i.outcome, i.tier, i.amountFen]]));
    expect(apps.map((a) => byApp.get(a.id))).toEqual([
      ['award', '最佳作品', 10_000_000],
      ['reject', null, 0],
      ['award', '最佳导演', 10_000_000],
    ]);

    // the 公示, then the final list: a certificate each and the prize
    const notice = await p.http().post(`/api/calls/${callId}/notices`).set(officer).send({});
    expect(notice.status).toBe(201);
    await setClock(p, staff.admin, '2026-03-12T09:00:00+08:00');
    const fin = await p.http().post(`/api/calls/${callId}/finalize`).set(officer).send({});
    expect(fin.status).toBe(200);
    expect(
      fin.body.awards.map((a: any) => [a.applicationId, a.tier, a.amountFen, /^DMJ-2026-\d{6}$/.test(a.certificateNo)]),
    ).toEqual(
      expect.arrayContaining([
        [apps[0].id, '最佳作品', 10_000_000, true],
        [director.id, '最佳导演', 10_000_000, true],
      ]),
    );
    expect(fin.body.awards).toHaveLength(2);
    const listed = await p.http().get('/api/public/awards?program=dongmanjiang');
    expect(listed.body.items.map((a: any) => a.title).sort()).toEqual(['最佳作品提名一', '最佳导演提名'].sort());
    expect(JSON.stringify(listed.body)).not.toContain(DIRECTOR_ID_NUMBERS[0]);
  });
});

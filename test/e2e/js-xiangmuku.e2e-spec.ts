/*
 * Issue 15: a provincial program, 江苏省重点动漫项目库 (`js-xiangmuku`), run by 江苏's agency from the call to the bank.
 * The national office may not open its call (403 CALL.PROVINCIAL_OFFICE_ONLY), check, draw, decide or finalize it
 * (403 / 404); a 江苏 officer does all of it. A 广西 company's project fails the in-province rule at submit. Two 江苏
 * projects are reviewed, the better one enters the bank (a list without money: 入库, no instalment), the list is
 * published on GET /api/public/lists.
 */
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  applyAndAccept,
  Company,
  certifyCall,
  PROGRAM_CASES,
  provincialOfficer,
  reviewAndClose,
  ReviewedApp,
  setClock,
  setupStaff,
  Staff,
} from './awards-fixtures';

jest.setTimeout(120_000);

const CALL = {
  programCode: 'js-xiangmuku',
  year: 2026,
  title: '2026 年江苏省重点动漫项目征集',
  opensAt: '2026-01-05T00:00:00+08:00',
  closesAt: '2026-03-31T17:00:00+08:00',
  budgetFen: 0,
  reviewersPerApplication: 2,
  blindReview: false,
  regionRecusal: false,
  noticeWorkingDays: 5,
  aggregation: 'mean',
};

describe('江苏重点动漫项目库: a provincial program run by its province (API)', () => {
  let p: TestPortal;
  let staff: Staff;

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'jsx');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('its office is 江苏: the 江苏 officer runs it from the call to the bank; the national office cannot', async () => {
    const program = ((await p.http().get('/api/programs')).body as any[]).find((x) => x.code === 'js-xiangmuku');
    expect(program).toMatchObject({ officeProvince: '32', agency: { zh: '江苏省文化和旅游厅' } });

    // the national office may not open a provincial program's call; a 广西 officer neither
    const national = await p.http().post('/api/calls').set(auth(staff.officer)).send(CALL);
    expect(national.status).toBe(403);
    expect(national.body.code).toBe('CALL.PROVINCIAL_OFFICE_ONLY');
    expect(JSON.stringify(national.body)).toContain('江苏');
    const gx = await provincialOfficer(p, staff.admin, 'officer@gx.jsx.test', '45');
    expect((await p.http().post('/api/calls').set(auth(gx)).send(CALL)).status).toBe(403);
    const js = await provincialOfficer(p, staff.admin, 'officer@js.jsx.test', '32');
    const created = await p.http().post('/api/calls').set(auth(js)).send(CALL);
    expect(created.status).toBe(201);
    const callId: string = created.body.id;
    const jsStaff: Staff = { ...staff, officer: js };

    // a 广西 company's project is refused at submit by the in-province rule
    const guangxi = (await registerCompany(p, 8801, { region: '450102' })) as Company;
    const spec = PROGRAM_CASES['js-xiangmuku'];
    const gxApp = await p
      .http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(guangxi.token))
      .send({ title: '广西项目', track: spec.track, payload: spec.payload(9) });
    expect(gxApp.status).toBe(201);
    for (const kind of spec.kinds)
      await p
        .http()
        .post(`/api/applications/${gxApp.body.id}/attachments`)
        .set(auth(guangxi.token))
        .field('kind', kind)
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: `${kind}.pdf`, contentType: 'application/pdf' });
    const refused = await p.http().post(`/api/applications/${gxApp.body.id}/submit`).set(auth(guangxi.token)).send({});
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('js-xiangmuku.in-province');

    // two 江苏 projects; the national office may read them but not check them
    const companies = [
      (await registerCompany(p, 8802, { region: '320102' })) as Company,
      (await registerCompany(p, 8803, { region: '320506' })) as Company,
    ];
    const first = await p
      .http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(companies[0].token))
      .send({ title: '运河少年', track: spec.track, payload: spec.payload(1) });
    for (const kind of spec.kinds)
      await p
        .http()
        .post(`/api/applications/${first.body.id}/attachments`)
        .set(auth(companies[0].token))
        .field('kind', kind)
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: `${kind}.pdf`, contentType: 'application/pdf' });
    expect(
      (await p.http().post(`/api/applications/${first.body.id}/submit`).set(auth(companies[0].token)).send({})).status,
    ).toBe(200);
    const nationalCheck = await p
      .http()
      .post(`/api/applications/${first.body.id}/screening`)
      .set(auth(staff.officer))
      .send({ decision: 'accept', comment: '材料齐全' });
    expect(nationalCheck.status).toBe(403);
    expect(nationalCheck.body.code).toBe('CALL.PROVINCIAL_OFFICE_ONLY');
    const accepted = await p
      .http()
      .post(`/api/applications/${first.body.id}/screening`)
      .set(auth(js))
      .send({ decision: 'accept', comment: '材料齐全' });
    expect(accepted.status).toBe(200);
    const apps: ReviewedApp[] = [
      { id: first.body.id, number: accepted.body.number, title: '运河少年', company: companies[0] },
      await applyAndAccept(p, js, companies[1], callId, 'js-xiangmuku', 2, '紫金山奇遇'),
    ];

    // the national office cannot draw; the 江苏 officer draws, the experts score, it closes
    const nationalDraw = await p.http().post(`/api/calls/${callId}/review-draw`).set(auth(staff.officer)).send({});
    expect(nationalDraw.status).toBe(404);
    await reviewAndClose(p, jsStaff, callId, 'js-xiangmuku', apps);

    // decisions are the province's: the national office gets 404, the 江苏 officer fills the bank's one place
    const nationalFill = await p
      .http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ tiers: [{ tier: '江苏省重点动漫项目库入库项目', amountFen: 0, count: 1 }] });
    expect(nationalFill.status).toBe(404);
    const awards = await certifyCall(
      p,
      jsStaff,
      callId,
      1,
      '2026-03-10T09:00:00+08:00',
      '江苏省重点动漫项目库入库项目',
    );
    expect(awards.map((a) => [a.applicationId, a.certificateNo])).toEqual([[apps[0].id, null]]);
    const [{ n }] = await p.ds.query(
      `SELECT count(*)::int AS n FROM instalment i JOIN award a ON a.id = i.award_id WHERE a.call_id = $1`,
      [callId],
    );
    expect(n).toBe(0);

    // the bank's list is published among the lists without money
    const lists = await p.http().get('/api/public/lists?program=js-xiangmuku');
    expect(lists.body.items).toHaveLength(1);
    expect(lists.body.items[0].entries.map((e: any) => [e.title, e.listTitle])).toEqual([
      ['运河少年', '江苏省重点动漫项目库入库项目'],
    ]);
  });
});

/*
 * 动漫企业认定 from registration to the final list, through the HTTP API: a certification, so no money — decisions
 * carry the certification title as tier; the notice counts into 2027 provisionally until an admin enters that year's
 * calendar, then again; the final list hands out certificate numbers; the 认定证书 PDF lists the certified products; and a
 * certified company then applies for 重点动漫产品 in the next year's call.
 */
import ExcelJS from 'exceljs';
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  applyAndAccept,
  binary,
  createCall,
  pdfText,
  ReviewedApp,
  reviewAndClose,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('rending: certification, calendar years, certificates (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let callId: string;
  let apps: ReviewedApp[];
  let awards: any[];
  const http = () => p.http();

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'rd');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'rending', 3, { firstCompany: 4101, call: { budgetFen: 0 } }));
    await setClock(p, staff.admin, '2026-12-28T10:00:00+08:00'); // a Monday
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('a certification carries no money, and its tier is the certification title', async () => {
    const money = await http()
      .put(`/api/calls/${callId}/decisions/${apps[0].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', amountFen: 100, note: 'x' });
    expect(money.status).toBe(422);
    expect(money.body.code).toBe('DECISIONS.NO_MONEY');
    const wrongTier = await http()
      .put(`/api/calls/${callId}/decisions/${apps[0].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '一等', note: 'x' });
    expect(wrongTier.status).toBe(422);
    expect(wrongTier.body.details[0].path).toBe('tier');
    const ok = await http()
      .put(`/api/calls/${callId}/decisions/${apps[0].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', note: '六项指标均达标' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'proposed',
      tier: '动漫企业',
      amountFen: 0,
      committedFen: 0,
      budgetFen: 0,
    });
    const proposal = await http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ tiers: [{ tier: '动漫企业', amountFen: 0, count: 2 }], confirm: true });
    expect(proposal.status).toBe(200);
    expect(proposal.body.items.map((i: any) => [i.applicationId, i.outcome, i.tier])).toEqual([
      [apps[0].id, 'award', '动漫企业'],
      [apps[1].id, 'award', '动漫企业'],
      [apps[2].id, 'reject', null],
    ]);
    const money2 = await http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ tiers: [{ tier: 'x', amountFen: 5 }] });
    expect(money2.status).toBe(422);
  });

  it('counts a notice into 2027 provisionally before the State Council’s 2027 calendar is entered, and again when it is', async () => {
    // Mon 28 Dec: 29 (1), 30 (2), 31 (3), Fri 1 Jan (元旦, fixed by law) off, weekend, Mon 4 (4), Tue 5 (5)
    const early = await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    expect(early.status).toBe(201);
    expect(early.body.endsAt).toBe('2027-01-05T16:00:00.000Z');
    expect(early.body.provisionalYears).toEqual([2027]);
    expect(early.body.entries.map((e: any) => e.tier)).toEqual(['动漫企业', '动漫企业']);
    await waitForMail(p, apps[0].company.email, /公示/);
    // 2027 is not entered yet
    const cal = await http().get('/api/admin/calendar').set(auth(staff.admin));
    expect(cal.body.items.map((y: any) => y.year)).toEqual([2025, 2026]);

    const year = {
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
      holidays: ['2027-01-01'],
      workdays: [],
    };
    expect((await http().put('/api/admin/calendar/2027').set(auth(staff.officer)).send(year)).status).toBe(403);
    expect(
      (
        await http()
          .put('/api/admin/calendar/2027')
          .set(auth(staff.admin))
          .send({ ...year, holidays: ['2026-12-31'] })
      ).status,
    ).toBe(422);
    expect(
      (
        await http()
          .put('/api/admin/calendar/2027')
          .set(auth(staff.admin))
          .send({ ...year, holidays: ['2027-13-01'] })
      ).status,
    ).toBe(400);
    const put = await http().put('/api/admin/calendar/2027').set(auth(staff.admin)).send(year);
    expect(put.status).toBe(200);
    expect((await http().get('/api/admin/calendar').set(auth(staff.admin))).body.total).toBe(3);

    // the running notice was counted again on the published year: the same end, nothing guessed any more
    expect(put.body.recountedNotices).toEqual([{ id: early.body.id, endsAt: '2027-01-05T16:00:00.000Z' }]);
    const notices = await http().get(`/api/calls/${callId}/notices`).set(auth(staff.officer));
    expect(notices.body[0].endsAt).toBe('2027-01-05T16:00:00.000Z');
    expect(notices.body[0].provisionalYears).toEqual([]);
  });

  it('finalizes with certificate numbers, and mails every applicant its outcome', async () => {
    expect((await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({})).status).toBe(409);
    await setClock(p, staff.admin, '2027-01-06T09:00:00+08:00');
    const res = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(res.status).toBe(200);
    awards = res.body.awards;
    expect(awards.map((a: any) => [a.applicationId, a.certificateNo, a.amountFen, a.tier])).toEqual([
      [apps[0].id, 'RD-2026-000001', 0, '动漫企业'],
      [apps[1].id, 'RD-2026-000002', 0, '动漫企业'],
    ]);
    await waitForMail(p, apps[0].company.email, /RD-2026-000001/);
    await waitForMail(p, apps[2].company.email, /未获立项/);
    expect((await http().get(`/api/payments?callId=${callId}`).set(auth(staff.financeA))).body.total).toBe(0);
    expect(
      (await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 })).status,
    ).toBe(422);
  });

  it('gives the 认定证书 with its number and the certified products', async () => {
    const pdf = await http()
      .get(`/api/awards/${awards[0].id}/certificate.pdf`)
      .set(auth(apps[0].company.token))
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.body);
    expect(text).toContain(apps[0].company.name);
    expect(text).toContain('RD-2026-000001');
    expect(text.replace(/\s/g, '')).toContain('动漫企业认定证书');
    expect(text).toContain('山海小英雄');
    expect(
      (await http().get(`/api/awards/${awards[0].id}/certificate.pdf`).set(auth(apps[1].company.token))).status,
    ).toBe(404);
    expect((await http().get(`/api/awards/${awards[0].id}/certificate.pdf`).set(auth(staff.officer))).status).toBe(200);
  });

  it('lists certificates publicly (XLSX opens and lists them)', async () => {
    const x = await http().get('/api/public/awards.xlsx?program=rending').buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const rows = wb.worksheets[0]
      .getSheetValues()
      .slice(2)
      .map((r: any) => [r[4], r[8], r[9]]);
    expect(rows).toEqual([
      [apps[0].company.name, 'RD-2026-000001', 'active'],
      [apps[1].company.name, 'RD-2026-000002', 'active'],
    ]);
    const csv = await http().get('/api/public/awards.csv?program=rending&year=2026');
    expect(csv.text).toContain('RD-2026-000002');
    expect((await http().get('/api/public/awards?year=2031')).body.total).toBe(0);
  });

  it('a certified company is certified next year for a key product, titled 重点动漫产品', async () => {
    const next = await createCall(p, staff.officer, 'rending', {
      year: 2027,
      title: '2027 年度重点动漫产品认定',
      opensAt: '2027-01-01T00:00:00+08:00',
      closesAt: '2027-03-31T17:00:00+08:00',
      budgetFen: 0,
    });
    const app = await applyAndAccept(
      p,
      staff.officer,
      apps[0].company,
      next,
      'rending/key-product',
      1,
      '重点动漫产品：山海小英雄',
    );
    await reviewAndClose(p, staff, next, 'rending', [app]);
    const d = await http()
      .put(`/api/calls/${next}/decisions/${app.id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '重点动漫产品', note: '年收入达标' });
    expect(d.status).toBe(200);
    expect(d.body.tier).toBe('重点动漫产品');
    const n = await http().post(`/api/calls/${next}/notices`).set(auth(staff.officer)).send({ workingDays: 3 });
    expect(n.status).toBe(201);
    expect(n.body.endsAt).toBe('2027-01-11T16:00:00.000Z'); // Wed 6 Jan: Thu 7 (1), Fri 8 (2), Mon 11 (3)
    await setClock(p, staff.admin, '2027-01-12T09:00:00+08:00');
    const f = await http().post(`/api/calls/${next}/finalize`).set(auth(staff.officer)).send({});
    expect(f.status).toBe(200);
    expect(f.body.awards[0]).toMatchObject({
      certificateNo: 'RD-2027-000001',
      tier: '重点动漫产品',
      track: 'key-product',
    });
    const pdf = await http()
      .get(`/api/awards/${f.body.awards[0].id}/certificate.pdf`)
      .set(auth(apps[0].company.token))
      .buffer(true)
      .parse(binary);
    const text = (await pdfText(pdf.body)).replace(/\s/g, '');
    expect(text).toContain('重点动漫产品认定证书');
    expect(text).toContain('山海小英雄');
  });

  it('revokes a certificate: listed as revoked, no money involved', async () => {
    const r = await http()
      .post(`/api/awards/${awards[1].id}/revoke`)
      .set(auth(staff.officer))
      .send({ reason: '年审未通过' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'revoked', cancelledFen: 0, recoveringFen: 0 });
    const pub = await http().get('/api/public/awards?program=rending&year=2026');
    expect(pub.body.items.find((a: any) => a.id === awards[1].id).status).toBe('revoked');
    await waitForMail(p, apps[1].company.email, /撤销/);
  });
});

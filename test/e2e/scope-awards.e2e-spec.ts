/*
 * Issue 12, item 2 (review, awards, organization flags), item 5 and the awards half of item 6, through the HTTP API:
 * officers of 江苏 (32) and 广西 (45) and a national officer, a 认定 call with one company of each province. Each
 * provincial officer sees only the reviews, decisions, objections, awards and certificates of their own province's
 * applications (404 for the other's), the call-wide acts of the national list stay the national office's, the public
 * list filters by province, and the 认定证书 names 江苏's agency for a 江苏 company with the national list's number.
 */
import { auth, registerCompany, TestPortal, startPortal } from '../support/portal';
import {
  applyAndAccept,
  binary,
  createCall,
  Company,
  pdfText,
  provincialOfficer,
  ReviewedApp,
  reviewAndClose,
  setClock,
  setupStaff,
  Staff,
} from './awards-fixtures';

jest.setTimeout(60_000);

describe('officers of two provinces: review, awards, objections, certificates (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let js: string; // 江苏 officer
  let gx: string; // 广西 officer
  let callId: string;
  let jsApp: ReviewedApp;
  let gxApp: ReviewedApp;
  const http = () => p.http();

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'sa');
    js = await provincialOfficer(p, staff.admin, 'officer@js.test', '32');
    gx = await provincialOfficer(p, staff.admin, 'officer@gx.test', '45');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    callId = await createCall(p, staff.officer, 'rending', { budgetFen: 0 });
    const jsCo = (await registerCompany(p, 5201, { region: '320102', name: '南京动画有限公司' })) as Company;
    const gxCo = (await registerCompany(p, 5202, { region: '450102', name: '南宁动画有限公司' })) as Company;
    jsApp = await applyAndAccept(p, staff.officer, jsCo, callId, 'rending', 1, '江苏项目');
    gxApp = await applyAndAccept(p, staff.officer, gxCo, callId, 'rending', 2, '广西项目');
    await reviewAndClose(p, staff, callId, 'rending', [jsApp, gxApp]);
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('review: a provincial officer sees its own applications’ reviews and ranking places; the round stays national', async () => {
    const progress = await http().get(`/api/calls/${callId}/review-progress`).set(auth(js));
    expect(progress.status).toBe(200);
    expect(progress.body.byApplication.map((a: any) => a.applicationId)).toEqual([jsApp.id]);
    const national = await http().get(`/api/calls/${callId}/review-progress`).set(auth(staff.officer));
    expect(national.body.byApplication).toHaveLength(2);

    const ranking = await http().get(`/api/calls/${callId}/ranking`).set(auth(gx));
    expect(ranking.status).toBe(200);
    expect(ranking.body.map((r: any) => r.applicationId)).toEqual([gxApp.id]);
    expect((await http().get(`/api/calls/${callId}/ranking`).set(auth(staff.officer))).body).toHaveLength(2);

    // the draw and the close of a call without a provincial stage are the national office's
    expect((await http().post(`/api/calls/${callId}/review-draw`).set(auth(js)).send({})).status).toBe(404);
    expect((await http().post(`/api/calls/${callId}/review-close`).set(auth(js)).send({})).status).toBe(404);

    const mine = await http().get(`/api/reviews?callId=${callId}&pageSize=100`).set(auth(js));
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(new Set(mine.body.items.map((r: any) => r.applicationId))).toEqual(new Set([jsApp.id]));
    const all = await http().get(`/api/reviews?callId=${callId}&pageSize=100`).set(auth(staff.officer));
    const gxReview = all.body.items.find((r: any) => r.applicationId === gxApp.id);
    expect((await http().get(`/api/reviews/${gxReview.id}`).set(auth(js))).status).toBe(404);
    expect((await http().get(`/api/reviews/${gxReview.id}`).set(auth(gx))).status).toBe(200);
  });

  it('decisions: a provincial officer reads its own applications’ decisions; deciding is national (404)', async () => {
    expect(
      (
        await http()
          .put(`/api/calls/${callId}/decisions/${jsApp.id}`)
          .set(auth(js))
          .send({ outcome: 'award', note: '达标' })
      ).status,
    ).toBe(404);
    for (const a of [jsApp, gxApp])
      expect(
        (
          await http()
            .put(`/api/calls/${callId}/decisions/${a.id}`)
            .set(auth(staff.officer))
            .send({ outcome: 'award', note: '达标' })
        ).status,
      ).toBe(200);
    const mine = await http().get(`/api/calls/${callId}/decisions`).set(auth(js));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: any) => [i.applicationId, i.province])).toEqual([[jsApp.id, '32']]);
    expect((await http().get(`/api/calls/${callId}/decisions`).set(auth(staff.officer))).body.items).toHaveLength(2);
    expect((await http().post(`/api/calls/${callId}/notices`).set(auth(gx)).send({})).status).toBe(404);
  });

  it('objections: each province lists, reads and answers only those against its own entries', async () => {
    await setClock(p, staff.admin, '2026-04-07T10:00:00+08:00');
    const notice = await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    expect(notice.status).toBe(201);
    const ids: Record<string, string> = {};
    for (const a of [jsApp, gxApp]) {
      const filed = await http()
        .post(`/api/public/notices/${notice.body.id}/objections`)
        .send({ name: '张三', contact: 'zhang@example.com', entryApplicationId: a.id, reason: '申报材料与事实不符。' });
      expect(filed.status).toBe(201);
      ids[a.id] = filed.body.id;
    }
    const jsList = await http().get(`/api/objections?noticeId=${notice.body.id}`).set(auth(js));
    expect(jsList.status).toBe(200);
    expect(jsList.body.items.map((o: any) => [o.id, o.entry.province])).toEqual([[ids[jsApp.id], '32']]);
    const all = await http().get(`/api/objections?noticeId=${notice.body.id}`).set(auth(staff.officer));
    expect(all.body.total).toBe(2);
    const byProvince = await http().get(`/api/objections?province=45`).set(auth(staff.officer));
    expect(byProvince.body.items.map((o: any) => o.id)).toEqual([ids[gxApp.id]]);

    const gxObjection = ids[gxApp.id];
    expect((await http().get(`/api/objections/${gxObjection}`).set(auth(js))).status).toBe(404);
    expect((await http().get(`/api/objections/${gxObjection}/evidence`).set(auth(js))).status).toBe(404);
    expect(
      (
        await http()
          .post(`/api/objections/${gxObjection}/resolution`)
          .set(auth(js))
          .send({ upheld: false, response: '经核查，异议不成立。' })
      ).status,
    ).toBe(404);
    expect((await http().get(`/api/objections/${gxObjection}`).set(auth(gx))).status).toBe(200);
    for (const [officer, id] of [
      [js, ids[jsApp.id]],
      [gx, gxObjection],
    ])
      expect(
        (
          await http()
            .post(`/api/objections/${id}/resolution`)
            .set(auth(officer))
            .send({ upheld: false, response: '经核查，异议不成立。' })
        ).status,
      ).toBe(200);
  });

  it('awards: listed per province with the province; another province’s award, certificate and revocation are 404', async () => {
    await setClock(p, staff.admin, '2026-04-21T10:00:00+08:00');
    expect((await http().post(`/api/calls/${callId}/finalize`).set(auth(js)).send({})).status).toBe(404);
    const fin = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    const awardOf = new Map<string, any>(fin.body.awards.map((a: any) => [a.applicationId, a]));
    const jsAward = awardOf.get(jsApp.id);
    const gxAward = awardOf.get(gxApp.id);

    const mine = await http().get(`/api/awards?callId=${callId}`).set(auth(js));
    expect(mine.body.items.map((a: any) => [a.id, a.province])).toEqual([[jsAward.id, '32']]);
    const national = await http().get(`/api/awards?callId=${callId}&province=45`).set(auth(staff.officer));
    expect(national.body.items.map((a: any) => a.id)).toEqual([gxAward.id]);
    expect((await http().get(`/api/awards?callId=${callId}`).set(auth(staff.financeA))).body.total).toBe(2);

    expect((await http().get(`/api/awards/${gxAward.id}`).set(auth(js))).status).toBe(404);
    expect((await http().get(`/api/awards/${gxAward.id}/certificate.pdf`).set(auth(js))).status).toBe(404);
    expect(
      (await http().post(`/api/awards/${gxAward.id}/revoke`).set(auth(js)).send({ reason: '年审未通过' })).status,
    ).toBe(404);
    expect((await http().get(`/api/awards/${gxAward.id}`).set(auth(gx))).status).toBe(200);
    expect((await http().get(`/api/awards/${jsAward.id}/certificate.pdf`).set(auth(js))).status).toBe(200);
  });

  it('the 认定证书 of a 江苏 company names 江苏’s agency and carries the national list’s number', async () => {
    const jsAward = (await http().get(`/api/awards?callId=${callId}&province=32`).set(auth(staff.officer))).body
      .items[0];
    const pdf = await http()
      .get(`/api/awards/${jsAward.id}/certificate.pdf`)
      .set(auth(jsApp.company.token))
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body)).replace(/\s/g, '');
    expect(text).toContain('江苏省文化和旅游厅');
    expect(text).not.toContain('广西');
    expect(text).toContain(`全国认定名单编号）：${jsAward.certificateNo}`);
  });

  it('the public list filters by province and then carries the province (last); without it API.md’s columns', async () => {
    const plain = await http().get('/api/public/awards?program=rending&year=2026');
    expect(plain.body.total).toBe(2);
    expect(plain.body.items[0]).not.toHaveProperty('province');
    const js32 = await http().get('/api/public/awards?program=rending&province=32');
    expect(js32.status).toBe(200);
    expect(js32.body.items.map((a: any) => [a.organization, a.province])).toEqual([['南京动画有限公司', '32']]);
    const withProvince = await http().get('/api/public/awards?program=rending&withProvince=true');
    expect(withProvince.body.items.map((a: any) => a.province).sort()).toEqual(['32', '45']);
    expect((await http().get('/api/public/awards?province=3')).status).toBe(400);

    const csv = await http().get('/api/public/awards.csv?program=rending&province=45');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('id,program,year,organization,title,tier,amountFen,certificateNo,status,province');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('南宁动画有限公司');
    expect(lines[1].endsWith(',45')).toBe(true);
  });

  it('organization flags: a provincial officer flags and reads only its province’s organizations', async () => {
    const flag = { kind: 'dishonest', reason: '虚假申报', from: '2026-04-21' };
    expect(
      (await http().post(`/api/organizations/${gxApp.company.organizationId}/flags`).set(auth(js)).send(flag)).status,
    ).toBe(404);
    expect((await http().get(`/api/organizations/${gxApp.company.organizationId}/flags`).set(auth(js))).status).toBe(
      404,
    );
    expect((await http().get(`/api/organizations/${gxApp.company.organizationId}`).set(auth(js))).status).toBe(404);
    expect(
      (await http().post(`/api/organizations/${jsApp.company.organizationId}/flags`).set(auth(js)).send(flag)).status,
    ).toBe(201);
    expect(
      (await http().get(`/api/organizations/${gxApp.company.organizationId}/flags`).set(auth(staff.officer))).status,
    ).toBe(200);
  });
});

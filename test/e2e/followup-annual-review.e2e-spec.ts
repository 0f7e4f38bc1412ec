/*
 * 年审 (issue 13, item 6) through the HTTP API with the staging clock: three enterprises certified in 2026 on a call
 * with the annual review, one on a call without it. 2027-04-30: filing refused, naming the window. 2027-06-10: A files
 * (the rules run again and are stored) and the office passes it; C files weak figures and is failed — its certificate
 * lapses that day; B files nothing and lapses on 1 August when the job runs; the public list shows both with the day.
 * The certificate of the call without the review is never asked and never lapses. Another company's review is 404,
 * the grantee cannot decide (403), a second submit is 409. A lapsed enterprise no longer counts as certified.
 */
import ExcelJS from 'exceljs';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { AnnualReviewLapseProcessor } from '../../libs/followup/src/annual-review/annual-review-lapse.processor';
import { rendingEnterprisePayload } from '../../libs/programs/src/testing/eligibility-context';
import {
  binary,
  createCall,
  pdfText,
  provincialOfficer,
  ReviewedApp,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
} from './awards-fixtures';

jest.setTimeout(90_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Last year's figures: the application's fixture, for 2026. */
function figures(over: Record<string, unknown> = {}) {
  return { ...rendingEnterprisePayload(), fiscalYear: 2026, ...over };
}

describe('followup: the annual review of certificates (年审)', () => {
  let p: TestPortal;
  let staff: Staff;
  let apps: ReviewedApp[]; // A, B, C on the call with the annual review
  let other: ReviewedApp; // D on a call without it
  const award: Record<string, string> = {};
  const http = () => p.http();

  async function certify(callId: string, list: ReviewedApp[]): Promise<void> {
    const fill = await http()
      .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
      .set(auth(staff.officer))
      .send({ tiers: [{ tier: '动漫企业', amountFen: 0, count: list.length }], confirm: true });
    expect(fill.status).toBe(200);
    expect((await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({})).status).toBe(201);
  }

  const reviews = (id: string, token: string) => http().get(`/api/awards/${id}/annual-reviews`).set(auth(token));
  const save = (id: string, token: string, payload: Record<string, unknown>) =>
    http().put(`/api/awards/${id}/annual-reviews/2027`).set(auth(token)).send({ payload });
  const submit = (id: string, token: string) =>
    http().post(`/api/awards/${id}/annual-reviews/2027/submit`).set(auth(token)).send({});
  const upload = (id: string, token: string, kind: string) =>
    http()
      .post(`/api/awards/${id}/annual-reviews/2027/attachments`)
      .set(auth(token))
      .field('kind', kind)
      .attach('file', PDF, { filename: `${kind}.pdf`, contentType: 'application/pdf' });
  const lapseJob = () => p.worker!.get(AnnualReviewLapseProcessor).run();

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'ar');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const withReview = await reviewedCall(p, staff, 'rending', 3, {
      firstCompany: 6101,
      call: { budgetFen: 0, annualReview: true, title: '2026 年度动漫企业认定（年审）' },
    });
    apps = withReview.apps;
    const without = await reviewedCall(p, staff, 'rending', 1, {
      firstCompany: 6201,
      call: { budgetFen: 0, title: '2026 年度动漫企业认定（无年审）' },
    });
    other = without.apps[0];
    await setClock(p, staff.admin, '2026-04-13T10:00:00+08:00');
    await certify(withReview.callId, apps);
    await certify(without.callId, [other]);
    await setClock(p, staff.admin, '2026-04-22T09:00:00+08:00');
    for (const callId of [withReview.callId, without.callId]) {
      const f = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
      expect(f.status).toBe(200);
      for (const a of f.body.awards) award[a.applicationId] = a.id;
    }
    expect(Object.keys(award)).toHaveLength(4);
    // A's certificate stands for one of 2023 (older than three years by 1 May 2027): its review calls it for exchange
    await p.ds.query(`UPDATE award SET created_at = '2023-04-20T02:00:00Z' WHERE id = $1`, [award[apps[0].id]]);
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('2027-04-30: a draft is kept and checked, but filing is refused naming the window', async () => {
    await setClock(p, staff.admin, '2027-04-30T10:00:00+08:00');
    const A = apps[0];
    const list = await reviews(award[A.id], A.company.token);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      reviewed: true,
      year: 2027,
      dueThisYear: true,
      windowOpen: false,
      window: { opensOn: '2027-05-01', closesOn: '2027-07-31' },
      exchangeDue: true,
      items: [],
    });
    const draft = await save(award[A.id], A.company.token, figures());
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', year: 2027, rulesPassed: true });
    expect(draft.body.ruleResults.map((r: any) => r.rule)).toEqual([
      'rending.main-income-share',
      'rending.self-developed-share',
      'rending.qualified-staff-share',
      'rending.rd-staff-share',
      'rending.rd-spending-share',
      'rending.recent-ip',
      'rending.business-type',
    ]);
    const early = await submit(award[A.id], A.company.token);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ANNUAL_REVIEW.OUTSIDE_WINDOW');
    expect(early.body.message.zh).toBe('年审时间为 2027-05-01 至 2027-07-31');
    // a bad field is 400, an unknown one too (whitelist)
    expect((await save(award[A.id], A.company.token, figures({ rdSpendingFen: -5 }))).status).toBe(400);
    expect((await save(award[A.id], A.company.token, figures({ extra: 1 }))).status).toBe(400);
    // another year cannot be filed
    const y = await http()
      .put(`/api/awards/${award[A.id]}/annual-reviews/2028`)
      .set(auth(A.company.token))
      .send({ payload: {} });
    expect(y.status).toBe(409);
  });

  it('a certificate of a call without the annual review is not asked for one', async () => {
    const res = await reviews(award[other.id], other.company.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reviewed: false, dueThisYear: false, items: [] });
    const put = await save(award[other.id], other.company.token, figures());
    expect(put.status).toBe(409);
    expect(put.body.code).toBe('ANNUAL_REVIEW.NOT_REVIEWED');
  });

  it('2027-06-10: A files — statements required, the rules run again on the filing day — and the office passes it', async () => {
    await setClock(p, staff.admin, '2027-06-10T10:00:00+08:00');
    const A = apps[0];
    const id = award[A.id];
    const incomplete = await submit(id, A.company.token);
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.details.map((d: any) => d.path)).toContain('attachments.audit-report');
    // another company sees nothing of it, and cannot file for it
    expect((await reviews(id, apps[1].company.token)).status).toBe(404);
    expect((await save(id, apps[1].company.token, figures())).status).toBe(404);
    expect((await upload(id, apps[1].company.token, 'audit-report')).status).toBe(404);
    expect((await upload(id, A.company.token, 'video')).status).toBe(422);
    const up = await upload(id, A.company.token, 'audit-report');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ kind: 'audit-report', size: PDF.length });
    const filed = await submit(id, A.company.token);
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'submitted', rulesPassed: true });
    expect(filed.body.submittedAt).toBe('2027-06-10T02:00:00.000Z');
    expect(filed.body.ruleResults.find((r: any) => r.rule === 'rending.recent-ip').detail.zh).toContain('2027-06-10');
    expect(filed.body.attachments.map((a: any) => a.kind)).toEqual(['audit-report']);
    // twice → 409; no more edits
    expect((await submit(id, A.company.token)).status).toBe(409);
    expect((await save(id, A.company.token, figures())).status).toBe(409);

    const queue = await http().get('/api/annual-reviews?year=2027&status=submitted').set(auth(staff.officer));
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: any) => r.awardId)).toEqual([id]);
    expect((await http().get('/api/annual-reviews').set(auth(A.company.token))).status).toBe(403);
    // an officer of another province sees none of it (404), one of the organization's province does
    const gd = await provincialOfficer(p, staff.admin, 'officer44@ar.test', '44');
    expect((await http().get('/api/annual-reviews?year=2027').set(auth(gd))).body.total).toBe(0);
    expect((await reviews(id, gd)).status).toBe(404);
    expect(
      (await http().post(`/api/annual-reviews/${filed.body.id}/pass`).set(auth(gd)).send({ note: 'x' })).status,
    ).toBe(404);
    const bj = await provincialOfficer(p, staff.admin, 'officer11@ar.test', '11');
    expect((await http().get('/api/annual-reviews?year=2027').set(auth(bj))).body.total).toBe(1);
    // the grantee cannot decide its own review
    const self = await http()
      .post(`/api/annual-reviews/${filed.body.id}/pass`)
      .set(auth(A.company.token))
      .send({ note: 'x' });
    expect(self.status).toBe(403);
    const file = await http()
      .get(`/api/annual-reviews/${filed.body.id}/attachments/${up.body.id}`)
      .set(auth(staff.officer))
      .buffer(true)
      .parse(binary);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body, PDF)).toBe(0);
    const passed = await http()
      .post(`/api/annual-reviews/${filed.body.id}/pass`)
      .set(auth(staff.officer))
      .send({ note: '指标达标，审计报告齐全' });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ status: 'passed', note: '指标达标，审计报告齐全', exchangeDue: true });
    const passMail = await waitForMail(p, A.company.email, /2027 年度年审已通过/);
    expect(passMail).toContain('认定证书已按原编号换发');
    // 换证: the certificate is reissued on the day of the pass, same number
    const pdf = await http()
      .get(`/api/awards/${id}/certificate.pdf`)
      .set(auth(A.company.token))
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body)).replace(/\s/g, '');
    expect(text).toContain('2027年6月10日');
    expect(text).toContain('RD-2026-000001');
    const [audit] = await p.ds.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'award.certificate-reissued' AND entity_id = $1`,
      [id],
    );
    expect(audit.n).toBe(1);
    expect(
      (await http().post(`/api/annual-reviews/${filed.body.id}/fail`).set(auth(staff.officer)).send({ note: 'x' }))
        .status,
    ).toBe(409);
  });

  it('C files figures that fail the rules: filed all the same, failed by the office → lapsed that day', async () => {
    const C = apps[2];
    const id = award[C.id];
    const weak = await save(id, C.company.token, figures({ staff: { total: 100, qualified: 40, rd: 2 } }));
    expect(weak.status).toBe(200);
    expect(weak.body.rulesPassed).toBe(false);
    expect(weak.body.ruleResults.find((r: any) => r.rule === 'rending.rd-staff-share').passed).toBe(false);
    expect((await upload(id, C.company.token, 'audit-report')).status).toBe(201);
    const filed = await submit(id, C.company.token);
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'submitted', rulesPassed: false });
    const failed = await http()
      .post(`/api/annual-reviews/${filed.body.id}/fail`)
      .set(auth(staff.officer))
      .send({ note: '研发人员占比不足 10%' });
    expect(failed.status).toBe(200);
    expect(failed.body.status).toBe('failed');
    const aw = await http().get(`/api/awards/${id}`).set(auth(C.company.token));
    expect(aw.body).toMatchObject({ status: 'lapsed', lapsedOn: '2027-06-10' });
    const failMail = await waitForMail(p, C.company.email, /2027 年度年审未通过/);
    expect(failMail).toContain('认定资格自 2027-06-10 起取消');
    expect(failMail).toContain('研发人员占比不足 10%');
    const pdf = await http().get(`/api/awards/${id}/certificate.pdf`).set(auth(C.company.token));
    expect(pdf.status).toBe(409);
    expect(pdf.body.code).toBe('AWARD.LAPSED');
  });

  it('2027-08-01: the job marks B missed and lapses it on 1 August, once; A and the other call stay active', async () => {
    const B = apps[1];
    await setClock(p, staff.admin, '2027-07-31T23:00:00+08:00');
    expect(await lapseJob()).toEqual([]); // the window's last day
    await setClock(p, staff.admin, '2027-08-01T00:30:00+08:00');
    expect(await lapseJob()).toEqual([award[B.id]]);
    expect(await lapseJob()).toEqual([]); // idempotent
    const missed = await waitForMail(p, B.company.email, /未参加 2027 年度年审/);
    expect(missed).toContain('2027-05-01 至 2027-07-31');
    expect(missed).toContain('认定资格自 2027-08-01 起取消');
    const [sent] = await p.ds.query(
      `SELECT count(*)::int AS n FROM mail_message WHERE template = 'followup.annual-review-missed'`,
    );
    expect(sent.n).toBe(1); // once, although the job ran twice

    const b = await reviews(award[B.id], B.company.token);
    expect(b.body).toMatchObject({ awardStatus: 'lapsed', lapsedOn: '2027-08-01' });
    expect(b.body.items.map((r: any) => [r.year, r.status])).toEqual([[2027, 'missed']]);
    expect((await submit(award[B.id], B.company.token)).status).toBe(409);

    const pub = await http().get('/api/public/awards?program=rending&year=2026&pageSize=50');
    const byId = new Map(pub.body.items.map((a: any) => [a.id, a]));
    expect(byId.get(award[B.id])).toMatchObject({ status: 'lapsed', lapsedOn: '2027-08-01' });
    expect(byId.get(award[apps[2].id])).toMatchObject({ status: 'lapsed', lapsedOn: '2027-06-10' });
    expect(byId.get(award[apps[0].id])).toMatchObject({ status: 'active' });
    expect(byId.get(award[apps[0].id])).not.toHaveProperty('lapsedOn');
    expect(byId.get(award[other.id])).toMatchObject({ status: 'active' });

    const csv = await http().get('/api/public/awards.csv?program=rending&year=2026');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',').pop()).toBe('lapsedOn');
    expect(lines.find((l) => l.includes(award[B.id]))).toMatch(/,lapsed,2027-08-01$/);
    const x = await http().get('/api/public/awards.xlsx?program=rending&year=2026').buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as any);
    const sheet = wb.worksheets[0].getSheetValues() as any[];
    const bRow = sheet.find((r) => r && r[1] === award[B.id]);
    expect([bRow[9], bRow[10]]).toEqual(['lapsed', '2027-08-01']);
  });

  it('a lapsed enterprise no longer holds a valid certificate (rending.certified); a passed one does', async () => {
    const call = await createCall(p, staff.officer, 'rending', {
      year: 2027,
      title: '2027 年度重点动漫产品认定',
      opensAt: '2027-08-01T00:00:00+08:00',
      closesAt: '2027-09-30T17:00:00+08:00',
      budgetFen: 0,
    });
    const certified = async (c: ReviewedApp) => {
      const created = await http()
        .post(`/api/calls/${call}/applications`)
        .set(auth(c.company.token))
        .send({ title: '重点产品', track: 'key-product', payload: {} });
      expect(created.status).toBe(201);
      const el = await http().get(`/api/applications/${created.body.id}/eligibility`).set(auth(c.company.token));
      return el.body.checks.find((x: any) => x.rule === 'rending.certified').passed;
    };
    expect(await certified(apps[0])).toBe(true);
    expect(await certified(apps[1])).toBe(false);
  });

  it('another company registered later sees none of it', async () => {
    const stranger = await registerCompany(p, 6301, { name: '旁观动画公司' });
    expect((await reviews(award[apps[0].id], stranger.token)).status).toBe(404);
    const list = await reviews(award[apps[0].id], apps[0].company.token);
    const rid = list.body.items[0].id;
    expect((await http().get(`/api/annual-reviews/${rid}`).set(auth(stranger.token))).status).toBe(404);
  });
});

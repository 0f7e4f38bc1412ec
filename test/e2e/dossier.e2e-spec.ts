/*
 * The dossier (issue 13, item 7): one 精品工程 application taken from registration through review, decision, 公示 with an
 * objection, finalize and a paid first instalment, then its whole file as one PDF (text read back with pdf-parse): the
 * number, title, every rule and its result, every history step, every attachment's sha256, a PDF attachment's own
 * text merged in, a 200 MB video listed but never read (storage spy and memory measured), the review named for the
 * officer and anonymised for the applicant, award and payments. The printable 申报书 carries the number and a check
 * code whose QR address opens the public check; a wrong code or an invented number is 404 alike.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { StorageService } from '@portal/storage';
import { DossierService } from '@portal/dossier';
import { ADMIN, auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  createCall,
  PASSWORD,
  pdfText,
  PROGRAM_CASES,
  provincialOfficer,
  ReviewedApp,
  reviewAndClose,
  screenAccept,
  setClock,
  Staff,
  submitApplication,
  waitForPayments,
} from './awards-fixtures';

jest.setTimeout(120_000);

const EXPERT_NAMES = ['林评审', '赵评审', '钱评审'];
const OBJECTOR = { name: '王异议', contact: 'wang.objector@objector.test' };
const MARKER = 'MERGED-ATTACHMENT-MARKER-7101';
const VIDEO_BYTES = 200 * 1024 * 1024;
const BROKEN_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Staff whose experts have names unlike the anonymised 专家1..n (the fixtures' experts are called 专家1..3). */
async function dossierStaff(p: TestPortal): Promise<Staff> {
  const admin = await p.login(ADMIN.email, ADMIN.password);
  const create = async (body: Record<string, unknown>) => {
    const res = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ password: PASSWORD, ...body });
    if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await create({ name: '档案官员', email: 'officer@ds.test', roles: ['officer'] });
  const fa = await create({ name: '财务甲', email: 'finance-a@ds.test', roles: ['finance'] });
  await create({ name: '财务乙', email: 'finance-b@ds.test', roles: ['finance'] });
  const experts: string[] = [];
  for (let i = 0; i < EXPERT_NAMES.length; i++) {
    const email = `expert${i + 1}@ds.test`;
    await create({
      name: EXPERT_NAMES[i],
      email,
      roles: ['expert'],
      expert: {
        fields: ['jingpin'],
        employerCreditCode: '91110000600037341L',
        regionCode: `11010${i + 1}`,
        conflicts: [],
      },
    });
    experts.push(await p.login(email, PASSWORD));
  }
  return {
    admin,
    officer: await p.login('officer@ds.test', PASSWORD),
    financeA: await p.login('finance-a@ds.test', PASSWORD),
    financeB: await p.login('finance-b@ds.test', PASSWORD),
    financeAId: fa.id,
    experts,
  };
}

async function markerPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(MARKER, { x: 72, y: 760, size: 14, font });
  doc.addPage([595, 842]).drawText('second page of the declaration', { x: 72, y: 760, size: 12, font });
  return Buffer.from(await doc.save());
}

/** A 200 MB MP4 that costs no disk to make: the ftyp box file-type recognises, then a hole. */
function sparseVideo(dir: string): string {
  const path = join(dir, 'episode.mp4');
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.from('00000018667479706973' + '6f6d' + '00000200697363726d703432', 'hex'));
  ftruncateSync(fd, VIDEO_BYTES);
  closeSync(fd);
  return path;
}

describe('dossier: the whole file as one PDF, the printable 申报书 and its public check (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let callId: string;
  let app: ReviewedApp;
  let other: ReviewedApp;
  let draftId: string;
  let awardId: string;
  let tmp: string;
  const http = () => p.http();
  const get = (path: string, token: string) => http().get(path).set(auth(token)).buffer(true).parse(binary);

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'dossier-spec-'));
    p = await startPortal({
      env: {
        PAYMENT_RELAY_INTERVAL_MS: '300',
        APPLICATION_CHECK_RATE_PER_HOUR: '12',
        UPLOAD_MAX_BYTES: String(VIDEO_BYTES + 1024 * 1024), // the video goes up in one multipart request
      },
    });
    staff = await dossierStaff(p);
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    callId = await createCall(p, staff.officer, 'jingpin');

    // the application of the file: a real two-page PDF, a PDF that does not parse, and a 200 MB video
    const a = await registerCompany(p, 7101, { name: '档案动画公司' });
    const created = await http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(a.token))
      .send({ title: '档案测试：山海少年', track: 'product', payload: PROGRAM_CASES.jingpin.payload(1) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const up = (kind: string, file: Buffer | string, filename: string, contentType: string) =>
      http()
        .post(`/api/applications/${id}/attachments`)
        .set(auth(a.token))
        .field('kind', kind)
        .attach('file', file, { filename, contentType });
    expect((await up('declaration', await markerPdf(), 'declaration.pdf', 'application/pdf')).status).toBe(201);
    expect((await up('business-licence', BROKEN_PDF, 'licence.pdf', 'application/pdf')).status).toBe(201);
    expect((await up('work-sample', sparseVideo(tmp), 'episode.mp4', 'video/mp4')).status).toBe(201);
    const sub = await http().post(`/api/applications/${id}/submit`).set(auth(a.token)).send({});
    expect(sub.status).toBe(200);
    app = { id, number: sub.body.number, title: '档案测试：山海少年', company: a };
    await screenAccept(p, staff.officer, id);

    const b = await registerCompany(p, 7102, { name: '另一动画公司' });
    other = await submitApplication(p, b, callId, 'jingpin', 2, '另一项目');
    await screenAccept(p, staff.officer, other.id);
    const draft = await http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(b.token))
      .send({ title: '草稿项目', track: 'product', payload: PROGRAM_CASES.jingpin.payload(3) });
    draftId = draft.body.id;

    await reviewAndClose(p, staff, callId, 'jingpin', [app, other]);

    // decision, 公示 with an objection answered, finalize, the first instalment paid
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    await http()
      .put(`/api/calls/${callId}/decisions/${app.id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '一等', amountFen: 40_000_000, note: '评审排名第一' })
      .expect(200);
    await http()
      .put(`/api/calls/${callId}/decisions/${other.id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'reject', note: '排名靠后' })
      .expect(200);
    const notice = await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    expect(notice.status).toBe(201);
    const filed = await http()
      .post(`/api/public/notices/${notice.body.id}/objections`)
      .send({ ...OBJECTOR, entryApplicationId: app.id, reason: '疑似与他人作品雷同，请核查。' });
    expect(filed.status).toBe(201);
    const open = await http().get(`/api/objections?callId=${callId}&status=open`).set(auth(staff.officer));
    await http()
      .post(`/api/objections/${open.body.items[0].id}/resolution`)
      .set(auth(staff.officer))
      .send({ upheld: false, response: '经核查，作品系原创，异议不成立。' })
      .expect(200);
    await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
    const fin = await http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
    expect(fin.status).toBe(200);
    awardId = fin.body.awards.find((x: { applicationId: string }) => x.applicationId === app.id).id;
    const batch = await http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
    expect(batch.status).toBe(201);
    await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB)).expect(200);
    await waitForPayments(p, staff.financeA, `awardId=${awardId}&instalmentNo=1`, 'paid');
  }, 300_000);

  afterAll(async () => {
    await p?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  let officerText: string;
  it("gives the officer the whole file: number, title, rules, attachments' sha256, review, award, payments, history", async () => {
    const storage = p.app.get(StorageService, { strict: false });
    const reads = jest.spyOn(storage, 'get');
    const appView = (await http().get(`/api/applications/${app.id}`).set(auth(staff.officer))).body;
    const video = appView.attachments.find((x: { kind: string }) => x.kind === 'work-sample');
    expect(video.size).toBe(VIDEO_BYTES);

    const before = process.memoryUsage();
    const res = await get(`/api/applications/${app.id}/dossier.pdf`, staff.officer);
    const after = process.memoryUsage();
    const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
    console.log(
      `dossier of ${app.number} (video ${mb(VIDEO_BYTES)} MB listed): ${mb(res.body.length)} MB PDF; ` +
        `rss ${mb(before.rss)} → ${mb(after.rss)} MB (Δ ${mb(after.rss - before.rss)}), ` +
        `heapUsed Δ ${mb(after.heapUsed - before.heapUsed)} MB, arrayBuffers Δ ${mb(after.arrayBuffers - before.arrayBuffers)} MB`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`dossier-${app.number}.pdf`);
    // the video was never opened: only the two PDFs were read from storage
    const keys = reads.mock.calls.map((c) => String(c[0]));
    reads.mockRestore();
    expect(keys).toHaveLength(2);
    expect(keys.some((k) => k.endsWith(video.id))).toBe(false);
    // and the process did not take anything near the video's size (size math, not timing)
    expect(after.rss - before.rss).toBeLessThan(VIDEO_BYTES / 2);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(VIDEO_BYTES / 4);

    if (process.env.DOSSIER_DUMP_DIR)
      writeFileSync(join(process.env.DOSSIER_DUMP_DIR, 'dossier-officer.pdf'), res.body);
    officerText = await pdfText(res.body);
    expect(officerText).toContain(app.number);
    expect(officerText).toContain(app.title);
    expect(officerText).toContain('管理副本');
    // the form with the program's labels
    expect(officerText).toContain('作品名称');
    expect(officerText).toContain('精品作品1');
    expect(officerText).toContain('动画电视'); // mediaType tv, by its option label
    // every rule, with its result
    const elig = (await http().get(`/api/applications/${app.id}/eligibility`).set(auth(staff.officer))).body;
    expect(elig.checks.length).toBeGreaterThan(3);
    for (const c of elig.checks) expect(officerText).toContain(`[${c.passed ? '通过' : '未通过'}] ${c.rule}`);
    // every attachment with its sha256; the PDF merged, the broken one and the video listed with a note
    for (const a of appView.attachments) {
      expect(officerText).toContain(a.sha256);
      expect(officerText).toContain(a.fileName);
    }
    expect(officerText).toContain(MARKER);
    expect(officerText).toContain('已并入（2 页）');
    expect(officerText).toMatch(/licence\.pdf.*(无法解析|无页面)/);
    expect(officerText).toMatch(/episode\.mp4.*非 PDF 文件，仅列出/);
    // review: the experts named for the officer
    const named = EXPERT_NAMES.filter((n) => officerText.includes(n));
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(officerText).toContain('评审意见：内容扎实。');
    // decision, 公示, objection with the objector, award and payments
    expect(officerText).toContain('评审排名第一');
    expect(officerText).toContain(OBJECTOR.name);
    expect(officerText).toContain('异议不成立');
    expect(officerText).toContain('一等');
    expect(officerText).toContain('¥400,000.00');
    const plan = (await http().get(`/api/payments?awardId=${awardId}`).set(auth(staff.financeA))).body.items;
    const first = plan.find((i: { instalmentNo: number }) => i.instalmentNo === 1);
    expect(officerText).toMatch(/已拨付合计[：:]\s*¥([\d,]+\.\d\d)/);
    expect(/已拨付合计[：:]\s*(¥[\d,]+\.\d\d)/.exec(officerText)![1]).toBe(
      `¥${(first.amountFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    expect(officerText).toContain('第 1 期');
    // every history step
    const history = (await http().get(`/api/applications/${app.id}/history`).set(auth(staff.officer))).body;
    expect(history.map((h: { to: string }) => h.to)).toEqual(
      expect.arrayContaining(['draft', 'submitted', 'under_review', 'reviewed', 'proposed', 'awarded']),
    );
    const statusZh: Record<string, string> = {
      draft: '草稿',
      submitted: '已提交',
      under_review: '评审中',
      reviewed: '已评审',
      proposed: '拟入选',
      awarded: '已入选',
    };
    const historyPart = officerText.slice(officerText.indexOf('办理记录'));
    for (const h of history) {
      const at = new Date(new Date(h.at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      expect(historyPart).toContain(at);
      expect(historyPart).toContain(statusZh[h.to]);
    }
  });

  it("gives the applicant its copy: the same file with the experts anonymised and no objector's identity", async () => {
    const res = await get(`/api/applications/${app.id}/dossier.pdf`, app.company.token);
    expect(res.status).toBe(200);
    const text = await pdfText(res.body);
    expect(text).toContain(app.number);
    expect(text).toContain('申报单位副本');
    expect(text).toContain(MARKER);
    for (const n of EXPERT_NAMES) expect(text).not.toContain(n);
    expect(text).toContain('专家1');
    expect(text).toContain('专家2');
    expect(text).toContain('评审意见：内容扎实。');
    expect(text).not.toContain(OBJECTOR.name);
    expect(text).not.toContain(OBJECTOR.contact);
    expect(text).toContain('疑似与他人作品雷同');
    expect(text).toContain('¥400,000.00');
  });

  it('answers 404 to another company, 403 to other roles, 401 without a token', async () => {
    for (const path of ['dossier.pdf', 'application-form.pdf']) {
      expect((await get(`/api/applications/${app.id}/${path}`, other.company.token)).status).toBe(404);
      expect((await get(`/api/applications/${app.id}/${path}`, staff.experts[0])).status).toBe(403);
      expect((await get(`/api/applications/${app.id}/${path}`, staff.financeA)).status).toBe(403);
      expect((await http().get(`/api/applications/${app.id}/${path}`)).status).toBe(401);
      expect((await get(`/api/applications/00000000-0000-4000-8000-000000000000/${path}`, staff.officer)).status).toBe(
        404,
      );
    }
    // an officer of another province: 404 like another company (officer-visibility's one answer)
    const guangdong = await provincialOfficer(p, staff.admin, 'officer-44@ds.test', '44');
    for (const path of ['dossier.pdf', 'application-form.pdf'])
      expect((await get(`/api/applications/${app.id}/${path}`, guangdong)).status).toBe(404);
    // the other company's own application still works for it, even a draft (no number yet: named by its id)
    expect((await get(`/api/applications/${other.id}/dossier.pdf`, other.company.token)).status).toBe(200);
    const draft = await get(`/api/applications/${draftId}/dossier.pdf`, other.company.token);
    expect(draft.status).toBe(200);
    expect(draft.headers['content-disposition']).toContain(`dossier-${draftId}.pdf`);
    expect(await pdfText(draft.body)).toContain('（未提交）');
  });

  let code: string;
  it('prints the 申报书 with the number, the form and a check code whose QR address the server gives', async () => {
    const res = await get(`/api/applications/${app.id}/application-form.pdf`, app.company.token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(app.number);
    if (process.env.DOSSIER_DUMP_DIR)
      writeFileSync(join(process.env.DOSSIER_DUMP_DIR, 'application-form.pdf'), res.body);
    const text = await pdfText(res.body);
    expect(text).toContain(app.number);
    expect(text).toContain(app.title);
    expect(text).toContain('作品名称');
    expect(text).toContain('申报单位（盖章）');
    const m = /核验码\s*([A-Z2-7]{10})/.exec(text);
    expect(m).not.toBeNull();
    code = m![1];
    const dossiers = p.app.get(DossierService, { strict: false });
    expect(dossiers.checkCode(app.number)).toBe(code);
    expect(dossiers.checkUrl(app.number)).toBe(`http://portal.test/verify/${app.number}?c=${code}`);
    expect(text.replace(/\s+/g, '')).toContain(`/verify/${app.number}?c=${code}`);
    // officers in scope print it too; a draft has no number yet
    expect((await get(`/api/applications/${app.id}/application-form.pdf`, staff.officer)).status).toBe(200);
    const draft = await http().get(`/api/applications/${draftId}/application-form.pdf`).set(auth(other.company.token));
    expect(draft.status).toBe(409);
    expect(draft.body.code).toBe('DOSSIER.NOT_SUBMITTED');
  });

  it('the public check answers a real number with its code, and 404 alike for an invented number or a wrong code', async () => {
    const ok = await http().get(`/api/public/applications/${encodeURIComponent(app.number)}?c=${code}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      number: app.number,
      program: 'jingpin',
      programName: { zh: expect.stringContaining('精品'), en: expect.any(String) },
      title: app.title,
      status: 'awarded',
      statusName: { zh: '已入选', en: 'awarded' },
    });
    expect((await http().get(`/api/public/applications/${app.number}?c=${code.toLowerCase()}`)).status).toBe(200);
    const invented = app.number.replace(/\d+$/, (d) => String(Number(d) + 500).padStart(d.length, '0'));
    const wrongNumber = await http().get(`/api/public/applications/${encodeURIComponent(invented)}?c=${code}`);
    const wrongCode = await http().get(
      `/api/public/applications/${app.number}?c=${code === 'AAAAAAAAAA' ? 'B' : 'A'}AAAAAAAAA`,
    );
    const noCode = await http().get(`/api/public/applications/${app.number}`);
    const otherCode = await http().get(`/api/public/applications/${other.number}?c=${code}`);
    for (const r of [wrongNumber, wrongCode, noCode, otherCode]) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('DOSSIER.CHECK_NOT_FOUND');
    }
    expect(wrongCode.body).toEqual(wrongNumber.body);
  });

  it('limits the look-ups of one address (429 with Retry-After)', async () => {
    let last = 200;
    let retryAfter: string | undefined;
    for (let i = 0; i < 12 && last !== 429; i++) {
      const r = await http().get(`/api/public/applications/${app.number}?c=${code}`);
      last = r.status;
      retryAfter = r.headers['retry-after'];
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

/*
 * 认定 change reports (issue 13, item 5): a certified enterprise reports a change of name or structure within 15 working
 * days, counted on the working-day calendar across Mid-Autumn and National Day 2026 (25–27 Sep and 1–7 Oct off, Sat
 * 10 Oct a make-up working day); a late report is recorded and marked late; the officer of the organization's province
 * accepts a rename, which renames the organization and reissues the certificate under the same number.
 */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { auth, startPortal, TestPortal } from '../support/portal';
import {
  binary,
  certifyCall,
  pdfText,
  provincialOfficer,
  ReviewedApp,
  reviewedCall,
  setClock,
  setupStaff,
  Staff,
  waitForMail,
} from './awards-fixtures';

jest.setTimeout(60_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const NEW_NAME = '山海新篇动漫科技有限公司';
const flat = (s: string) => s.replace(/\s/g, '');
/** The licences kept in local storage (objects/change-reports/<report id>). */
const storedLicences = (storageDir: string): string[] => {
  const dir = join(storageDir, 'objects', 'change-reports');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('followup: 认定 change reports (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let apps: ReviewedApp[];
  let awardA: string;
  let beijing: string; // officer of the companies' province (11)
  let shanghai: string; // officer of another province (31)
  let renameId: string;
  const http = () => p.http();

  const fileReport = (token: string, orgId: string, fields: Record<string, string>, file: Buffer | null = PDF) => {
    const req = http().post(`/api/organizations/${orgId}/change-reports`).set(auth(token));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    if (file) req.attach('file', file, { filename: '营业执照.pdf', contentType: 'application/pdf' });
    return req;
  };

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'cr');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    let callId: string;
    ({ callId, apps } = await reviewedCall(p, staff, 'rending', 3, { firstCompany: 4701, call: { budgetFen: 0 } }));
    const awards = await certifyCall(p, staff, callId, 2, '2026-03-10T09:00:00+08:00');
    awardA = awards.find((a) => a.applicationId === apps[0].id)!.id;
    expect(awards.find((a) => a.id === awardA)!.certificateNo).toBe('RD-2026-000001');
    beijing = await provincialOfficer(p, staff.admin, 'officer@bj.cr.test', '11');
    shanghai = await provincialOfficer(p, staff.admin, 'officer@sh.cr.test', '31');
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('refuses a change before the certificate or in the future (422), without a licence (422) or not a PDF/image (415)', async () => {
    const a = apps[0].company;
    const before = await fileReport(a.token, a.organizationId, {
      kind: 'rename',
      effectiveOn: '2026-03-09',
      newName: NEW_NAME,
      detail: '更名',
    });
    expect(before.status).toBe(422);
    expect(before.body.details[0].path).toBe('effectiveOn');
    const future = await fileReport(a.token, a.organizationId, {
      kind: 'rename',
      effectiveOn: '2026-03-11',
      newName: NEW_NAME,
      detail: '更名',
    });
    expect(future.status).toBe(422);
    expect(future.body.details[0].path).toBe('effectiveOn');
    const noFile = await fileReport(
      a.token,
      a.organizationId,
      { kind: 'structure', effectiveOn: '2026-03-10', detail: '股权结构变更' },
      null,
    );
    expect(noFile.status).toBe(422);
    expect(noFile.body.code).toBe('CHANGE_REPORT.LICENCE_REQUIRED');
    const text = await fileReport(
      a.token,
      a.organizationId,
      { kind: 'structure', effectiveOn: '2026-03-10', detail: '股权结构变更' },
      Buffer.from('just text, not a licence'),
    );
    expect(text.status).toBe(415);
    const noName = await fileReport(a.token, a.organizationId, {
      kind: 'rename',
      effectiveOn: '2026-03-10',
      detail: '更名',
    });
    expect(noName.status).toBe(422);
    expect(noName.body.details[0].path).toBe('newName');
    const badKind = await fileReport(a.token, a.organizationId, {
      kind: 'merger',
      effectiveOn: '2026-03-10',
      detail: 'x',
    });
    expect(badKind.status).toBe(400);
    // nothing was recorded, and no licence of a refused report was kept (those refused after the upload included)
    const mine = await http().get(`/api/organizations/${a.organizationId}/change-reports`).set(auth(a.token));
    expect(mine.body.total).toBe(0);
    expect(storedLicences(p.storageDir)).toEqual([]);
  });

  it('a company without a certificate has nothing to report (409); another company’s organization is 404; an officer cannot file (403)', async () => {
    const rejected = apps[2].company;
    const none = await fileReport(rejected.token, rejected.organizationId, {
      kind: 'structure',
      effectiveOn: '2026-03-10',
      detail: '股权结构变更',
    });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('CHANGE_REPORT.NOT_CERTIFIED');
    const other = await fileReport(apps[1].company.token, apps[0].company.organizationId, {
      kind: 'structure',
      effectiveOn: '2026-03-10',
      detail: '股权结构变更',
    });
    expect(other.status).toBe(404);
    const officer = await fileReport(staff.officer, apps[0].company.organizationId, {
      kind: 'structure',
      effectiveOn: '2026-03-10',
      detail: '股权结构变更',
    });
    expect(officer.status).toBe(403);
  });

  it('a certificate is not a grant: its company reports changes, it asks for none (422 CHANGE.NOT_A_GRANT)', async () => {
    const res = await http()
      .post(`/api/awards/${awardA}/changes`)
      .set(auth(apps[0].company.token))
      .send({ kind: 'title', reason: '更名。', proposed: { title: '新名称' } });
    expect([res.status, res.body.code]).toEqual([422, 'CHANGE.NOT_A_GRANT']);
  });

  it('a rename effective Thu 24 Sep reported on 16 Oct is on time: the deadline is 22 Oct on the calendar', async () => {
    await setClock(p, staff.admin, '2026-10-16T10:00:00+08:00');
    const a = apps[0].company;
    const res = await fileReport(a.token, a.organizationId, {
      kind: 'rename',
      effectiveOn: '2026-09-24',
      newName: NEW_NAME,
      detail: '经市场监督管理局核准，企业名称变更',
    });
    expect(res.status).toBe(201);
    // 25–27 Sep off; 28, 29, 30 (3); 1–7 Oct off; 8, 9, Sat 10 (6); 12–16 (11); 19, 20, 21, 22 (15)
    expect(res.body).toMatchObject({
      kind: 'rename',
      effectiveOn: '2026-09-24',
      deadline: '2026-10-22',
      late: false,
      status: 'submitted',
      oldName: a.name,
      newName: NEW_NAME,
      organizationName: a.name,
      certificateNo: 'RD-2026-000001',
      licence: { mimeType: 'application/pdf', size: PDF.length, fileName: '营业执照.pdf' },
    });
    renameId = res.body.id;
    expect(storedLicences(p.storageDir)).toEqual([renameId]);
    const again = await fileReport(a.token, a.organizationId, {
      kind: 'rename',
      effectiveOn: '2026-09-24',
      newName: `${NEW_NAME}二`,
      detail: '再次报告',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CHANGE_REPORT.PENDING');
  });

  it('one working day after the deadline (Fri 23 Oct) the report is accepted and marked late', async () => {
    await setClock(p, staff.admin, '2026-10-23T10:00:00+08:00');
    const a = apps[0].company;
    const res = await fileReport(a.token, a.organizationId, {
      kind: 'structure',
      effectiveOn: '2026-09-24',
      detail: '股东变更：新增股东一名',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ deadline: '2026-10-22', late: true, status: 'submitted', newName: null });
    // the officer returns it; a second decision is 409
    const ret = await http()
      .post(`/api/change-reports/${res.body.id}/return`)
      .set(auth(beijing))
      .send({ note: '请补充股东会决议' });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned', decisionNote: '请补充股东会决议', late: true });
    expect(await waitForMail(p, a.email, /变更报告被退回/)).toContain('请补充股东会决议');
    expect(
      (await http().post(`/api/change-reports/${res.body.id}/accept`).set(auth(beijing)).send({ note: 'ok' })).status,
    ).toBe(409);
  });

  it('another company, an officer of another province: 404; the applicant cannot decide (403)', async () => {
    const b = apps[1].company;
    expect((await http().get(`/api/change-reports/${renameId}`).set(auth(b.token))).status).toBe(404);
    expect((await http().get(`/api/change-reports/${renameId}/licence`).set(auth(b.token))).status).toBe(404);
    expect(
      (await http().get(`/api/organizations/${apps[0].company.organizationId}/change-reports`).set(auth(b.token)))
        .status,
    ).toBe(404);
    expect((await http().get('/api/change-reports').set(auth(b.token))).body.total).toBe(0);
    expect(
      (await http().post(`/api/change-reports/${renameId}/accept`).set(auth(apps[0].company.token)).send({ note: 'x' }))
        .status,
    ).toBe(403);
    expect((await http().get(`/api/change-reports/${renameId}`).set(auth(shanghai))).status).toBe(404);
    expect(
      (await http().post(`/api/change-reports/${renameId}/accept`).set(auth(shanghai)).send({ note: 'x' })).status,
    ).toBe(404);
    expect((await http().get('/api/change-reports?status=submitted').set(auth(shanghai))).body.total).toBe(0);
    expect(
      (await http().get(`/api/organizations/${apps[0].company.organizationId}/change-reports`).set(auth(shanghai)))
        .status,
    ).toBe(404);
    // the province's officer sees it in the queue, with its licence
    const queue = await http().get('/api/change-reports?status=submitted').set(auth(beijing));
    expect(queue.body.items.map((r: any) => r.id)).toEqual([renameId]);
    const lic = await http()
      .get(`/api/change-reports/${renameId}/licence`)
      .set(auth(beijing))
      .buffer(true)
      .parse(binary);
    expect(lic.status).toBe(200);
    expect(Buffer.compare(lic.body, PDF)).toBe(0);
  });

  it('accepting the rename renames the organization and reissues the certificate under the same number', async () => {
    const a = apps[0].company;
    const before = await pdfText(
      (await http().get(`/api/awards/${awardA}/certificate.pdf`).set(auth(a.token)).buffer(true).parse(binary)).body,
    );
    expect(flat(before)).toContain(flat(a.name));
    expect(flat(before)).not.toContain('换发');

    const res = await http()
      .post(`/api/change-reports/${renameId}/accept`)
      .set(auth(beijing))
      .send({ note: '核准更名，换发证书' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', reissuedOn: '2026-10-23', organizationName: NEW_NAME });
    expect(
      (await http().post(`/api/change-reports/${renameId}/accept`).set(auth(beijing)).send({ note: 'x' })).status,
    ).toBe(409);

    expect(await waitForMail(p, a.email, /变更报告已确认/)).toContain('以原编号换发');

    const org = await http().get(`/api/organizations/${a.organizationId}`).set(auth(a.token));
    expect(org.status).toBe(200);
    expect(org.body.name).toBe(NEW_NAME);
    expect(org.body.nameChanges).toHaveLength(1);
    expect(org.body.nameChanges[0]).toMatchObject({ from: a.name, to: NEW_NAME });

    const award = await http().get(`/api/awards/${awardA}`).set(auth(a.token));
    expect(award.body.certificateNo).toBe('RD-2026-000001');

    const pdf = await http().get(`/api/awards/${awardA}/certificate.pdf`).set(auth(a.token)).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const text = flat(await pdfText(pdf.body));
    expect(text).toContain(flat(NEW_NAME));
    expect(text).not.toContain(flat(a.name));
    expect(text).toContain('RD-2026-000001');
    expect(text).toContain('发证日期：2026年10月23日');
    expect(text).toContain('换发日期：2026年10月23日');
    expect(text).toContain('首次发证日期2026年3月10日');

    // the organization's reports, newest first
    const mine = await http().get(`/api/organizations/${a.organizationId}/change-reports`).set(auth(a.token));
    expect(mine.body.items.map((r: any) => [r.kind, r.status, r.late])).toEqual([
      ['structure', 'returned', true],
      ['rename', 'accepted', false],
    ]);

    // the application's dossier carries the change reports as a chapter (followup's DOSSIER_SECTIONS)
    const dossier = await http()
      .get(`/api/applications/${apps[0].id}/dossier.pdf`)
      .set(auth(a.token))
      .buffer(true)
      .parse(binary);
    expect(dossier.status).toBe(200);
    const file = flat(await pdfText(dossier.body));
    expect(file).toContain('认定变更报告');
    expect(file).toContain('名称变更');
    expect(file).toContain('逾期');
  });
});

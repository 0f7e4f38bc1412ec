/*
 * Issue 12, item 2 for the applications lib: every officer route over applications, their files and calls asks
 * officer-visibility. Officers of two provinces (江苏 32, 广西 45) see only their province's applications — another
 * province's is 404 on GET, history, eligibility, screening and files, exactly as another organization's records are
 * for applicants — while an officer without an agency stays national and sees everything (API.md unchanged). An
 * agency handling only 认定 gets 404 on a 精品工程 call's officer routes, and only the national office opens or edits
 * calls (403 CALL.NATIONAL_OFFICE_ONLY).
 */
import { AccountStatusCache } from '../../libs/identity/src/users/account-status';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { makeOfficer, openCall, readyDraft } from './applications-fixtures';

let p: TestPortal;
let national: string;
let jiangsu: string;
let guangxi: string;
let guangxiRending: string;
let js: Awaited<ReturnType<typeof registerCompany>>;
let gx: Awaited<ReturnType<typeof registerCompany>>;
let call: Awaited<ReturnType<typeof openCall>>;
let jsApp: string;
let gxApp: string;

/** An officer of the agency with this code (POST /api/users makes them national; the agency is set afterwards). */
async function provincialOfficer(email: string, agencyCode: string): Promise<string> {
  const token = await makeOfficer(p, email);
  const [{ id }]: { id: string }[] = await p.ds.query(
    `UPDATE app_user SET agency_id = (SELECT id FROM agency WHERE code = $2) WHERE email = $1 RETURNING id`,
    [email, agencyCode],
  );
  p.app.get(AccountStatusCache).invalidate(id);
  return token;
}

async function submitted(token: string): Promise<string> {
  const app = await readyDraft(p, token, call.id);
  const res = await p.http().post(`/api/applications/${app.id}/submit`).set(auth(token));
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return app.id;
}

beforeAll(async () => {
  p = await startPortal({ worker: false });
  national = await makeOfficer(p, 'national@scope.test');
  jiangsu = await provincialOfficer('js@scope.test', 'prov-32');
  guangxi = await provincialOfficer('gx@scope.test', 'prov-45');
  // a second 广西 agency that handles 认定 only (the provincial certification body)
  await p.ds.query(
    `INSERT INTO agency (code, name_zh, name_en, level, province_code, programs)
     VALUES ('prov-45-rending', '广西壮族自治区动漫企业认定机构', 'Guangxi animation certification body', 'provincial', '45', '{rending}')`,
  );
  guangxiRending = await provincialOfficer('gx-rending@scope.test', 'prov-45-rending');
  js = await registerCompany(p, 3201, { region: '320102', name: '南京星火动画有限公司' });
  gx = await registerCompany(p, 4501, { region: '450102', name: '南宁青山动漫有限公司' });
  call = await openCall(p, national, 'rending');
  jsApp = await submitted(js.token);
  gxApp = await submitted(gx.token);
});
afterAll(async () => {
  await p?.close();
});

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

describe('the application list', () => {
  it('shows each provincial officer only their province, the national officer every province', async () => {
    const asJs = await p.http().get('/api/applications').set(auth(jiangsu));
    expect(asJs.status).toBe(200);
    expect(asJs.body.total).toBe(1);
    expect(asJs.body.items).toEqual([
      expect.objectContaining({ id: jsApp, provinceCode: '32', provinceName: { zh: '江苏', en: 'Jiangsu' } }),
    ]);
    const asGx = await p.http().get('/api/applications').set(auth(guangxi));
    expect(asGx.body.total).toBe(1);
    expect(ids(asGx)).toEqual([gxApp]);
    const asNational = await p.http().get('/api/applications').set(auth(national));
    expect(asNational.body.total).toBe(2);
    expect(ids(asNational)).toEqual([jsApp, gxApp].sort());
  });

  it('filters by ?province=, within the scope only', async () => {
    const gxOnly = await p.http().get('/api/applications?province=45').set(auth(national));
    expect(gxOnly.body.total).toBe(1);
    expect(gxOnly.body.items[0]).toMatchObject({ id: gxApp, provinceCode: '45', provinceName: { zh: '广西' } });
    // a 江苏 officer asking for 广西 gets nothing, not 广西's applications
    const across = await p.http().get('/api/applications?province=45').set(auth(jiangsu));
    expect(across.status).toBe(200);
    expect(across.body).toMatchObject({ total: 0, items: [] });
    expect((await p.http().get('/api/applications?province=jiangsu').set(auth(national))).status).toBe(400);
  });
});

describe('one application', () => {
  it('is 404 on GET, history and eligibility for another province, and shows the province to those who see it', async () => {
    for (const path of ['', '/history', '/eligibility']) {
      expect((await p.http().get(`/api/applications/${gxApp}${path}`).set(auth(jiangsu))).status).toBe(404);
      expect((await p.http().get(`/api/applications/${jsApp}${path}`).set(auth(guangxi))).status).toBe(404);
      expect((await p.http().get(`/api/applications/${jsApp}${path}`).set(auth(jiangsu))).status).toBe(200);
      expect((await p.http().get(`/api/applications/${gxApp}${path}`).set(auth(national))).status).toBe(200);
    }
    const missing = await p.http().get(`/api/applications/${gxApp}`).set(auth(jiangsu));
    expect(missing.body.code).toBe('APPLICATION.NOT_FOUND');
    const own = await p.http().get(`/api/applications/${jsApp}`).set(auth(js.token));
    expect(own.body).toMatchObject({ provinceCode: '32', provinceName: { zh: '江苏', en: 'Jiangsu' } });
  });

  it('is 404 on its files (download and signed link) for another province', async () => {
    const view = await p.http().get(`/api/applications/${gxApp}`).set(auth(guangxi));
    const file = view.body.attachments[0].id as string;
    for (const path of [file, `${file}/link`]) {
      const across = await p.http().get(`/api/applications/${gxApp}/attachments/${path}`).set(auth(jiangsu));
      expect(across.status).toBe(404);
      expect((await p.http().get(`/api/applications/${gxApp}/attachments/${path}`).set(auth(guangxi))).status).toBe(
        200,
      );
      expect((await p.http().get(`/api/applications/${gxApp}/attachments/${path}`).set(auth(national))).status).toBe(
        200,
      );
    }
  });

  it('is 404 on the formal check for another province, and the province runs its own', async () => {
    const across = await p
      .http()
      .post(`/api/applications/${gxApp}/screening`)
      .set(auth(jiangsu))
      .send({ decision: 'reject', comment: '不属于本省' });
    expect(across.status).toBe(404);
    expect((await p.http().get(`/api/applications/${gxApp}`).set(auth(guangxi))).body.status).toBe('submitted');
    const own = await p
      .http()
      .post(`/api/applications/${jsApp}/screening`)
      .set(auth(jiangsu))
      .send({ decision: 'accept' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'under_review', provinceCode: '32' });
  });

  it("follows a corrected province: the organization's province decides, read fresh", async () => {
    await p.ds.query(`UPDATE organization SET province_code = '32' WHERE id = $1`, [gx.organizationId]);
    try {
      expect((await p.http().get(`/api/applications/${gxApp}`).set(auth(jiangsu))).status).toBe(200);
      expect((await p.http().get(`/api/applications/${gxApp}`).set(auth(guangxi))).status).toBe(404);
    } finally {
      await p.ds.query(`UPDATE organization SET province_code = '45' WHERE id = $1`, [gx.organizationId]);
    }
  });
});

describe('calls and programs', () => {
  it("gives an agency that handles 认定 only a 404 on a 精品工程 call's applications and application", async () => {
    const jingpin = await openCall(p, national, 'jingpin');
    await p.ds.query(
      `INSERT INTO application (call_id, organization_id, program_code, title, payload, status, created_by)
       VALUES ($1, $2, 'jingpin', '精品工程申报', '{}', 'draft', $3)`,
      [jingpin.id, gx.organizationId, gx.userId],
    );
    const [{ id: jingpinApp }]: { id: string }[] = await p.ds.query(`SELECT id FROM application WHERE call_id = $1`, [
      jingpin.id,
    ]);
    const list = await p.http().get(`/api/applications?callId=${jingpin.id}`).set(auth(guangxiRending));
    expect(list.status).toBe(404);
    expect(list.body.code).toBe('CALL.NOT_FOUND');
    expect((await p.http().get(`/api/applications/${jingpinApp}`).set(auth(guangxiRending))).status).toBe(404);
    // the same province's all-program agency sees it; the 认定 call's 广西 application stays visible to both
    expect((await p.http().get(`/api/applications/${jingpinApp}`).set(auth(guangxi))).status).toBe(200);
    expect((await p.http().get(`/api/applications/${gxApp}`).set(auth(guangxiRending))).status).toBe(200);
    const rendingOnly = await p.http().get('/api/applications').set(auth(guangxiRending));
    expect(ids(rendingOnly)).toEqual([gxApp]);
    // and a PATCH of that call, by anyone outside its program, is 404 too
    const patch = await p
      .http()
      .patch(`/api/calls/${jingpin.id}`)
      .set(auth(guangxiRending))
      .send({ version: 1, title: '改' });
    expect(patch.status).toBe(404);
  });

  it('leaves opening and editing calls to the national office (403 CALL.NATIONAL_OFFICE_ONLY)', async () => {
    const open = await p
      .http()
      .post('/api/calls')
      .set(auth(jiangsu))
      .send({
        programCode: 'rending',
        year: 2026,
        title: '江苏自设批次',
        opensAt: new Date(Date.now() - 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        budgetFen: 0,
        reviewersPerApplication: 3,
        blindReview: false,
        regionRecusal: false,
        noticeWorkingDays: 5,
        aggregation: 'mean',
      });
    expect(open.status).toBe(403);
    expect(open.body.code).toBe('CALL.NATIONAL_OFFICE_ONLY');
    const edit = await p.http().patch(`/api/calls/${call.id}`).set(auth(jiangsu)).send({ version: 1, title: '改' });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('CALL.NATIONAL_OFFICE_ONLY');
    const byNational = await p
      .http()
      .patch(`/api/calls/${call.id}`)
      .set(auth(national))
      .send({ version: 1, title: '2026 年度动漫企业认定（第一批）' });
    expect(byNational.status).toBe(200);
  });
});

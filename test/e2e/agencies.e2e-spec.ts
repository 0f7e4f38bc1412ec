/*
 * Issue 12, items 1–3: admins manage agencies (主管部门); an officer belongs to one (POST /api/users agencyId, PUT
 * /api/users/:id/agency) and gets its province × programs as the request's scope (AuthUser.scope); an officer without
 * an agency stays national for every program; an admin corrects an organization's province with a recorded reason.
 * Two provinces (江苏 32, 广西 45) and a national officer.
 */
import { JwtStrategy } from '../../libs/identity/src/auth/strategies';
import { DEMO_LOGINS, seedDemo } from '../../seeds/demo';
import { ADMIN, auth, registerCompany, startPortal, TestPortal } from '../support/portal';

let p: TestPortal;
let admin: string;
const PW = 'Officer#Pass2026';

beforeAll(async () => {
  p = await startPortal({ worker: false });
  admin = await p.login(ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await p?.close();
});

async function agencyId(code: string): Promise<string> {
  const rows: { id: string }[] = await p.ds.query(`SELECT id FROM agency WHERE code = $1`, [code]);
  return rows[0].id;
}

async function scopeOf(sub: string) {
  return (await p.app.get(JwtStrategy).validate({ sub, roles: ['officer'], org: null })).scope;
}

describe('agencies', () => {
  it('officers and admins list the seeded agencies; others may not', async () => {
    const list = await p.http().get('/api/agencies?pageSize=100').set(auth(admin));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(36); // 31 provinces, the national office and 4 program agencies
    const js = list.body.items.find((a: { code: string }) => a.code === 'prov-32');
    expect(js).toMatchObject({
      level: 'provincial',
      provinceCode: '32',
      province: { code: '32', zh: '江苏', en: 'Jiangsu' },
      nameZh: '江苏省文化和旅游厅',
      programs: [],
      officers: 0,
      version: 1,
    });
    expect(js.descriptionZh).toContain('省级认定机构');
    const national = await p.http().get('/api/agencies?level=national').set(auth(admin));
    expect(national.body.items.map((a: { code: string; programs: string[] }) => [a.code, a.programs])).toEqual([
      ['national', []],
      ['national-mct', ['jingpin', 'tuiguang', 'ydyl', 'dongmanjiang']],
      ['national-nppa', ['yuandongli']],
      ['national-nrta', ['tuiyou']],
      ['national-rending', ['rending']],
    ]);
    // each program's national agency is the one its module names (GET /api/programs' `agency`)
    const programs = (await p.http().get('/api/programs')).body as {
      code: string;
      agency: { zh: string };
      officeProvince: string | null;
    }[];
    expect(programs.map((x) => x.code).sort()).toEqual([
      'dongmanjiang',
      'jingpin',
      'js-xiangmuku',
      'rending',
      'tuiguang',
      'tuiyou',
      'ydyl',
      'yuandongli',
    ]);
    // a provincial program (江苏's project bank) is run by its province's agency, not a national one
    expect(programs.filter((x) => x.officeProvince).map((x) => [x.code, x.officeProvince])).toEqual([
      ['js-xiangmuku', '32'],
    ]);
    for (const prog of programs.filter((x) => !x.officeProvince)) {
      const own = national.body.items.filter((a: { programs: string[] }) => a.programs.includes(prog.code));
      expect(own.map((a: { nameZh: string }) => a.nameZh)).toEqual([prog.agency.zh]);
    }
    const gx = await p.http().get('/api/agencies?province=45').set(auth(admin));
    expect(gx.body.items).toHaveLength(1);

    const company = await registerCompany(p, 1);
    expect((await p.http().get('/api/agencies').set(auth(company.token))).status).toBe(403);
    expect((await p.http().get('/api/agencies')).status).toBe(401);
  });

  it('an admin creates and edits an agency; bad combinations are 422, a stale version 409, a duplicate 409', async () => {
    const made = await p
      .http()
      .post('/api/agencies')
      .set(auth(admin))
      .send({
        code: 'prov-32-rending',
        nameZh: '江苏省动漫企业认定机构',
        nameEn: 'Jiangsu Animation Enterprise Certification Body (culture, finance, tax)',
        level: 'provincial',
        provinceCode: '32',
        programs: ['rending'],
      });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ code: 'prov-32-rending', programs: ['rending'], version: 1, officers: 0 });
    const id = made.body.id as string;

    const bad = async (body: object) => (await p.http().post('/api/agencies').set(auth(admin)).send(body)).status;
    const base = { code: 'x-1', nameZh: '某', nameEn: 'X', level: 'provincial', provinceCode: '33' };
    expect(await bad({ ...base, provinceCode: undefined })).toBe(422); // provincial without a province
    expect(await bad({ ...base, provinceCode: '81' })).toBe(422); // not one of the 31
    expect(await bad({ ...base, level: 'national' })).toBe(422); // national with a province
    expect(await bad({ ...base, programs: ['nosuch'] })).toBe(422); // unknown program
    expect(await bad({ ...base, level: 'county' })).toBe(400);
    expect(await bad({ ...base, code: 'prov-32' })).toBe(409); // code taken
    expect(await bad({ ...base, code: 'x-2', provinceCode: '32', programs: ['rending'] })).toBe(409); // same place

    const officer = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '认定审核员', email: 'rd@js.test', password: PW, roles: ['officer'], agencyId: id });
    expect(officer.status).toBe(201);
    expect(officer.body.agencyId).toBe(id);
    expect(await scopeOf(officer.body.id)).toEqual({ agencyId: id, provinceCode: '32', programs: ['rending'] });

    const patched = await p
      .http()
      .patch(`/api/agencies/${id}`)
      .set(auth(admin))
      .send({ programs: ['rending', 'jingpin'], nameEn: 'Jiangsu certification body', version: 1 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ programs: ['rending', 'jingpin'], version: 2, officers: 1 });
    // the officer's scope follows the agency at once in this process
    expect((await scopeOf(officer.body.id))?.programs).toEqual(['rending', 'jingpin']);
    const stale = await p.http().patch(`/api/agencies/${id}`).set(auth(admin)).send({ nameZh: '旧', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('AGENCY.STALE_VERSION');
    const toNational = await p
      .http()
      .patch(`/api/agencies/${id}`)
      .set(auth(admin))
      .send({ level: 'national', provinceCode: '32', version: 2 });
    expect(toNational.status).toBe(422);

    const [audit] = await p.ds.query(
      `SELECT data FROM audit_event WHERE action = 'agency.updated' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [id],
    );
    expect(audit.data.programs).toEqual({ from: ['rending'], to: ['rending', 'jingpin'] });

    const officerLogin = await p.login('rd@js.test', PW);
    expect((await p.http().get('/api/agencies').set(auth(officerLogin))).status).toBe(200);
    expect(
      (await p.http().patch(`/api/agencies/${id}`).set(auth(officerLogin)).send({ nameZh: 'x', version: 2 })).status,
    ).toBe(403);
    expect(
      (
        await p
          .http()
          .get(`/api/agencies/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)
          .set(auth(admin))
      ).status,
    ).toBe(404);
  });
});

describe('officers belong to an agency', () => {
  let js: { id: string };
  let gx: { id: string };
  let nat: { id: string };

  beforeAll(async () => {
    const make = async (email: string, agency?: string) => {
      const res = await p
        .http()
        .post('/api/users')
        .set(auth(admin))
        .send({ name: email, email, password: PW, roles: ['officer'], ...(agency ? { agencyId: agency } : {}) });
      expect(res.status).toBe(201);
      return res.body as { id: string; agencyId: string | null };
    };
    js = await make('officer@js.test', await agencyId('prov-32'));
    gx = await make('officer@gx.test', await agencyId('prov-45'));
    nat = await make('officer@nation.test');
  });

  it('each gets their agency as scope; an officer without an agency is national for every program', async () => {
    expect(await scopeOf(js.id)).toEqual({ agencyId: await agencyId('prov-32'), provinceCode: '32', programs: null });
    expect(await scopeOf(gx.id)).toEqual({ agencyId: await agencyId('prov-45'), provinceCode: '45', programs: null });
    expect(await scopeOf(nat.id)).toBeUndefined();
    const users = await p.http().get('/api/users?role=officer&pageSize=100').set(auth(admin));
    const byEmail = Object.fromEntries(
      users.body.items.map((u: { email: string; agencyId: string | null }) => [u.email, u.agencyId]),
    );
    expect(byEmail['officer@js.test']).toBe(await agencyId('prov-32'));
    expect(byEmail['officer@nation.test']).toBeNull();

    const me = await p
      .http()
      .get('/api/me')
      .set(auth(await p.login('officer@gx.test', PW)));
    expect(me.body.agency).toMatchObject({ code: 'prov-45', level: 'provincial', province: { zh: '广西' } });
    const meNat = await p
      .http()
      .get('/api/me')
      .set(auth(await p.login('officer@nation.test', PW)));
    expect(meNat.body.agency).toBeNull();
  });

  it('an admin moves an officer between agencies, or back to national; only officers belong to one', async () => {
    const moved = await p
      .http()
      .put(`/api/users/${js.id}/agency`)
      .set(auth(admin))
      .send({ agencyId: await agencyId('prov-45') });
    expect(moved.status).toBe(200);
    expect(moved.body.agencyId).toBe(await agencyId('prov-45'));
    expect((await scopeOf(js.id))?.provinceCode).toBe('45');
    const back = await p.http().put(`/api/users/${js.id}/agency`).set(auth(admin)).send({ agencyId: null });
    expect(back.status).toBe(200);
    expect(await scopeOf(js.id)).toBeUndefined();
    await p
      .http()
      .put(`/api/users/${js.id}/agency`)
      .set(auth(admin))
      .send({ agencyId: await agencyId('prov-32') });
    expect((await scopeOf(js.id))?.provinceCode).toBe('32');
    const [audit] = await p.ds.query(
      `SELECT data FROM audit_event WHERE action = 'user.agency-changed' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [js.id],
    );
    expect(audit.data).toEqual({ from: null, to: await agencyId('prov-32') });

    expect((await p.http().put(`/api/users/${js.id}/agency`).set(auth(admin)).send({})).status).toBe(400);
    const noSuch = await p
      .http()
      .put(`/api/users/${js.id}/agency`)
      .set(auth(admin))
      .send({ agencyId: '00000000-0000-4000-8000-000000000000' });
    expect(noSuch.status).toBe(422);
    const finance = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: 'f',
        email: 'f@x.test',
        password: PW,
        roles: ['finance'],
        agencyId: await agencyId('prov-32'),
      });
    expect(finance.status).toBe(422);
    expect(finance.body.details[0].path).toBe('agencyId');
    const jsToken = await p.login('officer@js.test', PW);
    expect((await p.http().put(`/api/users/${gx.id}/agency`).set(auth(jsToken)).send({ agencyId: null })).status).toBe(
      403,
    );
  });
});

describe("the organization's province", () => {
  it('comes from the credit code, with its names, wherever the organization is shown', async () => {
    const a = await registerCompany(p, 32, { region: '320102' });
    const b = await registerCompany(p, 45, { region: '450102' });
    const ra = await p.http().get(`/api/organizations/${a.organizationId}`).set(auth(a.token));
    expect(ra.body).toMatchObject({ provinceCode: '32', province: { code: '32', zh: '江苏', en: 'Jiangsu' } });
    expect(ra.body.provinceChanges).toEqual([]);
    const rb = await p.http().get(`/api/organizations/${b.organizationId}`).set(auth(admin));
    expect(rb.body.province).toEqual({ code: '45', zh: '广西', en: 'Guangxi' });
  });

  it('an admin corrects it with a reason: audited, kept in the history shown with the organization', async () => {
    const c = await registerCompany(p, 99, { region: '320102' });
    const fix = await p
      .http()
      .post(`/api/organizations/${c.organizationId}/province`)
      .set(auth(admin))
      .send({ provinceCode: '45', reason: '企业已迁至南宁，注册地变更 (moved to Nanning)' });
    expect(fix.status).toBe(200);
    expect(fix.body).toMatchObject({ provinceCode: '45', province: { zh: '广西' }, regionCode: '320102' });
    expect(fix.body.provinceChanges).toEqual([
      expect.objectContaining({
        from: { code: '32', zh: '江苏', en: 'Jiangsu' },
        to: { code: '45', zh: '广西', en: 'Guangxi' },
        reason: '企业已迁至南宁，注册地变更 (moved to Nanning)',
        changedByName: expect.any(String),
      }),
    ]);
    const seen = await p.http().get(`/api/organizations/${c.organizationId}`).set(auth(c.token));
    expect(seen.body.provinceCode).toBe('45');
    expect(seen.body.provinceChanges).toHaveLength(1);
    const [audit] = await p.ds.query(
      `SELECT data FROM audit_event WHERE action = 'organization.province-corrected' AND entity_id = $1`,
      [c.organizationId],
    );
    expect(audit.data).toEqual({ from: '32', to: '45', reason: '企业已迁至南宁，注册地变更 (moved to Nanning)' });

    const post = (token: string, body: object) =>
      p.http().post(`/api/organizations/${c.organizationId}/province`).set(auth(token)).send(body);
    expect((await post(admin, { provinceCode: '45', reason: 'again' })).status).toBe(422); // already there
    expect((await post(admin, { provinceCode: '71', reason: 'x' })).status).toBe(422); // not a province with an office
    expect((await post(admin, { provinceCode: '32' })).status).toBe(400); // no reason
    expect((await post(admin, { provinceCode: '32', reason: '' })).status).toBe(400);
    const officer = await p.login('officer@nation.test', PW);
    expect((await post(officer, { provinceCode: '32', reason: 'x' })).status).toBe(403);
    expect((await post(c.token, { provinceCode: '32', reason: 'x' })).status).toBe(403);
    const none = await p
      .http()
      .post(`/api/organizations/00000000-0000-4000-8000-000000000000/province`)
      .set(auth(admin))
      .send({ provinceCode: '32', reason: 'x' });
    expect(none.status).toBe(404);
  });
});

describe('finding organizations (GET /api/organizations?q=)', () => {
  it('admins and officers find them by a part of the name or of the credit code; a province sees its own only', async () => {
    const nj = await registerCompany(p, 201, { region: '320102', name: '南京青梅动画有限公司' });
    const nn = await registerCompany(p, 202, { region: '450102', name: '南宁青梅动画有限公司' });
    const find = async (token: string, q: string) => {
      const res = await p.http().get('/api/organizations').query({ q, pageSize: 100 }).set(auth(token));
      expect(res.status).toBe(200);
      return res.body as { total: number; items: { id: string; name: string; province: { zh: string } }[] };
    };
    const all = await find(admin, '青梅');
    expect(all.total).toBe(2);
    expect(all.items.map((o) => o.name).sort()).toEqual(['南京青梅动画有限公司', '南宁青梅动画有限公司']);
    expect(all.items.find((o) => o.id === nj.organizationId)?.province.zh).toBe('江苏');
    // a part of the credit code, in any case
    const byCode = await find(admin, nn.creditCode.slice(11).toLowerCase());
    expect(byCode.items.map((o) => o.id)).toEqual([nn.organizationId]);
    // LIKE's wildcards are plain characters
    expect((await find(admin, '%')).total).toBe(0);
    expect((await find(admin, '_')).total).toBe(0);
    // without q: every organization, paged
    const page = await p.http().get('/api/organizations?pageSize=2').set(auth(admin));
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(5);

    const js = await p.login('officer@js.test', PW);
    const gx = await p.login('officer@gx.test', PW);
    const nat = await p.login('officer@nation.test', PW);
    expect((await find(js, '青梅')).items.map((o) => o.id)).toEqual([nj.organizationId]);
    expect((await find(gx, '青梅')).items.map((o) => o.id)).toEqual([nn.organizationId]);
    expect((await find(nat, '青梅')).total).toBe(2);
    expect((await p.http().get('/api/organizations').set(auth(nj.token))).status).toBe(403);
    expect(
      (
        await p
          .http()
          .get(`/api/organizations?q=${'x'.repeat(101)}`)
          .set(auth(admin))
      ).status,
    ).toBe(400);
  });
});

describe('demo data (npm start on the embedded database)', () => {
  it('has a national officer, officers of 江苏, 广西, 北京 and 福建, and companies in those provinces; every printed login works', async () => {
    expect(await seedDemo(p.databaseUrl)).toBe(true);
    expect(await seedDemo(p.databaseUrl)).toBe(false);
    const ids: Record<string, string> = {};
    // the demo admin is the launcher's PORTAL_ADMIN_EMAIL (this test portal has its own admin)
    for (const u of DEMO_LOGINS.users.filter((l) => l.role !== 'admin')) {
      const token = await p.login(u.email, DEMO_LOGINS.password);
      ids[u.email] = (await p.http().get('/api/me').set(auth(token))).body.id;
    }
    expect(await scopeOf(ids['officer-js@demo.portal'])).toMatchObject({ provinceCode: '32', programs: null });
    expect(await scopeOf(ids['officer-gx@demo.portal'])).toMatchObject({ provinceCode: '45', programs: null });
    expect(await scopeOf(ids['officer@demo.portal'])).toMatchObject({ provinceCode: null, programs: null });
    const provinces: { province_code: string }[] = await p.ds.query(
      `SELECT DISTINCT o.province_code FROM organization o JOIN app_user u ON u.organization_id = o.id
        WHERE u.email LIKE '%@demo.portal' ORDER BY 1`,
    );
    expect(provinces.map((r) => r.province_code)).toEqual(['11', '32', '35', '45']);
    // every demo company's province has a demo officer (the demo calls with a provincial stage strand none)
    expect(await scopeOf(ids['officer-bj@demo.portal'])).toMatchObject({ provinceCode: '11', programs: null });
    expect(await scopeOf(ids['officer-fj@demo.portal'])).toMatchObject({ provinceCode: '35', programs: null });

    // an older demo database with the officers of 江苏 and 广西 but not those of 北京 and 福建 gets them, and only them
    const older = `SELECT id FROM app_user WHERE email IN ('officer-bj@demo.portal', 'officer-fj@demo.portal')`;
    await p.ds.query(`DELETE FROM refresh_token WHERE user_id IN (${older})`);
    await p.ds.query(`DELETE FROM app_user WHERE id IN (${older})`);
    const orgs = async () =>
      (await p.ds.query(`SELECT count(*)::int AS n FROM organization WHERE name LIKE '%动%'`))[0].n as number;
    const before = await orgs();
    expect(await seedDemo(p.databaseUrl)).toBe(true);
    expect(await orgs()).toBe(before);
    const bj = await p.login('officer-bj@demo.portal', DEMO_LOGINS.password);
    expect((await p.http().get('/api/me').set(auth(bj))).body.agency).toMatchObject({ code: 'prov-11' });
  });
});

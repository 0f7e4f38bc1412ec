import { verifyAuditChain } from '@portal/platform';
import { decode } from '../support/mail-sink';
import { ADMIN, auth, registerCompany, startPortal, testCreditCode, TestPortal } from '../support/portal';

describe('identity (real Postgres, Redis, SMTP)', () => {
  let p: TestPortal;
  beforeAll(async () => {
    p = await startPortal();
  });
  afterAll(async () => {
    await p.close();
  });

  it('registers a company, mails a verification link, logs in, rotates refresh tokens and detects reuse', async () => {
    const email = 'founder@xinghuo.test';
    const reg = await p
      .http()
      .post('/api/auth/register')
      .send({
        organization: {
          name: '星火动画有限公司',
          creditCode: ' 91350100m000100y43 ',
          address: '福州市软件大道 89 号',
          legalRepresentative: '林晓东',
          businessTypes: ['animation'],
        },
        user: { name: '林晓东', email, phone: '13800138000', password: 'Xinghuo#2026' },
      });
    expect(reg.status).toBe(201);
    expect(reg.body.organization.creditCode).toBe('91350100M000100Y43'); // trimmed and upper-cased
    expect(reg.body.organization.provinceCode).toBe('35');
    expect(reg.body.user).toMatchObject({ email, roles: ['applicant'], organizationId: reg.body.organization.id });
    expect(reg.body.user.passwordHash).toBeUndefined();

    const mail = await p.mail.waitFor(email, /verify-email\?token=/);
    const token = /verify-email\?token=([\w-]+)/.exec(decode(mail.raw))![1];
    expect((await p.http().post('/api/auth/verify-email').send({ token })).status).toBe(204);
    expect((await p.http().post('/api/auth/verify-email').send({ token })).status).toBe(404); // single use

    const login = await p.http().post('/api/auth/login').send({ email, password: 'Xinghuo#2026' });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    const me = await p.http().get('/api/me').set(auth(login.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email,
      roles: ['applicant'],
      organizationId: reg.body.organization.id,
      emailVerified: true,
    });

    const r1 = await p.http().post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(login.body.refreshToken);
    // reusing the spent token is rejected and revokes the whole family, including the newest token
    const reuse = await p.http().post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(reuse.status).toBe(401);
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: r1.body.refreshToken })).status).toBe(401);

    // logout revokes the family of the token presented
    const again = await p.http().post('/api/auth/login').send({ email, password: 'Xinghuo#2026' });
    const out = await p
      .http()
      .post('/api/auth/logout')
      .set(auth(again.body.accessToken))
      .send({ refreshToken: again.body.refreshToken });
    expect(out.status).toBe(204);
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: again.body.refreshToken })).status).toBe(401);
  });

  it('refuses a taken credit code or e-mail with 409', async () => {
    const a = await registerCompany(p, 501);
    const dup = await p
      .http()
      .post('/api/auth/register')
      .send({
        organization: {
          name: '另一家',
          creditCode: a.creditCode,
          address: 'x',
          legalRepresentative: 'y',
          businessTypes: ['comic'],
        },
        user: { name: 'z', email: 'other501@test.portal', phone: '13800138000', password: 'Another#2026' },
      });
    expect(dup.status).toBe(409);
    expect(dup.body.details[0].path).toBe('organization.creditCode');
  });

  it.each([
    ['91350100M000100Y4', 'length', /18/],
    ['91350100M000100YI3', 'charset', /I/],
    ['91350100M000100Y44', 'check', /3/],
  ])('refuses credit code %s (%s fault) with 422 on organization.creditCode', async (code, _fault, hint) => {
    const res = await p
      .http()
      .post('/api/auth/register')
      .send({
        organization: {
          name: '坏代码公司',
          creditCode: code,
          address: 'x',
          legalRepresentative: 'y',
          businessTypes: ['comic'],
        },
        user: { name: 'z', email: `bad${code}@test.portal`, phone: '13800138000', password: 'Another#2026' },
      });
    expect(res.status).toBe(422);
    expect(res.body.details[0].path).toBe('organization.creditCode');
    expect(JSON.stringify(res.body.details[0].message)).toMatch(hint);
  });

  it('lets an admin accept a pilot-era code that fails only the check character', async () => {
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const pilot = '91350100M000100Y44';
    const ex = await p
      .http()
      .post('/api/admin/credit-code-exceptions')
      .set(auth(admin))
      .send({ creditCode: pilot, reason: '2015 年试点期间赋码，经市场监管局书面确认' });
    expect(ex.status).toBe(201);
    const res = await p
      .http()
      .post('/api/auth/register')
      .send({
        organization: {
          name: '试点公司',
          creditCode: pilot,
          address: 'x',
          legalRepresentative: 'y',
          businessTypes: ['comic'],
        },
        user: { name: 'z', email: 'pilot@test.portal', phone: '13800138000', password: 'Another#2026' },
      });
    expect(res.status).toBe(201);
    expect(res.body.organization.creditCodeException).toMatch(/试点/);
  });

  it('bootstraps the admin, who creates expert, officer and finance accounts', async () => {
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const expert = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: '陈思远',
        email: 'chen@expert.test',
        password: 'Expert#Pass2026',
        roles: ['expert'],
        expert: {
          fields: ['rending', 'yuandongli/web-animation'],
          employerCreditCode: '91110000600037341L',
          regionCode: '110105',
          conflicts: [{ creditCode: '91350100M000100Y43', note: '曾合作' }],
        },
      });
    expect(expert.status).toBe(201);
    expect(expert.body).toMatchObject({
      roles: ['expert'],
      expert: { fields: ['rending', 'yuandongli/web-animation'], regionCode: '110105' },
    });
    for (const role of ['officer', 'finance']) {
      const r = await p
        .http()
        .post('/api/users')
        .set(auth(admin))
        .send({ name: role, email: `${role}@staff.test`, password: 'Staff#Pass2026', roles: [role] });
      expect(r.status).toBe(201);
    }
    const list = await p.http().get('/api/users?role=expert&page=1&pageSize=10').set(auth(admin));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    // an expert without the expert block, and a weak password, are refused with reasons
    const bad = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: 'x', email: 'x@staff.test', password: 'weakweakweak', roles: ['expert'] });
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['expert', 'password']);
  });

  it('forbids applicants on admin and officer routes (403) and hides other organizations (404)', async () => {
    const a = await registerCompany(p, 601);
    const b = await registerCompany(p, 602);
    expect(
      (
        await p
          .http()
          .post('/api/users')
          .set(auth(a.token))
          .send({ name: 'x', email: 'y@z.test', password: 'Staff#Pass2026', roles: ['admin'] })
      ).status,
    ).toBe(403);
    expect((await p.http().get('/api/admin/outbox').set(auth(a.token))).status).toBe(403);
    expect(
      (
        await p
          .http()
          .post(`/api/organizations/${a.organizationId}/flags`)
          .set(auth(a.token))
          .send({ kind: 'barred', reason: 'x', from: '2026-01-01' })
      ).status,
    ).toBe(403);
    expect((await p.http().get(`/api/organizations/${a.organizationId}`).set(auth(a.token))).status).toBe(200);
    expect((await p.http().get(`/api/organizations/${b.organizationId}`).set(auth(a.token))).status).toBe(404);
    expect((await p.http().get(`/api/organizations/not-a-uuid`).set(auth(a.token))).status).toBe(404);
    expect((await p.http().get('/api/me')).status).toBe(401);
    expect((await p.http().get('/api/me').set(auth('garbage'))).status).toBe(401);
  });

  it('lets officers flag an organization and a member invite a colleague', async () => {
    const a = await registerCompany(p, 701);
    const admin = await p.login(ADMIN.email, ADMIN.password);
    await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({ name: '周明', email: 'officer701@staff.test', password: 'Staff#Pass2026', roles: ['officer'] });
    const officer = await p.login('officer701@staff.test', 'Staff#Pass2026');
    const flag = await p
      .http()
      .post(`/api/organizations/${a.organizationId}/flags`)
      .set(auth(officer))
      .send({ kind: 'dishonest', reason: '列入严重失信名单', from: '2026-01-01', until: '2028-12-31' });
    expect(flag.status).toBe(201);
    const bad = await p
      .http()
      .post(`/api/organizations/${a.organizationId}/flags`)
      .set(auth(officer))
      .send({ kind: 'dishonest', reason: 'x', from: '2026-01-01', until: '2025-01-01' });
    expect(bad.status).toBe(422);
    // only a member whose own e-mail is verified may invite (trust-limits.e2e-spec.ts has the refusal)
    const verification = await p.mail.waitFor(a.email, /verify-email\?token=/);
    const verifyToken = /verify-email\?token=([\w-]+)/.exec(decode(verification.raw))![1];
    expect((await p.http().post('/api/auth/verify-email').send({ token: verifyToken })).status).toBe(204);
    const inv = await p
      .http()
      .post(`/api/organizations/${a.organizationId}/invitations`)
      .set(auth(a.token))
      .send({ email: 'colleague@xinghuo.test' });
    expect(inv.status).toBe(201);
    const mail = await p.mail.waitFor('colleague@xinghuo.test', /accept-invitation\?token=/);
    const token = /accept-invitation\?token=([\w-]+)/.exec(decode(mail.raw))![1];
    const acc = await p
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token, name: '同事', phone: '13900139000', password: 'Colleague#2026' });
    expect(acc.status).toBe(201);
    expect(acc.body.organizationId).toBe(a.organizationId);
  });

  it('answers 429 after 5 failed logins for one account within 15 minutes', async () => {
    const a = await registerCompany(p, 801);
    for (let i = 0; i < 5; i++)
      expect(
        (await p.http().post('/api/auth/login').send({ email: a.email, password: 'wrong-password-1' })).status,
      ).toBe(401);
    const blocked = await p.http().post('/api/auth/login').send({ email: a.email, password: a.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0); // the seconds left in the 15-minute window
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // another account from the same address still works
    const b = await registerCompany(p, 802);
    expect(b.token).toEqual(expect.any(String));
  });

  it('answers malformed bodies with 400/422 and never 500', async () => {
    const cases: [string, unknown, number][] = [
      ['/api/auth/register', { organization: { name: 'x' }, user: {} }, 400],
      [
        '/api/auth/register',
        {
          organization: { name: 'x', creditCode: 123, address: 'a', legalRepresentative: 'b', businessTypes: ['nope'] },
          user: { name: 'u', email: 'not-an-email', phone: '12', password: 'x' },
        },
        400,
      ],
      ['/api/auth/register', { extra: true }, 400],
      ['/api/auth/register', [], 400],
      ['/api/auth/login', { email: 'a@b.c' }, 400],
      ['/api/auth/login', { email: 'a@b.c', password: 'x', extra: 1 }, 400],
      ['/api/auth/refresh', { refreshToken: 42 }, 400],
      ['/api/auth/refresh', { refreshToken: 'x'.repeat(5000) }, 400],
    ];
    for (const [path, body, status] of cases) {
      const res = await p
        .http()
        .post(path)
        .send(body as object);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.body).toMatchObject({ statusCode: status, error: expect.any(String), details: expect.any(Array) });
    }
    const broken = await p
      .http()
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"organization": ');
    expect(broken.status).toBe(400);
    const huge = await p
      .http()
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ x: 'y'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const long = await p
      .http()
      .post('/api/auth/register')
      .send({
        organization: {
          name: '名'.repeat(201),
          creditCode: '91350100M000100Y43',
          address: 'a',
          legalRepresentative: 'b',
          businessTypes: [],
        },
        user: { name: 'u', email: 'long@test.portal', phone: '13800138000', password: 'Another#2026' },
      });
    expect(long.status).toBe(400);
    expect(long.body.details[0].path).toBe('organization.name');
  });

  it('keeps an audit chain that verifies, and reports the first altered row', async () => {
    await registerCompany(p, 901);
    const ok = await verifyAuditChain(p.ds);
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);
    // the table refuses changes…
    await expect(p.ds.query(`UPDATE audit_event SET action = 'x' WHERE seq = 3`)).rejects.toThrow(/append-only/);
    // …so a tamperer has to switch the trigger off first; the chain still finds it
    await p.ds.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change`);
    await p.ds.query(`UPDATE audit_event SET data = '{"name":"forged"}' WHERE seq = 3`);
    await p.ds.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change`);
    const broken = await verifyAuditChain(p.ds);
    expect(broken).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
  });

  it('runs the staging clock only when PORTAL_TEST_CLOCK=1, and only for admins', async () => {
    const admin = await p.login(ADMIN.email, ADMIN.password);
    const a = await registerCompany(p, 902);
    expect(
      (await p.http().put('/api/admin/clock').set(auth(a.token)).send({ now: '2026-03-01T00:00:00+08:00' })).status,
    ).toBe(403);
    const set = await p.http().put('/api/admin/clock').set(auth(admin)).send({ now: '2026-03-01T00:00:00+08:00' });
    expect(set.status).toBe(200);
    expect(set.body.now).toBe('2026-02-28T16:00:00.000Z');
    expect((await p.http().get('/api/admin/clock').set(auth(admin))).body.now).toBe('2026-02-28T16:00:00.000Z');
    expect((await p.http().delete('/api/admin/clock').set(auth(admin))).status).toBe(204);
    expect(testCreditCode(1)).toHaveLength(18);
  });

  it('serves health, docs and metrics', async () => {
    const h = await p.http().get('/api/health');
    expect(h.status).toBe(200);
    expect(h.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    const docs = await p.http().get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/register', '/api/auth/login', '/api/users']),
    );
    const m = await p.http().get('/metrics');
    expect(m.text).toMatch(/portal_http_request_duration_seconds/);
  });
});

/*
 * Issue 11, points 4, 5, 6, 15 and 17: limits that count before they check (a burst cannot slip through), the cheap
 * checks before the password hash, mail that cannot be made a relay, a token only as good as its account, and the audit
 * chain's record of failed logins, refresh-token theft and rate-limit trips. One portal; the tests that use up the
 * address's budgets (every request here comes from 127.0.0.1) run last.
 */
import { verifyAuditChain } from '@portal/platform';
import { PasswordHasher } from '../../libs/identity/src/auth/password-hasher';
import { decode } from '../support/mail-sink';
import { ADMIN, auth, registerCompany, startPortal, testCreditCode, TestPortal } from '../support/portal';

jest.setTimeout(120_000);

describe('trust: limits, cheap checks first, accounts behind tokens, audit (real Postgres, Redis)', () => {
  let p: TestPortal;
  let admin: string;
  let hashes: jest.SpyInstance;

  beforeAll(async () => {
    p = await startPortal({
      env: {
        REGISTER_PER_ADDRESS_PER_HOUR: '14',
        INVITE_PER_ACCOUNT_PER_HOUR: '3',
        INVITE_PER_ORGANIZATION_PER_DAY: '5',
        INVITE_PER_ADDRESS_PER_HOUR: '8',
      },
    });
    admin = await p.login(ADMIN.email, ADMIN.password);
    hashes = jest.spyOn(p.app.get(PasswordHasher), 'hash');
  });
  afterAll(async () => {
    hashes?.mockRestore();
    await p?.close();
  });

  const login = (email: string, password: string) => p.http().post('/api/auth/login').send({ email, password });
  const events = async (action: string, where = 'TRUE', params: unknown[] = []) =>
    (await p.ds.query(`SELECT entity_id, data FROM audit_event WHERE action = $1 AND ${where} ORDER BY seq`, [
      action,
      ...params,
    ])) as { entity_id: string | null; data: Record<string, unknown> }[];
  const verify = async (email: string) => {
    const mail = await p.mail.waitFor(email, /verify-email\?token=/);
    const token = /verify-email\?token=([\w-]+)/.exec(decode(mail.raw))![1];
    expect((await p.http().post('/api/auth/verify-email').send({ token })).status).toBe(204);
  };
  const invite = (token: string, orgId: string, email: string) =>
    p.http().post(`/api/organizations/${orgId}/invitations`).set(auth(token)).send({ email });

  it('point 4: 200 parallel wrong passwords for one account give at most 5 × 401, the rest 429 with Retry-After', async () => {
    const a = await registerCompany(p, 11);
    const burst = await Promise.all(Array.from({ length: 200 }, () => login(a.email, 'Wrong#Password1')));
    const count = (s: number) => burst.filter((r) => r.status === s).length;
    expect(count(401)).toBe(5);
    expect(count(429)).toBe(195);
    for (const r of burst.filter((x) => x.status === 429)) {
      expect(r.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(900);
    }
    // the right password too, until the window ends; another account from the same address still logs in
    expect((await login(a.email, a.password)).status).toBe(429);
    expect((await login(ADMIN.email, ADMIN.password)).status).toBe(200);

    // point 17: each failure that was checked, and the one trip, are in the audit chain
    const failed = await events('user.login-failed', `data->>'email' = $2`, [a.email]);
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatchObject({ entity_id: a.userId, data: { email: a.email, knownAccount: true } });
    const trips = await events('rate-limit.tripped', `entity_id = 'login-fail:acct' AND data->>'subject' = $2`, [
      a.email,
    ]);
    expect(trips).toHaveLength(1);
    expect(trips[0].data).toMatchObject({ limit: 5, windowSeconds: 900 });
  });

  it('point 17: a reused refresh token revokes its family and is recorded as theft', async () => {
    const b = await registerCompany(p, 12);
    const first = await login(b.email, b.password);
    const next = await p.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect(next.status).toBe(200);
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken })).status).toBe(401);
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: next.body.refreshToken })).status).toBe(401);
    const reused = await events('refresh-token.reused', `entity_id = $2`, [b.userId]);
    expect(reused).toHaveLength(1);
    expect(reused[0].data).toMatchObject({ revokedTokens: 2 }); // the spent token and the live one after it
    // a logged-out token presented again is no theft
    const again = await login(b.email, b.password);
    await p
      .http()
      .post('/api/auth/logout')
      .set(auth(again.body.accessToken))
      .send({ refreshToken: again.body.refreshToken });
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: again.body.refreshToken })).status).toBe(401);
    expect(await events('refresh-token.reused', `entity_id = $2`, [b.userId])).toHaveLength(1);
    expect((await verifyAuditChain(p.ds)).ok).toBe(true);
  });

  it('point 5: registration checks the e-mail and credit code before hashing the password', async () => {
    const c = await registerCompany(p, 13);
    const body = (email: string, creditCode: string) => ({
      organization: {
        name: '另一家动画公司',
        creditCode,
        address: '北京',
        legalRepresentative: '某人',
        businessTypes: ['comic'],
      },
      user: { name: '某人', email, phone: '13800138000', password: 'Another#Pass2026' },
    });
    hashes.mockClear();
    const takenEmail = await p
      .http()
      .post('/api/auth/register')
      .send(body(c.email, testCreditCode(14)));
    expect(takenEmail.status).toBe(409);
    const takenCode = await p.http().post('/api/auth/register').send(body('fresh14@test.portal', c.creditCode));
    expect(takenCode.status).toBe(409);
    const badCode = await p.http().post('/api/auth/register').send(body('fresh15@test.portal', '91110105000000000X'));
    expect(badCode.status).toBe(422);
    expect(hashes).not.toHaveBeenCalled();
    expect(
      (
        await p
          .http()
          .post('/api/auth/register')
          .send(body('fresh16@test.portal', testCreditCode(16)))
      ).status,
    ).toBe(201);
    expect(hashes).toHaveBeenCalledTimes(1);
  });

  it('point 6: an unverified account invites no one; the typed company name reaches a subject only once verified', async () => {
    const d = await registerCompany(p, 21, { name: '免费赠品点击领取动画公司' });
    const refused = await invite(d.token, d.organizationId, 'target@elsewhere.test');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('IDENTITY.EMAIL_NOT_VERIFIED');
    const subjects = async () =>
      (await p.ds.query(`SELECT to_address, subject FROM mail_message WHERE subject LIKE '%免费赠品%'`)) as {
        to_address: string;
      }[];
    expect(await subjects()).toEqual([]);
    expect(await p.ds.query(`SELECT 1 FROM invitation WHERE email = 'target@elsewhere.test'`)).toEqual([]);

    await verify(d.email);
    expect((await invite(d.token, d.organizationId, 'colleague21@d.test')).status).toBe(201);
    expect(await subjects()).toEqual([expect.objectContaining({ to_address: 'colleague21@d.test' })]);
  });

  it('point 5: invitation acceptance checks the token and the e-mail before hashing the password', async () => {
    const e = await registerCompany(p, 22);
    await verify(e.email);
    expect((await invite(e.token, e.organizationId, 'late22@e.test')).status).toBe(201);
    const mail = await p.mail.waitFor('late22@e.test', /accept-invitation\?token=/);
    const token = /accept-invitation\?token=([\w-]+)/.exec(decode(mail.raw))![1];
    const accept = (t: string) =>
      p
        .http()
        .post('/api/auth/accept-invitation')
        .send({ token: t, name: '同事', phone: '13900139000', password: 'Colleague#2026' });

    hashes.mockClear();
    const unknown = await accept('no-such-token-' + 'x'.repeat(20));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('IDENTITY.INVITATION_INVALID');
    // the invited address registered on its own meanwhile: refused before any hash
    const admins = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: '自己注册',
        email: 'late22@e.test',
        password: 'Self#Pass20260',
        roles: ['officer'],
      });
    expect(admins.status).toBe(201);
    hashes.mockClear();
    expect((await accept(token)).status).toBe(409);
    expect(hashes).not.toHaveBeenCalled();
  });

  it('point 6: invitations are limited per account and per organization (429 with Retry-After), counted before compared', async () => {
    const f = await registerCompany(p, 23);
    await verify(f.email);
    // account limit 3: of 6 parallel invitations exactly 3 pass
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) => invite(f.token, f.organizationId, `m${i}@f.test`)),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
    const limited = burst.find((r) => r.status === 429)!;
    expect(limited.body.code).toBe('IDENTITY.TOO_MANY_INVITATIONS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600);

    // a colleague of the same organization: the organization's limit (5 a day) leaves 2
    const [sent] = await p.ds.query(`SELECT email FROM invitation WHERE organization_id = $1 LIMIT 1`, [
      f.organizationId,
    ]);
    const mail = await p.mail.waitFor(sent.email, /accept-invitation\?token=/);
    const token = /accept-invitation\?token=([\w-]+)/.exec(decode(mail.raw))![1];
    const acc = await p
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token, name: '同事', phone: '13900139000', password: 'Colleague#2026' });
    expect(acc.status).toBe(201);
    const colleague = await p.login(acc.body.email, 'Colleague#2026');
    const more = await Promise.all(
      Array.from({ length: 3 }, (_, i) => invite(colleague, f.organizationId, `n${i}@f.test`)),
    );
    expect(more.map((r) => r.status).sort()).toEqual([201, 201, 429]);
    const trips = await events('rate-limit.tripped', `entity_id IN ('invite:acct', 'invite:org')`);
    expect(trips.map((t) => t.entity_id).sort()).toEqual(['invite:acct', 'invite:org']);
  });

  it('point 15: removed roles and disabled accounts stop their tokens at once; admins disable and enable', async () => {
    const made = await p
      .http()
      .post('/api/users')
      .set(auth(admin))
      .send({
        name: '周明',
        email: 'officer15@staff.test',
        password: 'Staff#Pass2026',
        roles: ['officer'],
      });
    expect(made.status).toBe(201);
    expect(made.body.disabled).toBe(false);
    const id = made.body.id as string;
    const pair = (await login('officer15@staff.test', 'Staff#Pass2026')).body;
    const officerRoute = () => p.http().get('/api/objections').set(auth(pair.accessToken));
    const financeRoute = () => p.http().get('/api/payment-batches').set(auth(pair.accessToken));
    expect((await officerRoute()).status).toBe(200);
    expect((await financeRoute()).status).toBe(403);

    // the same token, the account's roles changed: the new roles count, not the token's
    const roles = await p
      .http()
      .put(`/api/users/${id}/roles`)
      .set(auth(admin))
      .send({ roles: ['finance'] });
    expect(roles.status).toBe(200);
    expect(roles.body.roles).toEqual(['finance']);
    expect((await officerRoute()).status).toBe(403);
    expect((await financeRoute()).status).toBe(200);
    expect(
      (
        await p
          .http()
          .put(`/api/users/${id}/roles`)
          .set(auth(admin))
          .send({ roles: ['expert'] })
      ).status,
    ).toBe(422);

    // disabled: the access token, the refresh token, the password and an upload all stop
    const off = await p.http().post(`/api/users/${id}/disable`).set(auth(admin));
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    const me = await p.http().get('/api/me').set(auth(pair.accessToken));
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('AUTH.ACCOUNT_DISABLED');
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: pair.refreshToken })).status).toBe(401);
    expect((await login('officer15@staff.test', 'Staff#Pass2026')).status).toBe(401);
    const tus = await p
      .http()
      .post(`/api/applications/${id}/uploads`)
      .set(auth(pair.accessToken))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', '10');
    expect(tus.status).toBe(401);

    const on = await p.http().post(`/api/users/${id}/enable`).set(auth(admin));
    expect(on.status).toBe(200);
    expect(on.body.disabled).toBe(false);
    expect((await p.http().get('/api/me').set(auth(pair.accessToken))).status).toBe(200);
    expect((await login('officer15@staff.test', 'Staff#Pass2026')).status).toBe(200);

    // not by anyone else, and not oneself
    const adminId = (await p.http().get('/api/me').set(auth(admin))).body.id;
    expect((await p.http().post(`/api/users/${adminId}/disable`).set(auth(admin))).status).toBe(422);
    expect(
      (
        await p
          .http()
          .put(`/api/users/${adminId}/roles`)
          .set(auth(admin))
          .send({ roles: ['officer'] })
      ).status,
    ).toBe(422);
    const applicant = await registerCompany(p, 24);
    expect((await p.http().post(`/api/users/${id}/disable`).set(auth(applicant.token))).status).toBe(403);
    expect(
      (await p.http().post(`/api/users/00000000-0000-4000-8000-000000000000/disable`).set(auth(admin))).status,
    ).toBe(404);
    const audit = await events('user.disabled', `entity_id = $2`, [id]);
    expect(audit).toHaveLength(1);
  });

  it('point 6: registrations from one address are limited (429 with Retry-After), counted before compared', async () => {
    const before = Number((await p.ds.query(`SELECT count(*) AS n FROM organization`))[0].n);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        p
          .http()
          .post('/api/auth/register')
          .send({
            organization: {
              name: `批量公司${i}`,
              creditCode: testCreditCode(600 + i),
              address: '北京',
              legalRepresentative: '某人',
              businessTypes: ['comic'],
            },
            user: { name: '某人', email: `bulk${i}@bulk.test`, phone: '13800138000', password: 'Bulk#Pass2026' },
          }),
      ),
    );
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].body.code).toBe('IDENTITY.TOO_MANY_REGISTRATIONS');
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);
    const after = Number((await p.ds.query(`SELECT count(*) AS n FROM organization`))[0].n);
    // REGISTER_PER_ADDRESS_PER_HOUR=14 from this address over the whole file, every attempt that reached the service
    expect(after).toBeLessThanOrEqual(14);
    expect(after - before).toBe(burst.filter((r) => r.status === 201).length);
  });

  it('point 6: invitations from one address are limited whichever account sends them', async () => {
    // earlier tests sent 1 + 1 + 3 + 2 invitations that passed their account's and organization's limits: 1 of 8 left
    const g = await p.ds.query(`SELECT id FROM organization WHERE credit_code = $1`, [testCreditCode(13)]);
    const c = { email: 'company13@test.portal', password: 'Company#Pass2026' };
    await verify(c.email);
    const token = await p.login(c.email, c.password);
    const res = await Promise.all(Array.from({ length: 3 }, (_, i) => invite(token, g[0].id, `k${i}@g.test`)));
    expect(res.map((r) => r.status).sort()).toEqual([201, 429, 429]);
    expect(res.find((r) => r.status === 429)!.body.code).toBe('IDENTITY.TOO_MANY_INVITATIONS');
  });

  it('point 4: wrong passwords from one address stop at 30 × 401 across accounts (run last: it uses up the address)', async () => {
    const failedBefore = (await events('user.login-failed')).length; // each counted against this address
    const spray = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(`nobody${i}@spray.test`, 'Wrong#Password1')),
    );
    const failures = spray.filter((r) => r.status === 401).length;
    expect(failedBefore).toBeGreaterThanOrEqual(5);
    expect(failures).toBe(30 - failedBefore);
    expect(spray.filter((r) => r.status === 429)).toHaveLength(60 - failures);
    expect(await events('rate-limit.tripped', `entity_id = 'login-fail:ip'`)).toHaveLength(1);
    expect((await verifyAuditChain(p.ds)).ok).toBe(true);
  });
});

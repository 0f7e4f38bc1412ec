import { ADMIN, auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { mailText, setClock, waitForMail } from './awards-fixtures';

/** Issue 14, the account: password reset by mail, change of password, profile, sessions. */
describe('account (real Postgres, Redis, SMTP)', () => {
  let p: TestPortal;
  let admin: string;
  beforeAll(async () => {
    p = await startPortal();
    admin = await p.login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await p.close();
  });

  const resetLink = async (email: string, nth = 1): Promise<string> => {
    const until = Date.now() + 15000;
    for (;;) {
      await waitForMail(p, email, /reset-password\?token=/);
      const tokens = p.mail.messages
        .filter((m) => m.to.includes(email))
        .map((m) => /reset-password\?token=([\w-]+)/.exec(mailText(m.raw))?.[1])
        .filter((t): t is string => !!t);
      if (tokens.length >= nth) return tokens[nth - 1];
      if (Date.now() > until) throw new Error(`no reset mail #${nth} to ${email}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const loginPair = async (email: string, password: string, ua = 'jest') => {
    const res = await p.http().post('/api/auth/login').set('User-Agent', ua).send({ email, password });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string };
  };

  it('reset: 202 for an unknown e-mail with no mail; the link works once; every session ends', async () => {
    const c = await registerCompany(p, 801);
    const unknown = await p.http().post('/api/auth/password-reset').send({ email: 'nobody-801@test.portal' });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({ accepted: true, validMinutes: 30 });
    // a session opened before, used once so that the account is in the status cache
    const old = await loginPair(c.email, c.password);
    expect((await p.http().get('/api/me').set(auth(old.accessToken))).status).toBe(200);

    const known = await p.http().post('/api/auth/password-reset').send({ email: c.email.toUpperCase() });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body); // the same answer: nothing tells a known account from an unknown one
    const token = await resetLink(c.email);
    expect(token.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    // the unknown address got nothing (its request was earlier than the known one's mail)
    expect(p.mail.messages.filter((m) => m.to.includes('nobody-801@test.portal'))).toHaveLength(0);
    // only its hash is stored
    const stored = await p.ds.query(`SELECT token_hash FROM password_reset WHERE user_id = $1`, [c.userId]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    // the password rules of registration
    const weak = await p.http().post('/api/auth/password-reset/confirm').send({ token, password: 'short' });
    expect(weak.status).toBe(422);
    const newPassword = 'Reset#Pass2027';
    const ok = await p.http().post('/api/auth/password-reset/confirm').send({ token, password: newPassword });
    expect(ok.status).toBe(204);
    const again = await p.http().post('/api/auth/password-reset/confirm').send({ token, password: 'Other#Pass2027' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('ACCOUNT.RESET_TOKEN_INVALID');

    // the old access token stops at once (the cache was filled a moment ago), the old refresh token too
    const me = await p.http().get('/api/me').set(auth(old.accessToken));
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('ACCOUNT.SESSION_ENDED');
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: old.refreshToken })).status).toBe(401);
    // the old password no longer works, the new one does
    expect((await p.http().post('/api/auth/login').send({ email: c.email, password: c.password })).status).toBe(401);
    const fresh = await loginPair(c.email, newPassword);
    expect((await p.http().get('/api/me').set(auth(fresh.accessToken))).status).toBe(200);
    // logout ends that session's access token too, not only its refresh token
    const out = await p
      .http()
      .post('/api/auth/logout')
      .set(auth(fresh.accessToken))
      .send({ refreshToken: fresh.refreshToken });
    expect(out.status).toBe(204);
    expect((await p.http().get('/api/me').set(auth(fresh.accessToken))).status).toBe(401);
    const events = await p.ds.query(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'user.password-reset%' ORDER BY seq`,
      [c.userId],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'user.password-reset-requested',
      'user.password-reset',
    ]);
  });

  it('reset: the link expires after 30 minutes of the portal clock; a newer request supersedes the older link', async () => {
    const c = await registerCompany(p, 802);
    await setClock(p, admin, '2027-03-01T02:00:00Z');
    try {
      expect((await p.http().post('/api/auth/password-reset').send({ email: c.email })).status).toBe(202);
      const first = await resetLink(c.email, 1);
      expect((await p.http().post('/api/auth/password-reset').send({ email: c.email })).status).toBe(202);
      const second = await resetLink(c.email, 2);
      // the first link was superseded by the second
      expect(
        (await p.http().post('/api/auth/password-reset/confirm').send({ token: first, password: 'Reset#Pass2027' }))
          .status,
      ).toBe(400);
      await setClock(p, admin, '2027-03-01T02:31:00Z');
      const late = await p
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token: second, password: 'Reset#Pass2027' });
      expect(late.status).toBe(400);
      // the old password still works
      await loginPair(c.email, c.password);
      // a link used 29 minutes after it was mailed works
      expect((await p.http().post('/api/auth/password-reset').send({ email: c.email })).status).toBe(202);
      const third = await resetLink(c.email, 3);
      await setClock(p, admin, '2027-03-01T03:00:00Z');
      const inTime = await p
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token: third, password: 'Reset#Pass2027' });
      expect(inTime.status).toBe(204);
    } finally {
      const res = await p.http().delete('/api/admin/clock').set(auth(admin));
      expect(res.status).toBeLessThan(300);
      await new Promise((r) => setTimeout(r, 600));
    }
  });

  it('reset: limited per e-mail (429 with Retry-After), known or not', async () => {
    const email = 'flood-803@test.portal';
    for (let i = 0; i < 5; i++)
      expect((await p.http().post('/api/auth/password-reset').send({ email })).status).toBe(202);
    const over = await p.http().post('/api/auth/password-reset').send({ email });
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // a malformed body is 400, unknown fields too
    expect((await p.http().post('/api/auth/password-reset').send({ email: 'not-an-email' })).status).toBe(400);
    expect((await p.http().post('/api/auth/password-reset').send({ email, extra: 1 })).status).toBe(400);
  });

  it('change password: a wrong current one is 403; success ends the other sessions and hands this one a fresh pair', async () => {
    const c = await registerCompany(p, 804);
    const other = await loginPair(c.email, c.password, 'other-browser');
    const here = await loginPair(c.email, c.password, 'this-browser');
    const wrong = await p
      .http()
      .post('/api/me/password')
      .set(auth(here.accessToken))
      .send({ currentPassword: 'Wrong#Pass2026', newPassword: 'Changed#Pass2027' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('ACCOUNT.WRONG_PASSWORD');
    const weak = await p
      .http()
      .post('/api/me/password')
      .set(auth(here.accessToken))
      .send({ currentPassword: c.password, newPassword: 'weak' });
    expect(weak.status).toBe(422);
    const ok = await p
      .http()
      .post('/api/me/password')
      .set(auth(here.accessToken))
      .send({ currentPassword: c.password, newPassword: 'Changed#Pass2027' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    for (const t of [other.accessToken, here.accessToken, c.token])
      expect((await p.http().get('/api/me').set(auth(t))).status).toBe(401);
    for (const r of [other.refreshToken, here.refreshToken])
      expect((await p.http().post('/api/auth/refresh').send({ refreshToken: r })).status).toBe(401);
    expect((await p.http().get('/api/me').set(auth(ok.body.accessToken))).status).toBe(200);
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: ok.body.refreshToken })).status).toBe(200);
    await waitForMail(p, c.email, /密码已更改/);
    // a stolen access token cannot guess the password: 5 wrong tries, then 429
    const c2 = await registerCompany(p, 805);
    for (let i = 0; i < 5; i++)
      expect(
        (
          await p
            .http()
            .post('/api/me/password')
            .set(auth(c2.token))
            .send({ currentPassword: `Wrong#Pass${i}xx`, newPassword: 'Changed#Pass2027' })
        ).status,
      ).toBe(403);
    expect(
      (
        await p
          .http()
          .post('/api/me/password')
          .set(auth(c2.token))
          .send({ currentPassword: c2.password, newPassword: 'Changed#Pass2027' })
      ).status,
    ).toBe(429);
  });

  it('profile: read and change name and phone with the version; a stale version is 409', async () => {
    const c = await registerCompany(p, 806);
    const prof = await p.http().get('/api/me/profile').set(auth(c.token));
    expect(prof.status).toBe(200);
    expect(prof.body).toMatchObject({ email: c.email, name: '联系人806', phone: '13800138000', roles: ['applicant'] });
    const upd = await p
      .http()
      .patch('/api/me/profile')
      .set(auth(c.token))
      .send({ name: ' 王小明 ', phone: '010-88886666', version: prof.body.version });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ name: '王小明', phone: '010-88886666', version: prof.body.version + 1 });
    const stale = await p
      .http()
      .patch('/api/me/profile')
      .set(auth(c.token))
      .send({ name: '别的名字', version: prof.body.version });
    expect(stale.status).toBe(409);
    expect(
      (await p.http().patch('/api/me/profile').set(auth(c.token)).send({ phone: '12345', version: 2 })).status,
    ).toBe(400);
    expect(
      (await p.http().patch('/api/me/profile').set(auth(c.token)).send({ email: 'x@y.z', version: 2 })).status,
    ).toBe(400); // the e-mail is not changed here
    expect((await p.http().get('/api/me/profile')).status).toBe(401);
  });

  it('sessions: two logins listed with their browser; one revoked; sign out everywhere kills both at once', async () => {
    const c = await registerCompany(p, 807);
    // the registration helper's login is a session of its own: end it first
    expect((await p.http().post('/api/me/sessions/revoke-all').set(auth(c.token))).status).toBe(204);
    expect((await p.http().get('/api/me').set(auth(c.token))).status).toBe(401);
    const a = await loginPair(c.email, c.password, 'Browser-A');
    const b = await loginPair(c.email, c.password, 'Browser-B');
    const list = await p.http().get('/api/me/sessions').set(auth(a.accessToken));
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect(list.body.map((s: { userAgent: string }) => s.userAgent).sort()).toEqual(['Browser-A', 'Browser-B']);
    const mine = list.body.find((s: { current: boolean }) => s.current);
    expect(mine.userAgent).toBe('Browser-A');
    expect(list.body[0]).toMatchObject({ address: expect.any(String), createdAt: expect.any(String) });
    // a refresh keeps the session (same id), newer last use
    const rb = await p
      .http()
      .post('/api/auth/refresh')
      .set('User-Agent', 'Browser-B2')
      .send({ refreshToken: b.refreshToken });
    expect(rb.status).toBe(200);
    const after = await p.http().get('/api/me/sessions').set(auth(a.accessToken));
    expect(after.body).toHaveLength(2);
    expect(after.body.map((s: { userAgent: string }) => s.userAgent).sort()).toEqual(['Browser-A', 'Browser-B2']);
    // another account's session is not found
    const other = await registerCompany(p, 808);
    const sidB = after.body.find((s: { current: boolean }) => !s.current).id;
    expect((await p.http().delete(`/api/me/sessions/${sidB}`).set(auth(other.token))).status).toBe(404);
    // revoke B's session: its refresh token dies, A lives
    expect((await p.http().get('/api/me').set(auth(rb.body.accessToken))).status).toBe(200); // cached now
    expect((await p.http().delete(`/api/me/sessions/${sidB}`).set(auth(a.accessToken))).status).toBe(204);
    expect((await p.http().post('/api/auth/refresh').send({ refreshToken: rb.body.refreshToken })).status).toBe(401);
    // and its access token is refused at once, though the account's status was cached a moment ago
    expect((await p.http().delete(`/api/me/sessions/${sidB}`).set(auth(a.accessToken))).status).toBe(404); // gone
    const ended = await p.http().get('/api/me').set(auth(rb.body.accessToken));
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe('ACCOUNT.SESSION_ENDED');
    expect((await p.http().get('/api/me').set(auth(a.accessToken))).status).toBe(200);
    expect((await p.http().get('/api/me/sessions').set(auth(a.accessToken))).body).toHaveLength(1);
    // B logs in again; sign out everywhere from A ends both, access tokens at once
    const b2 = await loginPair(c.email, c.password, 'Browser-B');
    expect((await p.http().get('/api/me').set(auth(b2.accessToken))).status).toBe(200);
    expect((await p.http().post('/api/me/sessions/revoke-all').set(auth(a.accessToken))).status).toBe(204);
    for (const t of [a.accessToken, b2.accessToken])
      expect((await p.http().get('/api/me').set(auth(t))).status).toBe(401);
    for (const r of [a.refreshToken, b2.refreshToken])
      expect((await p.http().post('/api/auth/refresh').send({ refreshToken: r })).status).toBe(401);
    const back = await loginPair(c.email, c.password);
    expect((await p.http().get('/api/me/sessions').set(auth(back.accessToken))).body).toHaveLength(1);
  });
});

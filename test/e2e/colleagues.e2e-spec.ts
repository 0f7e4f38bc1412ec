import { decode } from '../support/mail-sink';
import { ADMIN, auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { createCall, PROGRAM_CASES, setClock } from './awards-fixtures';

type Company = Awaited<ReturnType<typeof registerCompany>>;

/** Issue 14, colleagues: invite, list, withdraw, remove, hand over the owner role. */
describe('colleagues (real Postgres, Redis, SMTP)', () => {
  let p: TestPortal;
  let admin: string;
  beforeAll(async () => {
    p = await startPortal();
    admin = await p.login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await p.close();
  });

  const verify = async (email: string) => {
    const mail = await p.mail.waitFor(email, /verify-email\?token=/);
    const token = /verify-email\?token=([\w-]+)/.exec(decode(mail.raw))![1];
    expect((await p.http().post('/api/auth/verify-email').send({ token })).status).toBe(204);
  };
  const inviteToken = async (email: string) => {
    const mail = await p.mail.waitFor(email, /accept-invitation\?token=/);
    return /accept-invitation\?token=([\w-]+)/.exec(decode(mail.raw))![1];
  };
  /** The colleague `email` joins c's organization: invited, accepts, logs in. */
  const join = async (c: Company, email: string) => {
    const inv = await p
      .http()
      .post(`/api/organizations/${c.organizationId}/invitations`)
      .set(auth(c.token))
      .send({ email });
    expect(inv.status).toBe(201);
    const token = await inviteToken(email);
    const acc = await p
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token, name: `同事 ${email}`, phone: '13900139000', password: 'Colleague#2026' });
    expect(acc.status).toBe(201);
    return {
      id: acc.body.id as string,
      email,
      token: await p.login(email, 'Colleague#2026'),
      invitationId: inv.body.id,
    };
  };

  it('invite → accept → listed; pending invitations listed and withdrawn; another company sees nothing (404)', async () => {
    const c = await registerCompany(p, 901);
    await verify(c.email);
    const mate = await join(c, 'mate-901@test.portal');
    const members = await p.http().get(`/api/organizations/${c.organizationId}/members`).set(auth(c.token));
    expect(members.status).toBe(200);
    expect(members.body).toHaveLength(2);
    expect(members.body[0]).toMatchObject({ id: c.userId, email: c.email, owner: true, emailVerified: true });
    expect(members.body[1]).toMatchObject({ id: mate.id, email: mate.email, owner: false });
    // the organization view names the owner
    const org = await p.http().get(`/api/organizations/${c.organizationId}`).set(auth(mate.token));
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({ ownerUserId: c.userId, creditCode: c.creditCode, province: { code: '11' } });

    // a pending invitation: listed, withdrawn, then its link is dead
    const pending = await p
      .http()
      .post(`/api/organizations/${c.organizationId}/invitations`)
      .set(auth(c.token))
      .send({ email: 'later-901@test.portal' });
    expect(pending.status).toBe(201);
    const link = await inviteToken('later-901@test.portal');
    const list = await p.http().get(`/api/organizations/${c.organizationId}/invitations`).set(auth(mate.token));
    expect(list.status).toBe(200);
    expect(list.body.map((i: { email: string; status: string }) => [i.email, i.status])).toEqual([
      ['later-901@test.portal', 'pending'],
      ['mate-901@test.portal', 'accepted'],
    ]);
    // the colleague neither owns the organization nor sent it: 403
    const notMine = await p
      .http()
      .delete(`/api/organizations/${c.organizationId}/invitations/${pending.body.id}`)
      .set(auth(mate.token));
    expect(notMine.status).toBe(403);
    expect(
      (
        await p
          .http()
          .delete(`/api/organizations/${c.organizationId}/invitations/${pending.body.id}`)
          .set(auth(c.token))
      ).status,
    ).toBe(204);
    expect(
      (
        await p
          .http()
          .delete(`/api/organizations/${c.organizationId}/invitations/${pending.body.id}`)
          .set(auth(c.token))
      ).status,
    ).toBe(409);
    expect(
      (
        await p
          .http()
          .delete(`/api/organizations/${c.organizationId}/invitations/${mate.invitationId}`)
          .set(auth(c.token))
      ).status,
    ).toBe(409); // accepted
    const dead = await p
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token: link, name: '迟到的人', phone: '13900139000', password: 'Colleague#2026' });
    expect(dead.status).toBe(404);

    // another company: 404 on every colleague route, with nothing changed
    const other = await registerCompany(p, 902);
    for (const [method, path] of [
      ['get', `/api/organizations/${c.organizationId}/members`],
      ['get', `/api/organizations/${c.organizationId}/invitations`],
      ['delete', `/api/organizations/${c.organizationId}/members/${mate.id}`],
      ['delete', `/api/organizations/${c.organizationId}/invitations/${mate.invitationId}`],
    ] as const) {
      const res = await p.http()[method](path).set(auth(other.token));
      expect([path, res.status]).toEqual([path, 404]);
    }
    const hand = await p
      .http()
      .post(`/api/organizations/${c.organizationId}/owner`)
      .set(auth(other.token))
      .send({ userId: other.userId });
    expect(hand.status).toBe(404);
    // staff are no members: officers and admins use the organization routes, not these
    expect((await p.http().get(`/api/organizations/${c.organizationId}/members`).set(auth(admin))).status).toBe(403);
  });

  it('only the owner removes; the owner is never removed; a removed colleague loses the organization at once', async () => {
    const c = await registerCompany(p, 903);
    await verify(c.email);
    const a = await join(c, 'a-903@test.portal');
    const b = await join(c, 'b-903@test.portal');
    // a draft application of the organization, which the colleague sees
    await createUser(admin, 'officer-903@staff.test', ['officer']);
    const officer = await p.login('officer-903@staff.test', 'Staff#Pass2026');
    const callId = await createCall(p, officer, 'jingpin');
    await setClock(p, admin, '2026-03-10T02:00:00Z');
    const app = await p
      .http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(c.token))
      .send({ title: '同事的申报', track: PROGRAM_CASES.jingpin.track, payload: PROGRAM_CASES.jingpin.payload(1) });
    expect(app.status).toBe(201);
    const seen = await p.http().get('/api/applications').set(auth(a.token));
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).toContain(app.body.id);
    expect((await p.http().get(`/api/applications/${app.body.id}`).set(auth(a.token))).status).toBe(200);

    // a colleague is not the owner: 403 for removing and handing over
    const byMate = await p.http().delete(`/api/organizations/${c.organizationId}/members/${b.id}`).set(auth(a.token));
    expect(byMate.status).toBe(403);
    expect(byMate.body.code).toBe('COLLEAGUE.OWNER_ONLY');
    expect(
      (await p.http().post(`/api/organizations/${c.organizationId}/owner`).set(auth(a.token)).send({ userId: a.id }))
        .status,
    ).toBe(403);
    // the owner cannot remove themselves (the last owner): 422
    const self = await p.http().delete(`/api/organizations/${c.organizationId}/members/${c.userId}`).set(auth(c.token));
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('COLLEAGUE.LAST_OWNER');
    // someone of another organization is no member: 404
    const other = await registerCompany(p, 904);
    expect(
      (await p.http().delete(`/api/organizations/${c.organizationId}/members/${other.userId}`).set(auth(c.token)))
        .status,
    ).toBe(404);

    // the owner removes a; a's very next requests (the status cache was just filled) find no organization
    const rm = await p.http().delete(`/api/organizations/${c.organizationId}/members/${a.id}`).set(auth(c.token));
    expect(rm.status).toBe(204);
    const list = await p.http().get('/api/applications').set(auth(a.token));
    expect([401, 403]).toContain(list.status);
    expect((await p.http().get(`/api/applications/${app.body.id}`).set(auth(a.token))).status).not.toBe(200);
    // logging in again gives an account with no applicant role and no organization
    const relog = await p.login(a.email, 'Colleague#2026');
    const me = await p.http().get('/api/me').set(auth(relog));
    expect(me.body).toMatchObject({ roles: [], organizationId: null });
    expect((await p.http().get('/api/applications').set(auth(relog))).status).toBe(403);
    expect((await p.http().get(`/api/organizations/${c.organizationId}`).set(auth(relog))).status).toBe(403);
    const after = await p.http().get(`/api/organizations/${c.organizationId}/members`).set(auth(c.token));
    expect(after.body.map((m: { id: string }) => m.id)).toEqual([c.userId, b.id]);
    const audit = await p.ds.query(
      `SELECT data FROM audit_event WHERE action = 'organization.member-removed' AND entity_id = $1`,
      [c.organizationId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ userId: a.id });
    // b stays and works
    expect((await p.http().get('/api/applications').set(auth(b.token))).status).toBe(200);
  });

  it('hands the owner role over: the new owner removes, the former one is an ordinary colleague', async () => {
    const c = await registerCompany(p, 905);
    await verify(c.email);
    const a = await join(c, 'a-905@test.portal');
    // only to a member of the organization: 404 for a stranger
    const stranger = await registerCompany(p, 906);
    expect(
      (
        await p
          .http()
          .post(`/api/organizations/${c.organizationId}/owner`)
          .set(auth(c.token))
          .send({ userId: stranger.userId })
      ).status,
    ).toBe(404);
    expect(
      (
        await p
          .http()
          .post(`/api/organizations/${c.organizationId}/owner`)
          .set(auth(c.token))
          .send({ userId: c.userId })
      ).status,
    ).toBe(422); // already the owner
    expect(
      (await p.http().post(`/api/organizations/${c.organizationId}/owner`).set(auth(c.token)).send({ userId: 'x' }))
        .status,
    ).toBe(400);
    const hand = await p
      .http()
      .post(`/api/organizations/${c.organizationId}/owner`)
      .set(auth(c.token))
      .send({ userId: a.id });
    expect(hand.status).toBe(200);
    expect(hand.body.map((m: { id: string; owner: boolean }) => [m.id, m.owner])).toEqual([
      [c.userId, false],
      [a.id, true],
    ]);
    // the former owner can no longer remove or hand back
    expect(
      (await p.http().delete(`/api/organizations/${c.organizationId}/members/${a.id}`).set(auth(c.token))).status,
    ).toBe(403);
    // the new owner removes the former one
    expect(
      (await p.http().delete(`/api/organizations/${c.organizationId}/members/${c.userId}`).set(auth(a.token))).status,
    ).toBe(204);
    const left = await p.http().get(`/api/organizations/${c.organizationId}/members`).set(auth(a.token));
    expect(left.body).toEqual([expect.objectContaining({ id: a.id, owner: true })]);
    expect(
      (await p.http().delete(`/api/organizations/${c.organizationId}/members/${a.id}`).set(auth(a.token))).status,
    ).toBe(422); // the last member, the owner
  });

  async function createUser(adminToken: string, email: string, roles: string[]) {
    const res = await p
      .http()
      .post('/api/users')
      .set(auth(adminToken))
      .send({ name: email, email, password: 'Staff#Pass2026', roles });
    expect(res.status).toBe(201);
  }
});

/*
 * The inbox (issue 14, item 7): every mail the portal writes is also an item in its recipient's inbox — registration
 * verification, the submit receipt, a return for correction, a review invitation — for that user only, with a link to
 * what it is about; unread count, mark read, read-all; another user's item is 404; without SMTP the items are there.
 */
import { inTransaction, MailService } from '@portal/platform';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { createCall, screenAccept, setClock, setupStaff, Staff, submitApplication } from './awards-fixtures';

jest.setTimeout(60_000);

type Item = { id: string; subject: string; text: string; template: string; link: string | null; readAt: string | null };

async function inbox(p: TestPortal, token: string, query = ''): Promise<{ items: Item[]; total: number }> {
  const res = await p.http().get(`/api/me/inbox${query}`).set(auth(token));
  expect(res.status).toBe(200);
  return res.body;
}

async function unread(p: TestPortal, token: string): Promise<number> {
  const res = await p.http().get('/api/me/inbox/unread-count').set(auth(token));
  expect(res.status).toBe(200);
  return res.body.unread;
}

describe('inbox (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  let a: Awaited<ReturnType<typeof registerCompany>>;
  let b: Awaited<ReturnType<typeof registerCompany>>;
  let appId: string;

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'inbox');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    a = await registerCompany(p, 7201);
    b = await registerCompany(p, 7202);
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('registration: the verification mail is in the new user’s inbox only, unread, without a link', async () => {
    const mine = await inbox(p, a.token);
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ template: 'identity.verify-email', link: null, readAt: null });
    expect(mine.items[0].text).toContain('/verify-email?token=');
    expect(await unread(p, a.token)).toBe(1);
    const theirs = await inbox(p, b.token);
    expect(theirs.total).toBe(1);
    expect(theirs.items[0].id).not.toBe(mine.items[0].id);
    // the admin and staff created through the API got no mail: their inboxes are empty
    expect((await inbox(p, staff.officer)).total).toBe(0);
    expect(await unread(p, staff.officer)).toBe(0);
  });

  it('an application submitted and returned: receipt and return for correction, linked to the application', async () => {
    const callId = await createCall(p, staff.officer, 'jingpin');
    const app = await submitApplication(
      p,
      { token: a.token, email: a.email, name: a.name, creditCode: a.creditCode, organizationId: a.organizationId },
      callId,
      'jingpin',
      1,
      '收件箱测试作品',
    );
    appId = app.id;
    const ret = await p
      .http()
      .post(`/api/applications/${appId}/screening`)
      .set(auth(staff.officer))
      .send({ decision: 'return', comment: '请补充营业执照副本' });
    expect(ret.status).toBe(200);

    const mine = await inbox(p, a.token);
    expect(mine.total).toBe(3);
    // newest first
    expect(mine.items.map((i) => i.template)).toEqual([
      'applications.returned',
      'applications.receipt',
      'identity.verify-email',
    ]);
    expect(mine.items[0].link).toBe(`/applications/${appId}`);
    expect(mine.items[1].link).toBe(`/applications/${appId}`); // the batched submit writes its receipt through a part
    expect(mine.items[0].text).toContain('请补充营业执照副本');
    expect(await unread(p, a.token)).toBe(3);
    // B sees none of it
    expect((await inbox(p, b.token)).items.map((i) => i.template)).toEqual(['identity.verify-email']);
  });

  it('a review invitation reaches the drawn experts’ inboxes with a link to the review', async () => {
    const callId = await createCall(p, staff.officer, 'jingpin', { title: '收件箱评审' });
    const app = await submitApplication(
      p,
      { token: b.token, email: b.email, name: b.name, creditCode: b.creditCode, organizationId: b.organizationId },
      callId,
      'jingpin',
      2,
      '评审邀请测试',
    );
    await screenAccept(p, staff.officer, app.id);
    const draw = await p.http().post(`/api/calls/${callId}/review-draw`).set(auth(staff.officer)).send({ seed: 3 });
    expect(draw.status).toBe(200);
    let invited = 0;
    for (const expert of staff.experts) {
      const list = await p.http().get('/api/reviews?pageSize=100&status=pending').set(auth(expert));
      const items = (await inbox(p, expert)).items.filter((i) => i.template === 'review.invitation');
      if (list.body.items.length === 0) {
        expect(items).toHaveLength(0);
        continue;
      }
      invited++;
      expect(items).toHaveLength(1);
      expect(items[0].link).toBe(`/reviews/${list.body.items[0].id}`);
    }
    expect(invited).toBe(2); // reviewersPerApplication
  });

  it('the recipient is found case-insensitively; a mail to an address with no account has no inbox item', async () => {
    const mail = p.app.get(MailService);
    await inTransaction(p.ds, (tx) =>
      mail.queueMail(tx, { to: a.email.toUpperCase(), subject: '大写地址', text: '正文', template: 'test.upper' }),
    );
    const items = (await inbox(p, a.token)).items;
    expect(items[0]).toMatchObject({ subject: '大写地址', template: 'test.upper', link: null });

    // the verification link from the inbox item verifies the address (the inviter must be verified)
    const verify = (await inbox(p, a.token)).items.find((i) => i.template === 'identity.verify-email')!;
    const token = /verify-email\?token=([\w-]+)/.exec(verify.text)![1];
    expect((await p.http().post('/api/auth/verify-email').send({ token })).status).toBe(204);

    const inv = await p
      .http()
      .post(`/api/organizations/${a.organizationId}/invitations`)
      .set(auth(a.token))
      .send({ email: 'new.colleague@inbox.test' });
    expect(inv.status).toBe(201);
    const rows = await p.ds.query(
      `SELECT recipient_id FROM mail_message WHERE to_address = 'new.colleague@inbox.test'`,
    );
    expect(rows).toEqual([{ recipient_id: null }]);
    expect((await inbox(p, a.token)).items.some((i) => i.template === 'identity.invitation')).toBe(false);
  });

  it('mark read, unread filter, read-all; another user’s item is 404; only signed-in users', async () => {
    const before = await unread(p, a.token);
    expect(before).toBe(4);
    const [newest, second] = (await inbox(p, a.token)).items;

    // another user cannot read or mark it, nor learn that it exists
    expect((await p.http().post(`/api/me/inbox/${newest.id}/read`).set(auth(b.token))).status).toBe(404);
    expect((await p.http().post(`/api/me/inbox/${newest.id}/read`).set(auth(staff.admin))).status).toBe(404);
    expect((await p.http().post('/api/me/inbox/not-a-uuid/read').set(auth(a.token))).status).toBe(404);
    expect((await p.http().get('/api/me/inbox')).status).toBe(401);
    expect((await p.http().get('/api/me/inbox/unread-count')).status).toBe(401);
    expect((await inbox(p, b.token)).items.some((i) => i.id === newest.id)).toBe(false);
    expect(await unread(p, a.token)).toBe(before);

    const r1 = await p.http().post(`/api/me/inbox/${newest.id}/read`).set(auth(a.token));
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ id: newest.id, subject: newest.subject, readAt: expect.any(String) });
    expect(await unread(p, a.token)).toBe(before - 1);
    // again: no change, the first moment stays
    const r2 = await p.http().post(`/api/me/inbox/${newest.id}/read`).set(auth(a.token));
    expect(r2.status).toBe(200);
    expect(r2.body.readAt).toBe(r1.body.readAt);
    expect(await unread(p, a.token)).toBe(before - 1);

    const un = await inbox(p, a.token, '?unread=true');
    expect(un.total).toBe(before - 1);
    expect(un.items.map((i) => i.id)).not.toContain(newest.id);
    expect(un.items[0].id).toBe(second.id);
    expect((await p.http().get('/api/me/inbox?unread=maybe').set(auth(a.token))).status).toBe(400);

    // paging
    const page2 = await inbox(p, a.token, '?page=2&pageSize=2');
    expect(page2.total).toBe(before);
    expect(page2.items).toHaveLength(2);

    const bBefore = await unread(p, b.token);
    const all = await p.http().post('/api/me/inbox/read-all').set(auth(a.token));
    expect(all.status).toBe(200);
    expect(all.body.marked).toBe(before - 1);
    expect(await unread(p, a.token)).toBe(0);
    expect((await inbox(p, a.token, '?unread=true')).total).toBe(0);
    expect((await p.http().post('/api/me/inbox/read-all').set(auth(a.token))).body.marked).toBe(0);
    expect(await unread(p, b.token)).toBe(bBefore); // B's items untouched
    expect(bBefore).toBeGreaterThan(0);
  });

  it('the unread count is answered from the partial index', async () => {
    // a tiny test table would be scanned whole; on one connection, with scans off, the planner must find the index
    const qr = p.ds.createQueryRunner();
    await qr.connect();
    let plan: { 'QUERY PLAN': string }[];
    try {
      await qr.query(`SET enable_seqscan = off`);
      plan = await qr.query(
        `EXPLAIN SELECT count(*)::int AS n FROM mail_message WHERE recipient_id = $1 AND read_at IS NULL`,
        [a.userId],
      );
      await qr.query(`RESET enable_seqscan`);
    } finally {
      await qr.release();
    }
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/mail_message_unread/);
  });
});

describe('inbox without SMTP', () => {
  let p: TestPortal;

  beforeAll(async () => {
    p = await startPortal({ env: { SMTP_URL: '' } });
  }, 60_000);

  afterAll(async () => {
    await p?.close();
  });

  it('the mail is kept in the outbox and still shows in the inbox', async () => {
    const c = await registerCompany(p, 7203);
    const deadline = Date.now() + 15_000;
    let status = '';
    while (Date.now() < deadline) {
      const rows = await p.ds.query(`SELECT status FROM mail_message WHERE lower(to_address) = lower($1)`, [c.email]);
      status = rows[0]?.status;
      if (status === 'kept') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('kept');
    expect(p.mail.messages).toHaveLength(0);
    const res = await p.http().get('/api/me/inbox').set(auth(c.token));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ template: 'identity.verify-email', readAt: null });
    expect((await p.http().get('/api/me/inbox/unread-count').set(auth(c.token))).body.unread).toBe(1);
  });
});

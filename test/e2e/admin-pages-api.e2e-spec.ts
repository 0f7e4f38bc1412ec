/*
 * The API behind the admins' pages (issue 14): the user search, disabling an account (its session stops at once),
 * the credit-code exception list, the audit log with its filters and the chain check (capped per request, going on
 * from `nextSeq`; a tampered event is found), and the 2027 case: a notice counting into a year whose holidays are not
 * entered does not fail — it is counted provisionally and counted again when an admin enters the year, its end only
 * moving later.
 */
import { checkAuditChain, CHAIN_CHECK_CAP } from '@portal/platform';
import { ADMIN, auth, startPortal, TestPortal } from '../support/portal';
import { PASSWORD, reviewedCall, ReviewedApp, setClock, setupStaff, Staff } from './awards-fixtures';

jest.setTimeout(60_000);

describe('admin pages (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  const http = () => p.http();
  let callId: string;
  let apps: ReviewedApp[];

  beforeAll(async () => {
    p = await startPortal();
    staff = await setupStaff(p, 'ap');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    ({ callId, apps } = await reviewedCall(p, staff, 'rending', 1, { firstCompany: 7101, call: { budgetFen: 0 } }));
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  const userId = async (email: string) =>
    (await p.ds.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id as string;

  describe('users', () => {
    it('searches by a part of the name or e-mail (any case), with the role filter, paged', async () => {
      const byMail = await http().get('/api/users?q=FINANCE-A@AP').set(auth(staff.admin));
      expect(byMail.status).toBe(200);
      expect(byMail.body.items.map((u: any) => u.email)).toEqual(['finance-a@ap.test']);
      const byName = await http()
        .get(`/api/users?q=${encodeURIComponent('财务')}`)
        .set(auth(staff.admin));
      expect(byName.body.items.map((u: any) => u.email).sort()).toEqual(['finance-a@ap.test', 'finance-b@ap.test']);
      const experts = await http().get('/api/users?role=expert&q=ap.test&pageSize=2').set(auth(staff.admin));
      expect(experts.body.total).toBe(3);
      expect(experts.body.items).toHaveLength(2);
      expect(experts.body.items.every((u: any) => u.roles.includes('expert'))).toBe(true);
      // LIKE's wildcards are text here
      expect((await http().get('/api/users?q=%25').set(auth(staff.admin))).body.total).toBe(0);
      expect((await http().get('/api/users?q=_').set(auth(staff.admin))).body.total).toBe(0);
      expect(
        (
          await http()
            .get(`/api/users?q=${'x'.repeat(101)}`)
            .set(auth(staff.admin))
        ).status,
      ).toBe(400);
      expect((await http().get('/api/users?role=boss').set(auth(staff.admin))).status).toBe(400);
      expect((await http().get('/api/users?q=a').set(auth(staff.officer))).status).toBe(403);
      expect((await http().get('/api/users?q=a').set(auth(staff.financeA))).status).toBe(403);
    });

    it('a disabled account stops at once and logs in again once enabled', async () => {
      const id = await userId('finance-b@ap.test');
      expect((await http().get('/api/me').set(auth(staff.financeB))).status).toBe(200);
      expect((await http().post(`/api/users/${id}/disable`).set(auth(staff.officer))).status).toBe(403);
      const off = await http().post(`/api/users/${id}/disable`).set(auth(staff.admin));
      expect(off.status).toBe(200);
      expect(off.body.disabled).toBe(true);
      expect((await http().get('/api/me').set(auth(staff.financeB))).status).toBe(401);
      expect(
        (await http().post('/api/auth/login').send({ email: 'finance-b@ap.test', password: PASSWORD })).status,
      ).not.toBe(200);
      const listed = await http().get('/api/users?q=finance-b').set(auth(staff.admin));
      expect(listed.body.items[0].disabled).toBe(true);
      expect((await http().post(`/api/users/${id}/enable`).set(auth(staff.admin))).status).toBe(200);
      staff.financeB = await p.login('finance-b@ap.test', PASSWORD);
      expect((await http().get('/api/me').set(auth(staff.financeB))).status).toBe(200);
    });
  });

  it('lists the credit-code exceptions with who accepted them (admin only)', async () => {
    const pilot = '91350100M000100Y44';
    expect(
      (
        await http()
          .post('/api/admin/credit-code-exceptions')
          .set(auth(staff.admin))
          .send({ creditCode: pilot, reason: '2015 年试点期间赋码，经市场监管局书面确认' })
      ).status,
    ).toBe(201);
    const list = await http().get('/api/admin/credit-code-exceptions').set(auth(staff.admin));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      creditCode: pilot,
      reason: '2015 年试点期间赋码，经市场监管局书面确认',
      acceptedBy: await userId(ADMIN.email),
      organizationName: null,
    });
    expect(list.body.items[0].acceptedByName).toEqual(expect.any(String));
    expect((await http().get('/api/admin/credit-code-exceptions').set(auth(staff.officer))).status).toBe(403);
  });

  describe('audit log', () => {
    it('filters by action (or its start), actor, entity and time range, newest first', async () => {
      const fb = await userId('finance-b@ap.test');
      const all = await http().get('/api/admin/audit?pageSize=100').set(auth(staff.admin));
      expect(all.status).toBe(200);
      expect(all.body.total).toBeGreaterThan(20);
      const seqs = all.body.items.map((e: any) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

      const disabled = await http().get('/api/admin/audit?action=user.disabled').set(auth(staff.admin));
      expect(disabled.body.items.map((e: any) => [e.action, e.entityId])).toEqual([['user.disabled', fb]]);
      expect(disabled.body.items[0].actorEmail).toBe(ADMIN.email);
      const users = await http().get('/api/admin/audit?action=user.&pageSize=100').set(auth(staff.admin));
      expect(users.body.items.every((e: any) => e.action.startsWith('user.'))).toBe(true);
      expect(users.body.items.map((e: any) => e.action)).toEqual(
        expect.arrayContaining(['user.disabled', 'user.enabled']),
      );

      const byEntity = await http()
        .get(`/api/admin/audit?entityType=${disabled.body.items[0].entityType}&entityId=${fb}&pageSize=100`)
        .set(auth(staff.admin));
      expect(byEntity.body.items.every((e: any) => e.entityId === fb)).toBe(true);
      expect(byEntity.body.total).toBeGreaterThanOrEqual(3); // created, disabled, enabled

      const byActorMail = await http().get(`/api/admin/audit?actor=${ADMIN.email}&pageSize=100`).set(auth(staff.admin));
      const byActorId = await http()
        .get(`/api/admin/audit?actor=${await userId(ADMIN.email)}&pageSize=100`)
        .set(auth(staff.admin));
      expect(byActorMail.body.total).toBe(byActorId.body.total);
      expect(byActorMail.body.items.every((e: any) => e.actorEmail === ADMIN.email)).toBe(true);
      expect((await http().get('/api/admin/audit?actor=nobody@x.test').set(auth(staff.admin))).body.total).toBe(0);

      // the audit clock is the portal clock (the staging clock is in 2026-03): days are Shanghai days
      const day = all.body.items[0].at.slice(0, 10);
      const sameDay = await http().get(`/api/admin/audit?from=${day}&to=${day}`).set(auth(staff.admin));
      expect(sameDay.body.total).toBeGreaterThan(0);
      const later = await http().get('/api/admin/audit?from=2099-01-01').set(auth(staff.admin));
      expect(later.body.total).toBe(0);
      expect((await http().get('/api/admin/audit?from=yesterday').set(auth(staff.admin))).status).toBe(400);
      expect((await http().get('/api/admin/audit').set(auth(staff.officer))).status).toBe(403);
      expect((await http().get('/api/admin/audit').set(auth(staff.financeA))).status).toBe(403);
    });

    it('verifies the chain: whole, from a given event, and finds a tampered event', async () => {
      const whole = await http().post('/api/admin/audit/verify').set(auth(staff.admin)).send({});
      expect(whole.status).toBe(200);
      expect(whole.body).toMatchObject({ ok: true, complete: true, nextSeq: null, fromSeq: 1 });
      expect(whole.body.checked).toBe(whole.body.headSeq);
      const tail = await http().post('/api/admin/audit/verify').set(auth(staff.admin)).send({ fromSeq: 5 });
      expect(tail.body).toMatchObject({ ok: true, complete: true, fromSeq: 5, checked: whole.body.headSeq - 4 });
      expect((await http().post('/api/admin/audit/verify').set(auth(staff.admin)).send({ fromSeq: 0 })).status).toBe(
        400,
      );
      expect((await http().post('/api/admin/audit/verify').set(auth(staff.officer)).send({})).status).toBe(403);
      // the cap (50,000 per request) stops a walk before the head: it says where to go on, and going on reaches it
      const first = await checkAuditChain(p.ds, 1, 10);
      expect(first).toMatchObject({ ok: true, checked: 10, complete: false, nextSeq: 11 });
      const rest = await http().post('/api/admin/audit/verify').set(auth(staff.admin)).send({ fromSeq: first.nextSeq });
      expect(rest.body).toMatchObject({ ok: true, complete: true, checked: whole.body.headSeq - 10 });
      expect(CHAIN_CHECK_CAP).toBe(50_000);

      // someone with database access edits event 3 (bypassing the append-only trigger)
      await p.ds.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change`);
      await p.ds.query(`UPDATE audit_event SET data = data || '{"forged": true}'::jsonb WHERE seq = 3`);
      await p.ds.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change`);
      const broken = await http().post('/api/admin/audit/verify').set(auth(staff.admin)).send({});
      expect(broken.body).toMatchObject({ ok: false, brokenAt: 3, checked: 2, complete: true });
      expect(broken.body.reason).toMatch(/altered/);
    });
  });

  describe('the 2027 notice: counted provisionally, counted again when the year is entered', () => {
    let noticeId: string;

    it('publishes a notice into 2027 before anybody entered 2027', async () => {
      const decided = await http()
        .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
        .set(auth(staff.officer))
        .send({ tiers: [{ tier: '动漫企业', amountFen: 0, count: 1 }], confirm: true });
      expect(decided.status).toBe(200);
      await setClock(p, staff.admin, '2026-12-28T10:00:00+08:00'); // a Monday
      const years = await http().get('/api/admin/calendar').set(auth(staff.admin));
      expect(years.body.items.map((y: any) => y.year)).not.toContain(2027);
      const res = await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
      expect(res.status).toBe(201);
      // 29 (1), 30 (2), 31 (3); 1 Jan is 元旦 (fixed by law), the weekend; Mon 4 (4), Tue 5 (5) → 24:00 on 5 January
      expect(res.body.endsAt).toBe('2027-01-05T16:00:00.000Z');
      expect(res.body.provisionalYears).toEqual([2027]);
      expect(res.body.entries.map((e: any) => e.applicationId)).toEqual([apps[0].id]);
      noticeId = res.body.id;
      const audit = await http()
        .get(`/api/admin/audit?action=notice.published&entityId=${noticeId}`)
        .set(auth(staff.admin));
      expect(audit.body.items[0].data.provisionalYears).toEqual([2027]);
    });

    it('entering 2027 with a holiday on 4 January moves the end later (and the public notice shows it)', async () => {
      const put = await http()
        .put('/api/admin/calendar/2027')
        .set(auth(staff.admin))
        .send({ source: '测试：2027 年安排', holidays: ['2027-01-01', '2027-01-04'], workdays: [] });
      expect(put.status).toBe(200);
      expect(put.body.recountedNotices).toEqual([{ id: noticeId, endsAt: '2027-01-06T16:00:00.000Z' }]);
      const pub = await http().get(`/api/public/notices/${noticeId}`);
      expect(pub.body.endsAt).toBe('2027-01-06T16:00:00.000Z');
      expect(pub.body.provisionalYears).toEqual([]);
      const audit = await http()
        .get(`/api/admin/audit?action=notice.recounted&entityId=${noticeId}`)
        .set(auth(staff.admin));
      expect(audit.body.items[0].data).toMatchObject({
        year: 2027,
        previousEndsAt: '2027-01-05T16:00:00.000Z',
        endsAt: '2027-01-06T16:00:00.000Z',
      });
      // entered again: the notice no longer guesses, so nothing is recounted
      const again = await http()
        .put('/api/admin/calendar/2027')
        .set(auth(staff.admin))
        .send({ source: '测试：2027 年安排', holidays: ['2027-01-01', '2027-01-04'], workdays: [] });
      expect(again.body.recountedNotices).toEqual([]);
    });

    it('a recount never shortens a running notice', async () => {
      // as if the notice had still been guessing 2027, and the year then came with a make-up working day on 2 January
      await p.ds.query(`UPDATE public_notice SET provisional_years = '{2027}' WHERE id = $1`, [noticeId]);
      const put = await http()
        .put('/api/admin/calendar/2027')
        .set(auth(staff.admin))
        .send({ source: '测试：2027 年安排（调休）', holidays: ['2027-01-01'], workdays: ['2027-01-02'] });
      expect(put.status).toBe(200);
      // counted again it would end on Mon 4 January; the announced end (6 January) stays
      expect(put.body.recountedNotices).toEqual([{ id: noticeId, endsAt: '2027-01-06T16:00:00.000Z' }]);
      const [row] = await p.ds.query(`SELECT ends_at, provisional_years FROM public_notice WHERE id = $1`, [noticeId]);
      expect(new Date(row.ends_at).toISOString()).toBe('2027-01-06T16:00:00.000Z');
      expect(row.provisional_years).toEqual([]);
    });
  });
});

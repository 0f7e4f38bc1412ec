/*
 * Issue 14, items 3 and 6: the home pages' work lists (`GET /api/me/worklist`) per role, and the expert's organization
 * search for declaring conflicts (`GET /api/experts/organizations`). Every number is checked against what this file
 * seeded: two open calls (one with a returned, a draft and a submitted application; one in expert review), awards
 * written straight into the database for the money and the reports, and an open objection. A company sees only its
 * own applications and reports, an expert only their own reviews.
 */
import { seedAwards, SeededAwards } from '../fake-bank/seed-awards';
import { ADMIN, auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { createCall, PROGRAM_CASES, provincialOfficer, setupStaff, Staff, submitApplication } from './awards-fixtures';

jest.setTimeout(60_000);

type Company = Awaited<ReturnType<typeof registerCompany>>;
type Work = { role: string; byStatus?: Record<string, number>; lists: WorkList[] };
type WorkList = { key: string; count: number; link: string; items: WorkItem[] };
type WorkItem = {
  id: string;
  label: string;
  detail?: string | null;
  at?: string | null;
  amount?: number | null;
  flag?: string | null;
  link: string;
};

describe('work lists and the expert organization search (API)', () => {
  let p: TestPortal;
  let staff: Staff;
  const http = () => p.http();
  let c1: Company;
  let c2: Company;
  let c3: Company;
  let callA: string;
  let callB: string;
  const ids: Record<string, string> = {};
  let paid: SeededAwards;
  let reports: SeededAwards;
  let reportUser: string;

  async function worklist(token: string): Promise<Work[]> {
    const res = await http().get('/api/me/worklist').set(auth(token));
    expect(res.status).toBe(200);
    return res.body.roles;
  }
  async function roleWork(token: string, role: string): Promise<Work> {
    const w = (await worklist(token)).find((r) => r.role === role);
    if (!w) throw new Error(`no ${role} work`);
    return w;
  }
  const listOf = (w: Work, key: string): WorkList => {
    const l = w.lists.find((x) => x.key === key);
    if (!l) throw new Error(`no list ${key}`);
    return l;
  };

  async function draftApplication(c: Company, callId: string, title: string): Promise<string> {
    const spec = PROGRAM_CASES.jingpin;
    const res = await http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(c.token))
      .send({ title, track: spec.track, payload: spec.payload(9) });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  beforeAll(async () => {
    p = await startPortal({ worker: false });
    staff = await setupStaff(p, 'wl');
    const day = 86_400_000;
    const window = {
      opensAt: new Date(Date.now() - day).toISOString(),
      closesAt: new Date(Date.now() + 30 * day).toISOString(),
    };
    callA = await createCall(p, staff.officer, 'jingpin', { ...window, title: '工作清单精品批次' });
    callB = await createCall(p, staff.officer, 'yuandongli', {
      ...window,
      closesAt: new Date(Date.now() + 20 * day).toISOString(),
      title: '工作清单原动力批次',
    });
    c1 = await registerCompany(p, 701, { name: '清单动画公司一号' });
    c2 = await registerCompany(p, 702, { name: '清单动画公司二号' });
    c3 = await registerCompany(p, 703, { name: '清单动画公司三号' });

    // call A: c1 returned + draft, c2 submitted (waiting for the formal check)
    const a1 = await submitApplication(p, c1, callA, 'jingpin', 1, '被退回的作品');
    ids.returned = a1.id;
    const ret = await http()
      .post(`/api/applications/${a1.id}/screening`)
      .set(auth(staff.officer))
      .send({ decision: 'return', comment: '请补充营业执照' });
    expect(ret.status).toBe(200);
    ids.draft = await draftApplication(c1, callA, '尚未提交的作品');
    ids.submitted = (await submitApplication(p, c2, callA, 'jingpin', 2, '等待形式审查的作品')).id;

    // call B: c1 and c3 accepted, the draw gives 2 experts each (4 assignments over 3 experts)
    for (const [c, i] of [
      [c1, 1],
      [c3, 2],
    ] as const) {
      const app = await submitApplication(p, c, callB, 'yuandongli', i, `原动力作品${i}`);
      const scr = await http()
        .post(`/api/applications/${app.id}/screening`)
        .set(auth(staff.officer))
        .send({ decision: 'accept', comment: '材料齐全' });
      expect(scr.status).toBe(200);
    }
    const draw = await http().post(`/api/calls/${callB}/review-draw`).set(auth(staff.officer)).send({ seed: 3 });
    expect(draw.status).toBe(200);

    // money: 3 instalments due today, 2 due in 2099, 1 failed
    paid = await seedAwards(p.ds, { count: 3, tag: 'wldue', amountFen: 100_000 });
    await seedAwards(p.ds, { count: 2, tag: 'wlfut', amountFen: 50_000, dueOn: '2099-01-01' });
    const failed = await seedAwards(p.ds, { count: 1, tag: 'wlfail', amountFen: 70_000, dueOn: '2099-01-01' });
    await p.ds.query(`UPDATE instalment SET status = 'failed', failure = '账户已销户' WHERE id = $1`, [
      failed.instalmentIds[0],
    ]);
    ids.failed = failed.instalmentIds[0];

    // reports: the first organization of this set has a draft and a returned report due, and one accepted
    reports = await seedAwards(p.ds, { count: 2, tag: 'wlrep', amountFen: 10_000, dueOn: '2099-01-01' });
    const rep = (award: string, kind: string, status: string, due: string) =>
      p.ds.query(
        `INSERT INTO award_report (award_id, kind, due_on, status, created_at, updated_at)
         VALUES ($1, $2, $3::date, $4, now(), now()) RETURNING id`,
        [award, kind, due, status],
      );
    ids.reportFinal = (await rep(reports.awardIds[0], 'final', 'returned', '2027-06-30'))[0].id;
    ids.reportMid = (await rep(reports.awardIds[0], 'midterm', 'draft', '2027-01-10'))[0].id;
    await rep(reports.awardIds[0], 'annual', 'accepted', '2026-12-01');
    await rep(reports.awardIds[1], 'midterm', 'draft', '2027-01-05'); // the other organization's
    // a task agreement issued to each organization; the second one's already accepted
    const agreement = (award: string) =>
      p.ds.query(
        `INSERT INTO grant_agreement (award_id, plan_ends_on, created_at, updated_at)
         VALUES ($1, '2028-12-31', now(), now()) RETURNING id`,
        [award],
      );
    ids.agreement = (await agreement(reports.awardIds[0]))[0].id;
    const [other] = await agreement(reports.awardIds[1]);
    await p.ds.query(
      `UPDATE grant_agreement SET status = 'accepted', accepted_by_name = '联系人', accepted_at = now() WHERE id = $1`,
      [other.id],
    );
    const [{ email }] = await p.ds.query(`SELECT email FROM app_user WHERE organization_id = $1`, [
      reports.organizationIds[0],
    ]);
    await p.ds.query(
      `UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE email = $2), email_verified_at = now()
        WHERE email = $1`,
      [email, ADMIN.email],
    );
    reportUser = await p.login(email, ADMIN.password);

    // an open objection (and an answered one) on the 公示 of the paid call
    const [admin] = await p.ds.query(`SELECT id FROM app_user WHERE email = $1`, [ADMIN.email]);
    const [notice] = await p.ds.query(
      `INSERT INTO public_notice (call_id, working_days, starts_at, ends_at, published_by)
       VALUES ($1, 5, now() - interval '1 day', now() + interval '6 days', $2) RETURNING id`,
      [paid.callId, admin.id],
    );
    const apps = await p.ds.query(
      `SELECT a.id, a.organization_id, a.title, o.name FROM application a JOIN organization o ON o.id = a.organization_id
        WHERE a.call_id = $1 ORDER BY a.number`,
      [paid.callId],
    );
    for (const [i, a] of apps.entries())
      await p.ds.query(
        `INSERT INTO notice_entry (notice_id, application_id, position, organization_id, organization_name, title)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [notice.id, a.id, i + 1, a.organization_id, a.name, a.title],
      );
    const [open] = await p.ds.query(
      `INSERT INTO objection (notice_id, call_id, entry_application_id, name, contact, reason, created_at)
       VALUES ($1, $2, $3, '王某', '13900000000', '作品抄袭', now()) RETURNING id`,
      [notice.id, paid.callId, apps[0].id],
    );
    ids.objection = open.id;
    await p.ds.query(
      `INSERT INTO objection (notice_id, call_id, entry_application_id, name, contact, reason, created_at, upheld, response,
                              resolved_by, resolved_at)
       VALUES ($1, $2, $3, '李某', '13900000001', '资料有误', now(), false, '经核查不成立', $4, now())`,
      [notice.id, paid.callId, apps[1].id, admin.id],
    );
  }, 240_000);

  afterAll(async () => {
    await p?.close();
  });

  it('applicant: applications by status, returned, drafts, open calls — own organization only', async () => {
    const w1 = await roleWork(c1.token, 'applicant');
    expect(w1.byStatus).toEqual({ returned: 1, draft: 1, under_review: 1 });
    const returned = listOf(w1, 'returned');
    expect(returned.count).toBe(1);
    expect(returned.items.map((i) => [i.id, i.link])).toEqual([[ids.returned, `/applications/${ids.returned}/edit`]]);
    const drafts = listOf(w1, 'drafts');
    expect(drafts.items.map((i) => [i.id, i.label, i.detail])).toEqual([
      [ids.draft, '尚未提交的作品', '工作清单精品批次'],
    ]);
    const calls = listOf(w1, 'openCalls');
    expect(calls.count).toBe(2);
    // closest deadline first: B closes in 20 days, A in 30; c1 applied to both
    expect(calls.items.map((i) => [i.id, i.flag])).toEqual([
      [callB, 'applied'],
      [callA, 'applied'],
    ]);
    expect(listOf(w1, 'reportsDue').count).toBe(0);

    const w2 = await roleWork(c2.token, 'applicant');
    expect(w2.byStatus).toEqual({ submitted: 1 });
    expect(listOf(w2, 'returned')).toMatchObject({ count: 0, items: [] });
    expect(listOf(w2, 'drafts').count).toBe(0);
    const calls2 = listOf(w2, 'openCalls');
    expect(calls2.items.map((i) => [i.id, i.flag ?? null, i.link])).toEqual([
      [callB, null, `/calls/${callB}/apply`],
      [callA, 'applied', '/applications'],
    ]);
    // nothing of c1 anywhere in c2's answer
    const text = JSON.stringify(await worklist(c2.token));
    expect(text).not.toContain(ids.returned);
    expect(text).not.toContain(ids.draft);
    // an applicant has no other role's lists
    expect((await worklist(c2.token)).map((r) => r.role)).toEqual(['applicant']);
  });

  it("applicant: reports due of the organization's active awards, earliest first; not another organization's", async () => {
    const w = await roleWork(reportUser, 'applicant');
    const [{ title }] = await p.ds.query(
      `SELECT a.title FROM award aw JOIN application a ON a.id = aw.application_id WHERE aw.id = $1`,
      [reports.awardIds[0]],
    );
    expect(title).toMatch(/^付款测试项目\d$/);
    const due = listOf(w, 'reportsDue');
    expect(due.count).toBe(2);
    expect(due.items.map((i) => [i.id, i.label, i.detail, i.flag, i.at, i.link])).toEqual([
      [ids.reportMid, 'midterm', title, 'draft', '2027-01-10', `/my/awards/${reports.awardIds[0]}`],
      [ids.reportFinal, 'final', title, 'returned', '2027-06-30', `/my/awards/${reports.awardIds[0]}`],
    ]);
    const agreements = listOf(w, 'agreementsToAccept');
    expect(agreements.items.map((i) => [i.id, i.label, i.link])).toEqual([
      [ids.agreement, title, `/my/awards/${reports.awardIds[0]}`],
    ]);
    expect(agreements.count).toBe(1);
    expect(listOf(await roleWork(c1.token, 'applicant'), 'agreementsToAccept').count).toBe(0);
    expect(w.byStatus).toEqual({ awarded: 1 });
    const c1Due = listOf(await roleWork(c1.token, 'applicant'), 'reportsDue');
    expect(c1Due.count).toBe(0);
  });

  it('expert: own pending reviews with due times; never another expert’s', async () => {
    const own: string[][] = [];
    let sum = 0;
    for (const [i, token] of staff.experts.entries()) {
      const w = await roleWork(token, 'expert');
      const pending = listOf(w, 'pendingReviews');
      const mine = await http().get('/api/reviews?status=pending&pageSize=100').set(auth(token));
      const mineIds = mine.body.items.map((r: { id: string }) => r.id).sort();
      expect(pending.count).toBe(mineIds.length);
      expect(pending.items.map((r) => r.id).sort()).toEqual(mineIds);
      for (const item of pending.items) {
        expect(item.link).toBe(`/reviews/${item.id}`);
        expect(item.detail).toBe('工作清单原动力批次');
        expect(item.at).toEqual(expect.any(String));
      }
      own[i] = mineIds;
      sum += pending.count;
    }
    // 2 applications × 2 experts, all pending; the three lists are disjoint
    expect(sum).toBe(4);
    expect(new Set(own.flat()).size).toBe(4);
    const [dbCount] = await p.ds.query(
      `SELECT count(*)::int AS n FROM review_assignment WHERE call_id = $1 AND status = 'pending'`,
      [callB],
    );
    expect(dbCount.n).toBe(4);
  });

  it('officer: formal checks, objections, rounds to close; decisions after the close; a provincial officer of another province sees none', async () => {
    const w = await roleWork(staff.officer, 'officer');
    const checks = listOf(w, 'formalChecks');
    expect(checks.count).toBe(1);
    expect(checks.items.map((i) => [i.id, i.link])).toEqual([
      [ids.submitted, `/officer/applications/${ids.submitted}`],
    ]);
    expect(checks.link).toBe('/officer/applications?status=submitted');
    const objections = listOf(w, 'objections');
    expect(objections.count).toBe(1);
    expect(objections.items.map((i) => [i.id, i.link])).toEqual([
      [ids.objection, `/officer/objections?callId=${paid.callId}`],
    ]);
    const rounds = listOf(w, 'roundsToClose');
    expect(rounds.items.map((i) => [i.id, i.amount, i.flag ?? null, i.link])).toEqual([
      [callB, 4, null, `/officer/calls/${callB}/review`],
    ]);
    expect(listOf(w, 'decisions').count).toBe(0);

    // every expert answers: the round is ready to close; after the close two applications wait for a decision
    const programs = await http().get('/api/programs');
    const rubric: { key: string; max: number }[] = programs.body.find(
      (x: { code: string }) => x.code === 'yuandongli',
    ).rubric;
    for (const token of staff.experts) {
      const list = await http().get('/api/reviews?status=pending&pageSize=100').set(auth(token));
      for (const r of list.body.items) {
        const sub = await http()
          .post(`/api/reviews/${r.id}/submit`)
          .set(auth(token))
          .send({ scores: Object.fromEntries(rubric.map((c) => [c.key, c.max])), comment: '评审意见：内容扎实。' });
        expect(sub.status).toBe(200);
      }
      expect(listOf(await roleWork(token, 'expert'), 'pendingReviews')).toMatchObject({ count: 0, items: [] });
    }
    const ready = listOf(await roleWork(staff.officer, 'officer'), 'roundsToClose');
    expect(ready.items.map((i) => [i.id, i.amount, i.flag])).toEqual([[callB, 0, 'ready']]);
    expect((await http().post(`/api/calls/${callB}/review-close`).set(auth(staff.officer)).send({})).status).toBe(200);
    const after = await roleWork(staff.officer, 'officer');
    expect(listOf(after, 'roundsToClose').count).toBe(0);
    expect(listOf(after, 'decisions').items.map((i) => [i.id, i.amount, i.link])).toEqual([
      [callB, 2, `/officer/calls/${callB}/decisions`],
    ]);

    const guangdong = await provincialOfficer(p, staff.admin, 'officer-44@wl.test', '44');
    const gw = await roleWork(guangdong, 'officer');
    expect(gw.lists.map((l) => [l.key, l.count])).toEqual([
      ['formalChecks', 0],
      ['objections', 0],
      ['roundsToClose', 0],
      ['decisions', 0],
    ]);
  });

  it('finance: instalments due, a batch awaiting the second approval (not by its preparer), failures', async () => {
    const w = await roleWork(staff.financeA, 'finance');
    const due = listOf(w, 'instalmentsDue');
    expect(due.count).toBe(3);
    expect(due.items.map((i) => [i.label, i.amount, i.detail])).toEqual([[`付款测试批次 wldue`, 300_000, '#1 × 3']]);
    expect(listOf(w, 'batchesAwaitingApproval').count).toBe(0);
    const failed = listOf(w, 'failedPayments');
    expect(failed.items.map((i) => [i.id, i.amount, i.detail])).toEqual([[ids.failed, 70_000, '账户已销户']]);

    const batch = await http()
      .post('/api/payment-batches')
      .set(auth(staff.financeA))
      .send({ callId: paid.callId, instalmentNo: 1 });
    expect(batch.status).toBe(201);
    const a = await roleWork(staff.financeA, 'finance');
    expect(listOf(a, 'instalmentsDue').count).toBe(0);
    const waitingA = listOf(a, 'batchesAwaitingApproval');
    expect(waitingA.items.map((i) => [i.id, i.amount, i.flag, i.link])).toEqual([
      [batch.body.id, 300_000, 'preparedByMe', `/finance/batches?id=${batch.body.id}`],
    ]);
    const waitingB = listOf(await roleWork(staff.financeB, 'finance'), 'batchesAwaitingApproval');
    expect(waitingB.items.map((i) => [i.id, i.flag ?? null, i.detail])).toEqual([[batch.body.id, null, '财务甲']]);
    expect((await http().post(`/api/payment-batches/${batch.body.id}/approve`).set(auth(staff.financeB))).status).toBe(
      200,
    );
    expect(listOf(await roleWork(staff.financeA, 'finance'), 'batchesAwaitingApproval').count).toBe(0);
  });

  it('admin: no work lists; without a token: 401', async () => {
    expect(await worklist(staff.admin)).toEqual([]);
    expect((await http().get('/api/me/worklist')).status).toBe(401);
  });

  it('expert organization search: name or credit-code start, id/name/code only, paged ≤ 20, experts only', async () => {
    const [expert] = staff.experts;
    const byName = await http()
      .get(`/api/experts/organizations?q=${encodeURIComponent('清单动画')}`)
      .set(auth(expert));
    expect(byName.status).toBe(200);
    expect(byName.body.total).toBe(3);
    expect(byName.body.items).toHaveLength(3);
    expect(byName.body.items).toEqual(
      expect.arrayContaining([
        { id: c1.organizationId, name: '清单动画公司一号', creditCode: c1.creditCode },
        { id: c2.organizationId, name: '清单动画公司二号', creditCode: c2.creditCode },
        { id: c3.organizationId, name: '清单动画公司三号', creditCode: c3.creditCode },
      ]),
    );
    // nothing but the three fields
    for (const o of byName.body.items) expect(Object.keys(o).sort()).toEqual(['creditCode', 'id', 'name']);
    const byCode = await http()
      .get(`/api/experts/organizations?q=${c2.creditCode.slice(0, 17).toLowerCase()}`)
      .set(auth(expert));
    expect(byCode.body.items.map((o: { id: string }) => o.id)).toEqual([c2.organizationId]);
    const paged = await http()
      .get(`/api/experts/organizations?q=${encodeURIComponent('清单动画')}&pageSize=2&page=2`)
      .set(auth(expert));
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);
    // wildcards are text
    expect((await http().get('/api/experts/organizations?q=%25%25').set(auth(expert))).body.total).toBe(0);
    for (const bad of ['q=a', 'q=' + 'x'.repeat(61), 'q=ab&pageSize=21', 'q=ab&page=51', ''])
      expect((await http().get(`/api/experts/organizations?${bad}`).set(auth(expert))).status).toBe(400);
    expect((await http().get('/api/experts/organizations?q=清单').set(auth(c1.token))).status).toBe(403);
    expect((await http().get('/api/experts/organizations?q=清单').set(auth(staff.officer))).status).toBe(403);
  });

  it('declaring a found organization: the profile lists it with its name; another expert’s profile is untouched', async () => {
    const [e1, e2] = staff.experts;
    const put = await http()
      .put('/api/experts/me')
      .set(auth(e1))
      .send({ available: false, conflicts: [{ creditCode: c1.creditCode, note: '曾任顾问' }] });
    expect(put.status).toBe(200);
    expect(put.body.available).toBe(false);
    expect(put.body.conflicts).toEqual([
      { creditCode: c1.creditCode, note: '曾任顾问', organizationName: '清单动画公司一号' },
    ]);
    const other = await http().get('/api/experts/me').set(auth(e2));
    expect(other.body.conflicts).toEqual([]);
    expect(other.body.available).toBe(true);
  });

  it('the search is limited to 30 a minute per expert (429 with Retry-After), another expert unaffected', async () => {
    const [, , e3] = staff.experts;
    for (let i = 0; i < 30; i++)
      expect((await http().get('/api/experts/organizations?q=清单').set(auth(e3))).status).toBe(200);
    const over = await http().get('/api/experts/organizations?q=清单').set(auth(e3));
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('EXPERT.TOO_MANY_SEARCHES');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await http().get('/api/experts/organizations?q=清单').set(auth(staff.experts[1]))).status).toBe(200);
  });
});

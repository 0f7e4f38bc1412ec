/*
 * Issue 14, item 10: the demo seed tells the whole story. On a fresh test database, the demo accounts and open calls
 * (seedDemo) and then the story (seedDemoStory, through the portal's own API with the staging clock) leave a call at
 * every stage; each stage is checked through the API as the people of the tour would see it, and a second run changes
 * nothing.
 */
import { verifyAuditChain } from '@portal/platform';
import { DEMO_LOGINS, seedDemo } from '../../seeds/demo';
import { seedDemoStory } from '../../seeds/demo-story';
import { ADMIN, auth, startPortal, TestPortal } from '../support/portal';

jest.setTimeout(240_000);

const PW = DEMO_LOGINS.password;

describe('demo story: a call at every stage (npm start on a fresh database)', () => {
  let p: TestPortal;
  let officer: string;
  let finance: string;
  let firstMs = 0;
  const counts = async () =>
    (
      await p.ds.query(
        `SELECT (SELECT count(*) FROM call)::int AS calls, (SELECT count(*) FROM application)::int AS applications,
                (SELECT count(*) FROM application_history)::int AS history, (SELECT count(*) FROM audit_event)::int AS audit,
                (SELECT count(*) FROM review_assignment)::int AS reviews, (SELECT count(*) FROM award)::int AS awards,
                (SELECT count(*) FROM instalment)::int AS instalments, (SELECT count(*) FROM payment_ledger)::int AS ledger,
                (SELECT count(*) FROM objection)::int AS objections, (SELECT count(*) FROM grant_agreement)::int AS agreements,
                (SELECT count(*) FROM payment_batch)::int AS batches, (SELECT count(*) FROM attachment)::int AS attachments`,
      )
    )[0];

  beforeAll(async () => {
    // the story boots an API of its own in this process: before the test portal's (passport's strategies are global)
    let seeded = false;
    p = await startPortal({
      worker: false,
      beforeStart: async (databaseUrl) => {
        expect(await seedDemo(databaseUrl)).toBe(true);
        const r = await seedDemoStory(databaseUrl, { log: (l) => console.log(l) });
        seeded = r.seeded;
        firstMs = r.ms;
      },
    });
    expect(seeded).toBe(true);
    officer = await p.login('officer@demo.portal', PW);
    finance = await p.login('finance1@demo.portal', PW);
  });

  afterAll(async () => {
    await p?.close();
  });

  const callByTitle = async (part: string) => {
    const all = (await p.http().get('/api/calls?pageSize=100')).body.items as any[];
    const c = all.find((x) => x.title.includes(part));
    if (!c) throw new Error(`no call titled …${part}…: ${all.map((x) => x.title).join(' | ')}`);
    return c;
  };
  const statuses = async (callId: string) => {
    const items = (await p.http().get(`/api/applications?callId=${callId}&pageSize=100`).set(auth(officer))).body
      .items as any[];
    const out: Record<string, number> = {};
    for (const a of items) out[a.status] = (out[a.status] ?? 0) + 1;
    return out;
  };

  it('takes seconds, not minutes, and leaves the staging clock at real time', async () => {
    console.log(`[demo story] seeded in ${(firstMs / 1000).toFixed(1)} s`);
    expect(firstMs).toBeGreaterThan(0);
    expect(await p.ds.query(`SELECT 1 FROM system_setting WHERE key = 'clock'`)).toHaveLength(0);
    const mark = await p.ds.query(`SELECT value FROM system_setting WHERE key = 'demo-story'`);
    expect(mark[0].value.state).toBe('done');
  });

  it('open: the open calls, and 江南’s 认定 application waiting for 江苏’s 初审', async () => {
    const open = (await p.http().get('/api/calls?status=open&pageSize=100')).body.items as any[];
    expect(open.map((c) => c.programCode).sort()).toEqual([
      'dongmanjiang',
      'jingpin',
      'rending',
      'tuiguang',
      'tuiyou',
      'tuiyou',
      'ydyl',
      'yuandongli',
    ]);
    // 推优: the year's selection (money) and this quarter's recommendations (a list), and the series for the next quarters
    const quarterly = open.find((c) => c.programCode === 'tuiyou' && c.tracks?.includes('quarterly'));
    expect(quarterly).toMatchObject({ tracks: ['quarterly'], seriesPeriod: expect.stringMatching(/^\d{4}-Q[1-4]$/) });
    expect(open.find((c) => c.programCode === 'tuiyou' && c.id !== quarterly.id).tracks).toEqual(['yearly']);
    const series = (await p.http().get('/api/call-series').set(auth(officer))).body;
    expect((series.items ?? series).map((s: any) => [s.programCode, s.recurrence, s.settings.tracks])).toEqual([
      ['tuiyou', 'quarterly', ['quarterly']],
    ]);
    const js = await p.login('officer-js@demo.portal', PW);
    const rd = open.find((c) => c.programCode === 'rending');
    const mine = (await p.http().get(`/api/applications?callId=${rd.id}&pageSize=100`).set(auth(js))).body.items;
    expect(mine).toEqual([expect.objectContaining({ status: 'submitted', provinceCode: '32' })]);
  });

  it('formal check: a closed call with submitted applications, one returned to 星火 and one accepted', async () => {
    const call = await callByTitle('海外推广专项');
    expect(call.status).toBe('closed');
    expect(await statuses(call.id)).toEqual({ submitted: 4, returned: 1, under_review: 1 });
    const xinghuo = await p.login('xinghuo@demo.portal', PW);
    const mine = (await p.http().get('/api/applications?pageSize=100').set(auth(xinghuo))).body.items as any[];
    expect(mine.filter((a) => a.status === 'returned')).toHaveLength(1);
  });

  it('under review: experts assigned, expert1 has pending reviews with a deadline ahead, the round still open', async () => {
    const call = await callByTitle('动漫企业认定·第一批');
    expect(await statuses(call.id)).toEqual({ under_review: 4 });
    const expert1 = await p.login('expert1@demo.portal', PW);
    const pending = (await p.http().get('/api/reviews?status=pending&pageSize=100').set(auth(expert1))).body
      .items as any[];
    const here = pending.filter((r) => r.callId === call.id);
    expect(here).toHaveLength(4);
    expect(here.every((r) => new Date(r.dueAt).getTime() > Date.now())).toBe(true);
    // expert1 also has a history: the reviews submitted in earlier rounds
    const done = (await p.http().get('/api/reviews?status=submitted&pageSize=100').set(auth(expert1))).body.total;
    expect(done).toBeGreaterThan(0);
    const all = (await p.http().get(`/api/reviews?callId=${call.id}&pageSize=100`).set(auth(officer))).body
      .items as any[];
    expect(all.filter((r) => r.status === 'submitted')).toHaveLength(6); // expert5 all four, expert4 two
    expect((await p.http().get(`/api/calls/${call.id}/ranking`).set(auth(officer))).status).toBe(409); // not closed
  });

  it('公示: a published notice open now, with one answered and one open objection', async () => {
    const call = await callByTitle('原动力”中国原创动漫出版扶持计划·第一批');
    expect(await statuses(call.id)).toEqual({ proposed: 4, reviewed: 2 });
    const notices = (await p.http().get(`/api/calls/${call.id}/notices`).set(auth(officer))).body as any[];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ open: true, objections: { total: 2, open: 1 } });
    const pub = await p.http().get(`/api/public/notices/${notices[0].id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.entries).toHaveLength(4);
    expect(new Date(pub.body.endsAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('finalized: awards with agreements at every step, paid, batched and due first instalments', async () => {
    const call = await callByTitle('国家动漫精品工程·第一批');
    expect(await statuses(call.id)).toEqual({ awarded: 6, not_awarded: 2 });
    const ags = (await p.http().get(`/api/agreements?callId=${call.id}&pageSize=100`).set(auth(officer))).body
      .items as any[];
    const byStatus: Record<string, number> = {};
    for (const a of ags) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    expect(byStatus).toEqual({ countersigned: 4, accepted: 1, issued: 1 });
    const inst = (await p.http().get(`/api/payments?callId=${call.id}&pageSize=100`).set(auth(finance))).body
      .items as any[];
    const first = inst
      .filter((i) => i.instalmentNo === 1)
      .map((i) => i.status)
      .sort();
    expect(first).toEqual(['batched', 'held', 'held', 'paid', 'paid', 'planned']);
    const due = inst.find((i) => i.instalmentNo === 1 && i.status === 'planned');
    expect(due.dueOn <= new Date().toISOString().slice(0, 10)).toBe(true);
    const batches = (await p.http().get('/api/payment-batches?pageSize=100').set(auth(finance))).body.items as any[];
    expect(batches.filter((b) => b.status === 'prepared')).toHaveLength(1); // waiting for finance2
    // the ledger has the money the bank's return file settled
    const paid = await p.ds.query(
      `SELECT count(*)::int AS n FROM payment_ledger l JOIN instalment i ON i.id = l.instalment_id
        WHERE i.call_id = $1 AND l.to_status = 'paid'`,
      [call.id],
    );
    expect(paid[0].n).toBe(2);
  });

  it("last year's call is finished: paid against closing reports and evaluated; the public lists show both years", async () => {
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const call = await callByTitle(`${year - 1} 年度原创动漫推广计划`);
    expect(call.year).toBe(year - 1);
    expect(await statuses(call.id)).toEqual({ awarded: 5, not_awarded: 3, rejected: 1 });
    const inst = (await p.http().get(`/api/payments?callId=${call.id}&pageSize=100`).set(auth(finance))).body
      .items as any[];
    expect(inst.map((i) => i.status)).toEqual(['paid', 'paid', 'paid', 'paid', 'paid']);
    const evaluated = await p.ds.query(`SELECT count(*)::int AS n FROM award_evaluation`);
    expect(evaluated[0].n).toBe(5);
    const pub = await p.http().get('/api/public/awards?pageSize=100');
    expect(pub.body.total).toBe(11);
    expect(new Set(pub.body.items.map((a: any) => a.year))).toEqual(new Set([year, year - 1]));
    // the companies of 山东, 湖南, 重庆 and 云南 registered through the portal and verified their e-mail by its link
    const registered = await p.ds.query(
      `SELECT o.province_code, u.email_verified_at IS NOT NULL AS verified FROM app_user u JOIN organization o ON o.id = u.organization_id
        WHERE u.email = ANY($1::text[]) ORDER BY 1`,
      [['qilu', 'xiangjiang', 'bayu', 'caiyun'].map((k) => `${k}@demo.portal`)],
    );
    expect(registered).toEqual(['37', '43', '50', '53'].map((c) => ({ province_code: c, verified: true })));
  });

  it('the public statistics cover both years, eight provinces and paid money (after the worker’s first refresh)', async () => {
    const admin = await p.login(ADMIN.email, ADMIN.password);
    expect((await p.http().post('/api/statistics/refresh').set(auth(admin)).send({})).status).toBeLessThan(300);
    const st = (await p.http().get('/api/public/statistics')).body;
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const byYear = Object.fromEntries(st.byYear.map((r: any) => [r.key, r]));
    expect(byYear[String(year - 1)]).toMatchObject({ applications: 9, awards: 5 });
    expect(byYear[String(year - 1)].paidFen).toBeGreaterThan(0);
    expect(byYear[String(year)].awards).toBe(6);
    expect(byYear[String(year)].paidFen).toBeGreaterThan(0);
    expect(st.byProvince.filter((r: any) => r.applications > 0)).toHaveLength(8);
  });

  it('every role’s home page has work (GET /api/me/worklist)', async () => {
    const lists = async (email: string, role: string) => {
      const w = (
        await p
          .http()
          .get('/api/me/worklist')
          .set(auth(await p.login(email, PW)))
      ).body;
      const r = w.roles.find((x: any) => x.role === role);
      return Object.fromEntries((r?.lists ?? []).map((l: any) => [l.key, l.count]));
    };
    expect(await lists('xinghuo@demo.portal', 'applicant')).toMatchObject({
      returned: 1,
      drafts: 1,
      openCalls: 8, // the four programs', 推优's year and quarter, the 一带一路 list and 动漫奖
      reportsDue: 4, // the mid-term and closing reports of its two 精品工程 awards
    });
    expect(await lists('jiangnan@demo.portal', 'applicant')).toMatchObject({ agreementsToAccept: 1 });
    expect(await lists('expert1@demo.portal', 'expert')).toMatchObject({ pendingReviews: 4 });
    expect(await lists('officer@demo.portal', 'officer')).toMatchObject({
      formalChecks: 4,
      objections: 1,
      roundsToClose: 1,
    });
    // 江南's 认定 application (its 初审) and its 推广计划 one (the national check; a province sees its companies' too)
    expect(await lists('officer-js@demo.portal', 'officer')).toMatchObject({ formalChecks: 2 });
    expect(await lists('finance2@demo.portal', 'finance')).toMatchObject({
      instalmentsDue: 1,
      batchesAwaitingApproval: 1,
    });
  });

  it('the audit chain is whole and the story’s events read forward in time', async () => {
    const v = await verifyAuditChain(p.ds);
    expect(v).toMatchObject({ ok: true });
    const back = await p.ds.query(
      `SELECT count(*)::int AS n FROM audit_event a JOIN audit_event b ON b.seq = a.seq + 1 WHERE b.at < a.at
          AND a.seq >= (SELECT min(seq) FROM audit_event WHERE at < now() - interval '300 days')`,
    );
    expect(back[0].n).toBe(0);
  });

  it('a second run changes nothing', async () => {
    const before = await counts();
    expect(before.applications).toBe(35);
    expect(await seedDemo(p.databaseUrl)).toBe(false);
    expect((await seedDemoStory(p.databaseUrl)).seeded).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

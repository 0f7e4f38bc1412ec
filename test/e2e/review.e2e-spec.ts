/*
 * Expert review, the whole round through the HTTP API (real Postgres, Redis, SMTP, the worker):
 * applications accepted at screening → the draw (region recusal, declared conflicts, employer, availability) →
 * a decline for conflict and its replacement, a decline that leaves a shortfall → drafts, versions, submit →
 * progress without scores → close → the ranking with hand-checked numbers, and its CSV.
 * Plus: blind leak checks, ownership (another expert gets 404), 422 / 409 rules, the reminder job.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QUEUES } from '@portal/platform';
import { ReviewReminderProcessor } from '@portal/review';
import { decode } from '../support/mail-sink';
import { ADMIN, auth, testCreditCode, startPortal, TestPortal } from '../support/portal';

const NOW = '2026-04-01T10:00:00+08:00';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const RUBRIC_KEYS = ['ideological', 'artistic', 'innovation', 'industrialValue'] as const;
const all = (v: number) => Object.fromEntries(RUBRIC_KEYS.map((k) => [k, v]));

/** Subject and body of a sunk mail as text, whatever transfer encoding nodemailer chose. */
function readMail(raw: string): string {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = cut < 0 ? raw : raw.slice(0, cut);
  let body = cut < 0 ? '' : raw.slice(cut).trim();
  body = /content-transfer-encoding:\s*base64/i.test(head)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : decode(body);
  const headers = head
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, txt: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(txt, 'base64').toString('utf8') : decode(txt.replace(/_/g, ' ')),
    );
  return `${headers}\n\n${body}`;
}

async function waitForMail(p: TestPortal, to: string, match: RegExp, timeoutMs = 15000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const m = p.mail.messages.find((x) => x.to.includes(to) && match.test(readMail(x.raw)));
    if (m) return readMail(m.raw);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} matching ${match}`);
}

interface Company {
  key: string;
  n: number;
  region: string;
  name: string;
  legalRepresentative: string;
  contactName: string;
  email: string;
  creditCode: string;
  token: string;
  organizationId: string;
  creators: string[];
}
interface Expert {
  key: string;
  id: string;
  name: string;
  email: string;
  token: string;
}

describe('expert review round (API)', () => {
  let p: TestPortal;
  let adminToken: string;
  let officerToken: string;
  let callId: string;
  const companies: Record<string, Company> = {};
  const experts: Record<string, Expert> = {};
  const apps: Record<string, { id: string; number: string }> = {};
  const password = 'Review#Pass2026';

  const http = () => p.http();
  const officer = () => auth(officerToken);

  async function createUser(body: Record<string, unknown>) {
    const res = await http()
      .post('/api/users')
      .set(auth(adminToken))
      .send({ password, ...body });
    if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function addExpert(key: string, name: string, regionCode: string, employerCreditCode: string) {
    const email = `${key.toLowerCase()}@experts.test`;
    const u = await createUser({
      name,
      email,
      roles: ['expert'],
      expert: { fields: ['jingpin'], employerCreditCode, regionCode, conflicts: [] },
    });
    experts[key] = { key, id: u.id, name, email, token: await p.login(email, password) };
  }

  async function addCompany(
    key: string,
    n: number,
    region: string,
    name: string,
    legalRepresentative: string,
    contactName: string,
    creators: string[],
  ) {
    const creditCode = testCreditCode(n, region);
    const email = `${key.toLowerCase()}@company.test`;
    const res = await http()
      .post('/api/auth/register')
      .send({
        organization: {
          name,
          creditCode,
          address: `${name}所在地 1 号`,
          legalRepresentative,
          businessTypes: ['animation'],
        },
        user: { name: contactName, email, phone: '13800138000', password },
      });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    companies[key] = {
      key,
      n,
      region,
      name,
      legalRepresentative,
      contactName,
      email,
      creditCode,
      token: await p.login(email, password),
      organizationId: res.body.organization.id,
      creators,
    };
  }

  async function upload(c: Company, appId: string, kind: string, fileName: string) {
    const res = await http()
      .post(`/api/applications/${appId}/attachments`)
      .set(auth(c.token))
      .field('kind', kind)
      .attach('file', PDF, { filename: fileName, contentType: 'application/pdf' });
    if (res.status !== 201) throw new Error(`upload ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** create → attachments → submit → screening accept, all through the applications API. */
  async function applyAndAccept(c: Company, workTitle: string) {
    const short = c.name.replace(/有限公司$/, '');
    const created = await http()
      .post(`/api/calls/${callId}/applications`)
      .set(auth(c.token))
      .send({
        title: `${short}《${workTitle}》`,
        track: 'product',
        payload: {
          mediaType: 'tv',
          workTitle,
          synopsis: `${short}出品，导演${c.creators[0]}执导；联系人${c.contactName}，电话 13800138000，统一社会信用代码 ${c.creditCode}。`,
          creators: c.creators.map((name, i) => ({ name, role: i === 0 ? '导演' : '编剧' })),
          developmentPlan: '分三期制作。',
          marketExpectation: `${c.legalRepresentative}预计授权收入可观。`,
          licensing: '自有版权。',
          promotionPlan: '电视台与网络平台同步播出。',
          declaration: true,
        },
      });
    if (created.status !== 201)
      throw new Error(`create application: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    await upload(c, id, 'declaration', `${c.name}-承诺书.pdf`);
    await upload(c, id, 'business-licence', `${c.legalRepresentative}-营业执照-${c.creditCode}.pdf`);
    await upload(c, id, 'work-sample', `${workTitle}-${short}样章.pdf`);
    const sub = await http().post(`/api/applications/${id}/submit`).set(auth(c.token)).send({});
    if (sub.status !== 200) throw new Error(`submit: ${sub.status} ${JSON.stringify(sub.body)}`);
    const scr = await http()
      .post(`/api/applications/${id}/screening`)
      .set(officer())
      .send({ decision: 'accept', comment: `${short}材料齐全，${c.legalRepresentative}已签字` });
    if (scr.status !== 200) throw new Error(`screening: ${scr.status} ${JSON.stringify(scr.body)}`);
    apps[c.key] = { id, number: sub.body.number };
  }

  async function assignments(): Promise<{ id: string; applicationId: string; expertId: string; status: string }[]> {
    return p.ds.query(
      `SELECT id, application_id AS "applicationId", expert_id AS "expertId", status FROM review_assignment WHERE call_id = $1 ORDER BY id`,
      [callId],
    );
  }
  const expertKey = (id: string) => Object.values(experts).find((e) => e.id === id)!.key;
  const appKey = (id: string) => Object.keys(apps).find((k) => apps[k].id === id)!;
  async function reviewsOf(appKeyName: string, status?: string) {
    const rows = (await assignments()).filter(
      (a) => a.applicationId === apps[appKeyName].id && (!status || a.status === status),
    );
    return rows
      .map((r) => ({ ...r, expert: experts[expertKey(r.expertId)] }))
      .sort((x, y) => x.expert.email.localeCompare(y.expert.email));
  }

  beforeAll(async () => {
    p = await startPortal();
    adminToken = await p.login(ADMIN.email, ADMIN.password);
    expect((await http().put('/api/admin/clock').set(auth(adminToken)).send({ now: NOW })).status).toBe(200);
    await createUser({ name: '项目审核员', email: 'officer@review.test', roles: ['officer'] });
    officerToken = await p.login('officer@review.test', password);

    // applicants: Beijing (11), Fujian (35), Guangdong (44), Shanghai (31)
    await addCompany('C1', 101, '110105', '星辰动画有限公司', '周星辰', '李明远', ['王小明', '赵丽华']);
    await addCompany('C2', 102, '350100', '海峡漫画有限公司', '陈海峡', '林小雨', ['黄志强', '吴佳怡']);
    await addCompany('C3', 103, '440300', '南粤影业有限公司', '梁南粤', '何文静', ['郑国栋', '冯美玲']);
    await addCompany('C4', 104, '310115', '浦江数字有限公司', '沈浦江', '许晨曦', ['韩立新', '曹雅琴']);

    // the pool: E1 Beijing, E2 Fujian, E3 Guangdong, E4 Shanghai (declares a conflict with C1), E5 Zhejiang,
    // E6 Beijing employed by C2, E7 Jiangsu but unavailable
    await addExpert('E1', '专家甲', '110101', testCreditCode(901, '110101'));
    await addExpert('E2', '专家乙', '350102', testCreditCode(902, '350102'));
    await addExpert('E3', '专家丙', '440304', testCreditCode(903, '440304'));
    await addExpert('E4', '专家丁', '310101', testCreditCode(904, '310101'));
    await addExpert('E5', '专家戊', '330102', testCreditCode(905, '330102'));
    await addExpert('E6', '专家己', '110102', companies.C2.creditCode);
    await addExpert('E7', '专家庚', '320102', testCreditCode(907, '320102'));

    const call = await http().post('/api/calls').set(officer()).send({
      programCode: 'jingpin',
      year: 2026,
      title: '2026 年度国家动漫精品工程',
      opensAt: '2026-03-01T00:00:00+08:00',
      closesAt: '2026-04-30T17:00:00+08:00',
      budgetFen: 500_000_000,
      reviewersPerApplication: 2,
      blindReview: true,
      regionRecusal: true,
      noticeWorkingDays: 5,
      aggregation: 'mean',
    });
    expect(call.status).toBe(201);
    callId = call.body.id;

    await applyAndAccept(companies.C1, '山海奇遇');
    await applyAndAccept(companies.C2, '海上明月');
    await applyAndAccept(companies.C3, '岭南风物');
    await applyAndAccept(companies.C4, '江城夜话');
  }, 180_000);

  afterAll(async () => {
    await p?.close();
  });

  it('lets an expert keep availability and declared conflicts up to date (credit codes checked)', async () => {
    const bad = await http()
      .put('/api/experts/me')
      .set(auth(experts.E4.token))
      .send({ conflicts: [{ creditCode: '91350100M000100Y44', note: 'x' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].path).toBe('conflicts.0.creditCode');
    const unknown = await http()
      .put('/api/experts/me')
      .set(auth(experts.E4.token))
      .send({ fields: ['rending'] });
    expect(unknown.status).toBe(400); // fields are the administrators' to set

    const ok = await http()
      .put('/api/experts/me')
      .set(auth(experts.E4.token))
      .send({ conflicts: [{ creditCode: ` ${companies.C1.creditCode.toLowerCase()} `, note: '曾任该公司艺术顾问' }] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      id: experts.E4.id,
      fields: ['jingpin'],
      regionCode: '310101',
      available: true,
      conflicts: [{ creditCode: companies.C1.creditCode, note: '曾任该公司艺术顾问' }],
      reviewConflicts: [],
    });

    const off = await http().put('/api/experts/me').set(auth(experts.E7.token)).send({ available: false });
    expect(off.status).toBe(200);
    expect(off.body.available).toBe(false);
    expect((await http().get('/api/experts/me').set(auth(experts.E7.token))).body.available).toBe(false);

    expect((await http().get('/api/experts/me').set(officer())).status).toBe(403);
    expect((await http().get('/api/experts').set(auth(experts.E1.token))).status).toBe(403);
  });

  it('refuses to close a round in which nothing was submitted, and shows no ranking before the close', async () => {
    const close = await http().post(`/api/calls/${callId}/review-close`).set(officer()).send({});
    expect(close.status).toBe(409);
    expect(close.body.code).toBe('REVIEW.NOTHING_SUBMITTED');
    expect((await http().get(`/api/calls/${callId}/ranking`).set(officer())).status).toBe(409);
    expect((await http().get(`/api/calls/${callId}/ranking.csv`).set(officer())).status).toBe(409);
  });

  it('draws without conflicts: region recusal, declared conflicts, employer, availability; load spread ≤ 1', async () => {
    expect((await http().post(`/api/calls/${callId}/review-draw`).set(auth(experts.E1.token)).send({})).status).toBe(
      403,
    );
    expect((await http().post(`/api/calls/${callId}/review-draw`).set(officer()).send({ seed: 'x' })).status).toBe(400);
    expect(
      (await http().post(`/api/calls/00000000-0000-4000-8000-000000000000/review-draw`).set(officer()).send({})).status,
    ).toBe(404);

    // two officers press the button at once: the per-call lock lets one draw and the other find nothing to fill
    const both = await Promise.all(
      [1, 2].map(() => http().post(`/api/calls/${callId}/review-draw`).set(officer()).send({ seed: 20260401 })),
    );
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const res = both.find((r) => r.body.assigned > 0)!;
    expect(res.body).toEqual({ assigned: 8, shortfalls: [], seed: 20260401 });
    expect(both.map((r) => r.body.assigned).sort()).toEqual([0, 8]);

    const rows = await assignments();
    expect(rows).toHaveLength(8);
    const pairs = new Set(rows.map((r) => `${appKey(r.applicationId)}:${expertKey(r.expertId)}`));
    for (const forbidden of ['C1:E1', 'C1:E6', 'C1:E4', 'C2:E2', 'C2:E6', 'C3:E3', 'C4:E4'])
      expect(pairs).not.toContain(forbidden);
    expect(rows.some((r) => r.expertId === experts.E7.id)).toBe(false);
    for (const k of ['C1', 'C2', 'C3', 'C4'])
      expect(rows.filter((r) => r.applicationId === apps[k].id)).toHaveLength(2);
    const load = new Map<string, number>();
    for (const r of rows) load.set(r.expertId, (load.get(r.expertId) ?? 0) + 1);
    const loads = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'].map((k) => load.get(experts[k].id) ?? 0);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);

    // invitations are mailed, due 24:00 Shanghai of the 14th day, and name no applicant
    const anyExpert = experts[expertKey(rows[0].expertId)];
    const mail = await waitForMail(p, anyExpert.email, /评审邀请/);
    expect(mail).toContain('2026-04-15');
    for (const c of Object.values(companies)) expect(mail).not.toContain(c.name.replace(/有限公司$/, ''));

    // the officer's pool view shows each expert's load in this call
    const pool = await http().get('/api/experts').query({ callId, pageSize: 100 }).set(officer());
    expect(pool.status).toBe(200);
    expect(pool.body.total).toBe(7);
    const e4 = pool.body.items.find((e: any) => e.id === experts.E4.id);
    expect(e4).toMatchObject({
      fields: ['jingpin'],
      regionCode: '310101',
      provinceCode: '31',
      available: true,
      load: load.get(experts.E4.id) ?? 0,
    });
    expect(e4.conflicts).toEqual([
      { creditCode: companies.C1.creditCode, note: '曾任该公司艺术顾问', fromReview: false },
    ]);
    expect(pool.body.items.reduce((s: number, e: any) => s + e.load, 0)).toBe(8);

    // a re-run with nothing missing assigns nobody and moves nobody
    const again = await http().post(`/api/calls/${callId}/review-draw`).set(officer()).send({});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ assigned: 0, shortfalls: [] });
    expect(await assignments()).toEqual(rows);
  });

  it('schedules one delayed reminder per assignment (job id reminder-<id>)', async () => {
    const queue = p.app.get<Queue>(getQueueToken(QUEUES.reviews));
    const rows = await assignments();
    for (const r of rows) {
      const job = await queue.getJob(`reminder-${r.id}`);
      expect(job).toBeTruthy();
      expect(job!.data).toEqual({ assignmentId: r.id });
      expect(await job!.isDelayed()).toBe(true);
      // due 2026-04-15 24:00 Shanghai, reminder 72 h before: 2026-04-13 00:00 Shanghai = 11 days 14 h after NOW
      expect(job!.opts.delay).toBe((11 * 24 + 14) * 3600_000);
    }
  });

  it('a decline for conflict records the conflict and draws a replacement; a second decline leaves a shortfall', async () => {
    const [first, second] = await reviewsOf('C1');
    const eligibleC1 = ['E2', 'E3', 'E5'];
    expect(eligibleC1).toContain(first.expert.key);
    expect(eligibleC1).toContain(second.expert.key);
    const third = eligibleC1.find((k) => k !== first.expert.key && k !== second.expert.key)!;

    expect(
      (await http().post(`/api/reviews/${first.id}/decline`).set(auth(experts.E7.token)).send({ reason: 'conflict' }))
        .status,
    ).toBe(404);
    expect(
      (await http().post(`/api/reviews/${first.id}/decline`).set(auth(first.expert.token)).send({ reason: 'busy' }))
        .status,
    ).toBe(400);

    const d1 = await http()
      .post(`/api/reviews/${first.id}/decline`)
      .set(auth(first.expert.token))
      .send({ reason: 'conflict', detail: '曾为该公司提供咨询' });
    expect(d1.status).toBe(200);
    expect(d1.body).toMatchObject({
      id: first.id,
      status: 'declined',
      declineReason: 'conflict',
      declineDetail: '曾为该公司提供咨询',
      replacement: { assigned: 1, shortfalls: [] },
    });
    const now = await reviewsOf('C1', 'pending');
    expect(now.map((r) => r.expert.key).sort()).toEqual([second.expert.key, third].sort());
    const conflict = await p.ds.query(
      `SELECT credit_code, source_review_id FROM expert_conflict WHERE expert_id = $1`,
      [first.expert.id],
    );
    expect(conflict).toEqual([{ credit_code: companies.C1.creditCode, source_review_id: first.id }]);
    // the expert sees the conflict by application number, never the blind applicant's credit code
    const me = await http().get('/api/experts/me').set(auth(first.expert.token));
    expect(me.body.conflicts).toEqual([]);
    expect(me.body.reviewConflicts).toEqual([
      expect.objectContaining({ reviewId: first.id, applicationNumber: apps.C1.number, note: '曾为该公司提供咨询' }),
    ]);
    expect(JSON.stringify(me.body)).not.toContain(companies.C1.creditCode);
    // the declined review's reminder job is gone
    const queue = p.app.get<Queue>(getQueueToken(QUEUES.reviews));
    expect(await queue.getJob(`reminder-${first.id}`)).toBeFalsy();
    expect(
      (
        await http()
          .post(`/api/reviews/${first.id}/decline`)
          .set(auth(first.expert.token))
          .send({ reason: 'unavailable' })
      ).status,
    ).toBe(409);

    const d2 = await http()
      .post(`/api/reviews/${second.id}/decline`)
      .set(auth(second.expert.token))
      .send({ reason: 'unavailable', detail: '出国访问' });
    expect(d2.status).toBe(200);
    expect(d2.body.replacement).toEqual({ assigned: 0, shortfalls: [{ applicationId: apps.C1.id, missing: 1 }] });

    // the officer's re-run reports the same gap and moves nobody
    const before = await assignments();
    const rerun = await http().post(`/api/calls/${callId}/review-draw`).set(officer()).send({ seed: 7 });
    expect(rerun.body).toEqual({ assigned: 0, shortfalls: [{ applicationId: apps.C1.id, missing: 1 }], seed: 7 });
    expect(await assignments()).toEqual(before);
  });

  it('shows the expert their invitations, and a blind application with no trace of the applicant', async () => {
    const [only] = await reviewsOf('C1', 'pending');
    const e = only.expert;
    const c = companies.C1;
    const list = await http().get('/api/reviews').set(auth(e.token));
    expect(list.status).toBe(200);
    expect(list.body.items.every((i: any) => Object.keys(i).every((k) => !/score|comment/i.test(k)))).toBe(true);
    const item = list.body.items.find((i: any) => i.id === only.id);
    expect(item).toMatchObject({
      id: only.id,
      applicationId: apps.C1.id,
      status: 'pending',
      dueAt: '2026-04-15T16:00:00.000Z',
      applicationNumber: apps.C1.number,
    });

    const detail = await http().get(`/api/reviews/${only.id}`).set(auth(e.token));
    expect(detail.status).toBe(200);
    const a = detail.body.application;
    expect(a.blind).toBe(true);
    expect(a.organization).toBeUndefined();
    expect(a.payload.workTitle).toBe('山海奇遇');
    expect(a.payload.creators.map((x: any) => x.name)).toEqual(['[已隐去/redacted]', '[已隐去/redacted]']);
    // the licence and the declaration name the applicant by nature: a blind reviewer gets only the sample
    expect(a.attachments.map((x: any) => x.fileName).sort()).toEqual(['work-sample-1.pdf']);
    expect(a.attachments.every((x: any) => x.url === `/api/applications/${apps.C1.id}/attachments/${x.id}`)).toBe(true);
    expect(a.history.map((h: any) => h.to)).toEqual(['draft', 'submitted', 'under_review']);
    expect(a.history.every((h: any) => h.actor === undefined)).toBe(true);
    expect(detail.body.call).toMatchObject({ id: callId, blindReview: true, reviewClosed: false });
    expect(detail.body.call.rubric.map((r: any) => r.key)).toEqual([...RUBRIC_KEYS]);

    await http()
      .put(`/api/reviews/${only.id}`)
      .set(auth(e.token))
      .send({ scores: { ideological: 9 }, comment: '初稿' });
    const versions = await http().get(`/api/reviews/${only.id}/versions`).set(auth(e.token));
    const viaApplications = await http().get(`/api/applications/${apps.C1.id}`).set(auth(e.token));
    expect(viaApplications.status).toBe(200);
    const mails = p.mail.messages.filter((m) => m.to.includes(e.email)).map((m) => readMail(m.raw));
    expect(mails.length).toBeGreaterThan(0);

    const terms = [
      c.name,
      c.name.replace(/有限公司$/, ''),
      c.creditCode,
      c.creditCode.slice(8, 17),
      c.legalRepresentative,
      c.contactName,
      c.email,
      ...c.creators,
      '13800138000',
      '所在地',
    ];
    for (const [what, body] of [
      ['review list', list.body],
      ['review', detail.body],
      ['history', a.history],
      ['attachments', a.attachments],
      ['versions', versions.body],
      ['GET /api/applications/:id', viaApplications.body],
      ['mails', mails],
    ] as const) {
      const json = JSON.stringify(body);
      for (const t of terms) {
        if (json.includes(t))
          throw new Error(
            `${what} leaks "${t}": ${json.slice(Math.max(0, json.indexOf(t) - 80), json.indexOf(t) + 80)}`,
          );
      }
    }

    // the officer sees who applied
    const asOfficer = await http().get(`/api/reviews/${only.id}`).set(officer());
    expect(asOfficer.body.application.organization).toMatchObject({ name: c.name, creditCode: c.creditCode });
    expect(asOfficer.body.expert).toMatchObject({ id: e.id });
  });

  it('lets the assigned expert fetch the application files, and nobody else among the experts', async () => {
    const [only] = await reviewsOf('C1', 'pending');
    const other = experts.E7;
    const detail = await http().get(`/api/reviews/${only.id}`).set(auth(only.expert.token));
    const file = detail.body.application.attachments[0];
    const got = await http().get(file.url).set(auth(only.expert.token));
    expect(got.status).toBe(200);
    expect(Buffer.from(got.body).subarray(0, 5).toString()).toBe('%PDF-');
    const disposition = decodeURIComponent(String(got.headers['content-disposition'] ?? ''));
    expect(disposition).toContain(file.fileName); // the blind name, work-sample-1.pdf
    for (const t of [
      companies.C1.name.replace(/有限公司$/, ''),
      companies.C1.legalRepresentative,
      companies.C1.creditCode,
    ])
      expect(disposition).not.toContain(t);
    expect((await http().get(file.url).set(auth(other.token))).status).toBe(404);
    expect((await http().get(`/api/applications/${apps.C1.id}`).set(auth(other.token))).status).toBe(404);
  });

  it('keeps reviews private: another expert gets 404 for read, edit, submit, decline and versions', async () => {
    const [a] = await reviewsOf('C2');
    const b = experts.E7;
    const c = Object.values(experts).find((x) => x.id !== a.expert.id && x.key !== 'E7')!;
    for (const who of [b, c]) {
      expect((await http().get(`/api/reviews/${a.id}`).set(auth(who.token))).status).toBe(404);
      expect((await http().get(`/api/reviews/${a.id}/versions`).set(auth(who.token))).status).toBe(404);
      expect(
        (
          await http()
            .put(`/api/reviews/${a.id}`)
            .set(auth(who.token))
            .send({ scores: all(1) })
        ).status,
      ).toBe(404);
      expect((await http().post(`/api/reviews/${a.id}/submit`).set(auth(who.token)).send({})).status).toBe(404);
      expect(
        (await http().post(`/api/reviews/${a.id}/decline`).set(auth(who.token)).send({ reason: 'unavailable' })).status,
      ).toBe(404);
      const list = await http().get('/api/reviews').set(auth(who.token));
      expect(list.body.items.some((i: any) => i.id === a.id)).toBe(false);
    }
    expect((await http().get('/api/reviews/not-a-uuid').set(auth(a.expert.token))).status).toBe(404);
    expect((await http().get(`/api/reviews/${a.id}`).set(auth(companies.C2.token))).status).toBe(403);
  });

  it('checks scores against the rubric (422), keeps every draft, and locks a submitted review (409)', async () => {
    const [r] = await reviewsOf('C2');
    const t = auth(r.expert.token);
    const over = await http()
      .put(`/api/reviews/${r.id}`)
      .set(t)
      .send({ scores: { ideological: 11 } });
    expect(over.status).toBe(422);
    expect(over.body.details[0].path).toBe('scores.ideological');
    expect(
      (
        await http()
          .put(`/api/reviews/${r.id}`)
          .set(t)
          .send({ scores: { artistic: -0.5 } })
      ).status,
    ).toBe(422);
    expect(
      (
        await http()
          .put(`/api/reviews/${r.id}`)
          .set(t)
          .send({ scores: { charisma: 5 } })
      ).status,
    ).toBe(422);
    expect(
      (
        await http()
          .put(`/api/reviews/${r.id}`)
          .set(t)
          .send({ scores: { ideological: '9' } })
      ).status,
    ).toBe(400);
    expect((await http().put(`/api/reviews/${r.id}`).set(t).send({ scores: {}, extra: 1 })).status).toBe(400);

    const d1 = await http()
      .put(`/api/reviews/${r.id}`)
      .set(t)
      .send({ scores: { ideological: 7, artistic: 7 }, comment: '' });
    expect(d1.status).toBe(200);
    expect(d1.body).toMatchObject({
      status: 'pending',
      scores: { ideological: 7, artistic: 7 },
      comment: '',
      scoresVisible: true,
    });
    const stale = await http()
      .put(`/api/reviews/${r.id}`)
      .set(t)
      .send({ scores: all(9), version: d1.body.version - 1 });
    expect(stale.status).toBe(409);

    const noComment = await http().post(`/api/reviews/${r.id}/submit`).set(t).send({});
    expect(noComment.status).toBe(422);
    expect(noComment.body.details.map((d: any) => d.path).sort()).toEqual([
      'comment',
      'scores.industrialValue',
      'scores.innovation',
    ]);

    const d2 = await http()
      .put(`/api/reviews/${r.id}`)
      .set(t)
      .send({ scores: all(9), comment: '立意高远，制作精良。', version: d1.body.version });
    expect(d2.status).toBe(200);
    const versions = await http().get(`/api/reviews/${r.id}/versions`).set(t);
    expect(versions.body.map((v: any) => [v.n, v.scores, v.comment])).toEqual([
      [1, { ideological: 7, artistic: 7 }, ''],
      [2, all(9), '立意高远，制作精良。'],
    ]);

    const sub = await http().post(`/api/reviews/${r.id}/submit`).set(t).send({});
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: 'submitted', scores: all(9) });
    expect(
      (
        await http()
          .put(`/api/reviews/${r.id}`)
          .set(t)
          .send({ scores: all(1), comment: 'x' })
      ).status,
    ).toBe(409);
    expect((await http().post(`/api/reviews/${r.id}/submit`).set(t).send({})).status).toBe(409);
    expect((await http().post(`/api/reviews/${r.id}/decline`).set(t).send({ reason: 'unavailable' })).status).toBe(409);
  });

  it('scores the rest of the round; officers see progress but no scores before the close', async () => {
    const submit = async (
      r: { id: string; expert: Expert },
      scores: Record<string, number>,
      comment = '评审意见：符合要求。',
    ) => {
      const res = await http().post(`/api/reviews/${r.id}/submit`).set(auth(r.expert.token)).send({ scores, comment });
      expect(res.status).toBe(200);
    };
    const [, c2b] = await reviewsOf('C2');
    await submit(c2b, all(8)); // 80 (C2: 90, 80)
    const [c3a, c3b] = await reviewsOf('C3');
    await submit(c3a, all(10)); // 100
    await submit(c3b, all(7)); // 70 → spread 30, flagged
    const [c1] = await reviewsOf('C1', 'pending');
    await submit(c1, { ideological: 9, artistic: 8, innovation: 7, industrialValue: 6 }); // 22.5 + 20 + 14 + 18 = 74.5
    const [c4a] = await reviewsOf('C4');
    await submit(c4a, all(5)); // 50; C4's other review stays pending and expires at the close

    const asOfficer = await http().get(`/api/reviews/${c3a.id}`).set(officer());
    expect(asOfficer.status).toBe(200);
    expect(asOfficer.body).toMatchObject({ status: 'submitted', scoresVisible: false, scores: null, comment: null });
    const list = await http().get('/api/reviews').query({ callId }).set(officer());
    expect(list.body.total).toBe(9);
    expect(JSON.stringify(list.body)).not.toMatch(/"scores?"|"comment"/);

    const progress = await http().get(`/api/calls/${callId}/review-progress`).set(officer());
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ total: 9, submitted: 6, pending: 1, declined: 2, expired: 0 });
    const by = Object.fromEntries(progress.body.byApplication.map((x: any) => [appKey(x.applicationId), x]));
    expect(by.C1).toMatchObject({ number: apps.C1.number, submitted: 1, pending: 0, declined: 2, missing: 1 });
    expect(by.C4).toMatchObject({ submitted: 1, pending: 1, missing: 0 });
    expect(JSON.stringify(progress.body)).not.toMatch(/score/i);
    expect((await http().get(`/api/calls/${callId}/ranking`).set(officer())).status).toBe(409);
    expect((await http().get(`/api/calls/${callId}/review-progress`).set(auth(c1.expert.token))).status).toBe(403);
  });

  it('runs the reminder job: only a pending review gets the mail, once', async () => {
    const queue = p.app.get<Queue>(getQueueToken(QUEUES.reviews));
    const [, pending] = await reviewsOf('C4');
    expect(pending.status).toBe('pending');
    const [submitted] = await reviewsOf('C3');
    const job = await queue.getJob(`reminder-${pending.id}`);
    await job!.promote(); // due now: the worker's processor runs it
    const mail = await waitForMail(p, pending.expert.email, /评审提醒/);
    expect(mail).toContain(apps.C4.number);
    const processor = p.worker!.get(ReviewReminderProcessor);
    expect(await processor.remind(pending.id)).toBe('skipped'); // a second run changes nothing
    expect(await processor.remind(submitted.id)).toBe('skipped'); // submitted: no reminder
    const reminded = await p.ds.query(
      `SELECT id FROM review_assignment WHERE call_id = $1 AND reminded_at IS NOT NULL`,
      [callId],
    );
    expect(reminded).toEqual([{ id: pending.id }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(p.mail.messages.filter((m) => /评审提醒/.test(readMail(m.raw))).length).toBe(1);
  });

  it('closes the round: pending reviews expire, applications become reviewed, scores become visible', async () => {
    expect((await http().post(`/api/calls/${callId}/review-close`).set(auth(experts.E1.token)).send({})).status).toBe(
      403,
    );
    const res = await http().post(`/api/calls/${callId}/review-close`).set(officer()).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ callId, submitted: 6, expired: 1, reviewed: 4, unreviewed: [] });
    const [, expired] = await reviewsOf('C4');
    expect(expired.status).toBe('expired');
    expect(
      (
        await http()
          .put(`/api/reviews/${expired.id}`)
          .set(auth(expired.expert.token))
          .send({ scores: all(5) })
      ).status,
    ).toBe(409);

    for (const k of ['C1', 'C2', 'C3', 'C4']) {
      const a = await http().get(`/api/applications/${apps[k].id}`).set(officer());
      expect(a.body.status).toBe('reviewed');
    }
    const history = await http().get(`/api/applications/${apps.C2.id}/history`).set(officer());
    expect(history.body.at(-1)).toMatchObject({ from: 'under_review', to: 'reviewed' });

    const [c3a] = await reviewsOf('C3');
    const asOfficer = await http().get(`/api/reviews/${c3a.id}`).set(officer());
    expect(asOfficer.body).toMatchObject({ scoresVisible: true, scores: all(10), call: { reviewClosed: true } });

    expect((await http().post(`/api/calls/${callId}/review-close`).set(officer()).send({})).status).toBe(409);
    expect((await http().post(`/api/calls/${callId}/review-draw`).set(officer()).send({})).status).toBe(409);
    const progress = await http().get(`/api/calls/${callId}/review-progress`).set(officer());
    expect(progress.body).toMatchObject({ total: 9, submitted: 6, pending: 0, declined: 2, expired: 1 });
  });

  it('ranks by the call aggregation with hand-checked numbers, ties by the higher minimum, and exports CSV', async () => {
    const res = await http().get(`/api/calls/${callId}/ranking`).set(officer());
    expect(res.status).toBe(200);
    const row = (
      k: string,
      title: string,
      score: number,
      reviews: number,
      spread: number,
      flagged: boolean,
      rank: number,
    ) => ({
      applicationId: apps[k].id,
      number: apps[k].number,
      title,
      score,
      rawMean: score,
      reviews,
      spread,
      flagged,
      rank,
      province: companies[k].region.slice(0, 2), // the organization's province (issue 12): its credit code's region
    });
    expect(res.body).toEqual([
      row('C2', '海峡漫画《海上明月》', 85, 2, 10, false, 1), // 90, 80: min 80
      row('C3', '南粤影业《岭南风物》', 85, 2, 30, true, 2), // 100, 70: same score, lower minimum; spread 30 > 20
      row('C1', '星辰动画《山海奇遇》', 74.5, 1, 0, false, 3),
      row('C4', '浦江数字《江城夜话》', 50, 1, 0, false, 4),
    ]);

    const csv = await http()
      .get(`/api/calls/${callId}/ranking.csv`)
      .set(officer())
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('applicationId,number,title,score,rawMean,reviews,spread,flagged,rank');
    expect(lines[1]).toBe(`${apps.C2.id},${apps.C2.number},海峡漫画《海上明月》,85,85,2,10,false,1`);
    expect(lines).toHaveLength(5);
    expect((await http().get(`/api/calls/${callId}/ranking`).set(auth(experts.E1.token))).status).toBe(403);
  });

  it('audits the round', async () => {
    const rows: { action: string; n: number }[] = await p.ds.query(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE action LIKE 'review.%' OR action = 'expert.conflict-declared'
          OR action = 'application.reviewed' GROUP BY action ORDER BY action`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(n).toMatchObject({
      'review.drawn': 4,
      'review.replacement-drawn': 2,
      'review.declined': 2,
      'review.submitted': 6,
      'review.round-closed': 1,
      'review.reminded': 1,
      'expert.conflict-declared': 1,
      'application.reviewed': 4,
    });
    const drawn = await p.ds.query(`SELECT data FROM audit_event WHERE action = 'review.drawn' ORDER BY seq LIMIT 1`);
    expect(drawn[0].data).toMatchObject({ seed: 20260401, assigned: 8, regionRecusal: true });
  });
});

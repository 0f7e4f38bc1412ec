/*
 * Shared set-up for the awards and payments e2e specs (not a spec itself): staff accounts, and a call whose
 * applications went the whole way through the other features' APIs — registration, application, attachments, submit,
 * screening, the expert draw, reviews, review-close — so that they are `reviewed` and ranked.
 */
import { decode } from '../support/mail-sink';
import { ADMIN, auth, registerCompany, TestPortal } from '../support/portal';
import {
  rendingEnterprisePayload,
  rendingKeyProductPayload,
} from '../../libs/programs/src/testing/eligibility-context';

export const PASSWORD = 'Staff#Pass2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

export interface Staff {
  admin: string;
  officer: string;
  financeA: string;
  financeB: string;
  financeAId: string;
  experts: string[];
}

export interface Company {
  token: string;
  email: string;
  name: string;
  creditCode: string;
  organizationId: string;
}

export interface ReviewedApp {
  id: string;
  number: string;
  title: string;
  company: Company;
}

async function createUser(p: TestPortal, admin: string, body: Record<string, unknown>) {
  const res = await p
    .http()
    .post('/api/users')
    .set(auth(admin))
    .send({ password: PASSWORD, ...body });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An officer, two finance users (maker and checker) and three experts for every program. */
export async function setupStaff(p: TestPortal, tag: string): Promise<Staff> {
  const admin = await p.login(ADMIN.email, ADMIN.password);
  await createUser(p, admin, { name: '项目官员', email: `officer@${tag}.test`, roles: ['officer'] });
  const fa = await createUser(p, admin, { name: '财务甲', email: `finance-a@${tag}.test`, roles: ['finance'] });
  await createUser(p, admin, { name: '财务乙', email: `finance-b@${tag}.test`, roles: ['finance'] });
  const experts: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const email = `expert${i}@${tag}.test`;
    await createUser(p, admin, {
      name: `专家${i}`,
      email,
      roles: ['expert'],
      expert: {
        fields: ['jingpin', 'yuandongli', 'tuiguang', 'rending', 'tuiyou', 'ydyl', 'dongmanjiang', 'js-xiangmuku'],
        employerCreditCode: '91110000600037341L',
        regionCode: `11010${i}`,
        conflicts: [],
      },
    });
    experts.push(await p.login(email, PASSWORD));
  }
  return {
    admin,
    officer: await p.login(`officer@${tag}.test`, PASSWORD),
    financeA: await p.login(`finance-a@${tag}.test`, PASSWORD),
    financeB: await p.login(`finance-b@${tag}.test`, PASSWORD),
    financeAId: fa.id,
    experts,
  };
}

export async function setClock(p: TestPortal, admin: string, iso: string): Promise<void> {
  const res = await p.http().put('/api/admin/clock').set(auth(admin)).send({ now: iso });
  if (res.status !== 200) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
  await new Promise((r) => setTimeout(r, 600)); // every process (the worker too) re-reads the staging clock twice a second
}

/** What each program needs: a track, a valid payload, the required attachment kinds. */
/** Valid 居民身份证号码 (GB 11643 check characters) for the person nominees of 动漫奖's director category. */
export const DIRECTOR_ID_NUMBERS = ['110105199003071239', '11010519491231002X', '310104198512030028'];

export const PROGRAM_CASES: Record<
  string,
  { track: string; kinds: string[]; payload: (i: number) => Record<string, unknown> }
> = {
  jingpin: {
    track: 'product',
    kinds: ['declaration', 'business-licence', 'work-sample'],
    payload: (i) => ({
      mediaType: 'tv',
      workTitle: `精品作品${i}`,
      synopsis: '一部原创动画。',
      creators: [{ name: `主创${i}`, role: '导演' }],
      developmentPlan: '分三期制作。',
      marketExpectation: '授权收入可观。',
      licensing: '自有版权。',
      promotionPlan: '电视与网络同步播出。',
      declaration: true,
    }),
  },
  yuandongli: {
    track: 'web-comic',
    kinds: ['declaration', 'business-licence', 'work-sample', 'copyright-proof'],
    payload: (i) => ({
      workTitle: `原动力漫画${i}`,
      foreignCoOwnership: false,
      previouslyFunded: false,
      declaration: true,
    }),
  },
  ydyl: {
    track: 'enterprise',
    kinds: ['declaration', 'business-licence', 'overseas-proof'],
    payload: (i) => ({
      workTitle: `出海动漫企业${i}`,
      description: '原创动画的海外发行与合拍。',
      partners: [{ country: '马来西亚', cooperation: '与当地电视台合拍动画系列片' }],
      overseasIncomeFen: 50_000_000 + i,
      plan: '三年内进入东南亚五国电视台。',
      declaration: true,
    }),
  },
  tuiyou: {
    track: 'yearly',
    kinds: ['declaration', 'business-licence', 'broadcast-licence', 'work-sample'],
    payload: (i) => ({
      workTitle: `推优动画${i}`,
      kind: 'tv-series',
      licenceNumber: `（京）动审字〔2025〕第${100 + i}号`,
      episodes: 26,
      minutes: 312,
      premiereChannel: '中央电视台少儿频道',
      premieredOn: '2025-10-01',
      synopsis: '一部国产原创电视动画。',
      reach: '首轮收视率 0.5%。',
      declaration: true,
    }),
  },
  dongmanjiang: {
    track: 'best-work',
    kinds: ['declaration', 'business-licence', 'work-sample'],
    payload: (i) => ({
      workTitle: `动漫奖作品${i}`,
      workKind: 'tv-series',
      releasedOn: '2025-06-01',
      citation: '立意高远，制作精良。',
      teamMembers: [],
      declaration: true,
    }),
  },
  'dongmanjiang/director': {
    track: 'director',
    kinds: ['declaration', 'business-licence', 'work-sample', 'nominee-credits'],
    payload: (i) => ({
      workTitle: `动漫奖导演作品${i}`,
      workKind: 'film',
      releasedOn: '2024-09-01',
      citation: '导演手法独到。',
      nominee: {
        name: `导演${i}`,
        idNumber: DIRECTOR_ID_NUMBERS[(i - 1) % DIRECTOR_ID_NUMBERS.length],
        role: '总导演',
      },
      teamMembers: [],
      declaration: true,
    }),
  },
  'js-xiangmuku': {
    track: 'project',
    kinds: ['declaration', 'business-licence', 'work-sample', 'business-plan'],
    payload: (i) => ({
      workTitle: `江苏动漫项目${i}`,
      kind: 'animation',
      stage: 'development',
      synopsis: '一部以运河文化为题材的原创动画。',
      team: [{ name: `主创${i}`, role: '导演' }],
      budgetFen: 500_000_000,
      plannedCompletion: '2027-12-31',
      rightsOwned: true,
      declaration: true,
    }),
  },
  'tuiyou/quarterly': {
    track: 'quarterly',
    kinds: ['declaration', 'business-licence', 'broadcast-licence', 'work-sample'],
    payload: (i) => ({
      workTitle: `季度推荐动画${i}`,
      kind: 'tv-series',
      licenceNumber: `（京）动审字〔2025〕第${300 + i}号`,
      episodes: 52,
      minutes: 624,
      premiereChannel: '中央电视台少儿频道',
      premieredOn: '2025-12-01',
      synopsis: '一部国产原创电视动画。',
      reach: '首轮收视率 0.4%。',
      declaration: true,
    }),
  },
  tuiguang: {
    track: 'exhibition',
    kinds: ['declaration', 'business-licence', 'cost-evidence'],
    payload: (i) => ({
      activity: { name: `动漫展推广${i}`, startsOn: '2026-06-01', endsOn: '2026-06-05', location: '杭州' },
      costs: [
        { item: '展位费', category: '展位', amountFen: 20_000_000 },
        { item: '差旅', category: '差旅', amountFen: 10_000_000 },
      ],
      requestedFen: 15_000_000,
      declaration: true,
    }),
  },
  rending: {
    track: 'enterprise',
    kinds: ['declaration', 'business-licence', 'audit-report', 'staff-statement', 'ip-proof', 'premises-proof'],
    payload: () => rendingEnterprisePayload(),
  },
  'rending/key-product': {
    track: 'key-product',
    kinds: ['declaration', 'business-licence', 'product-evidence'],
    payload: () => rendingKeyProductPayload(),
  },
};

export async function createCall(
  p: TestPortal,
  officer: string,
  programCode: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const res = await p
    .http()
    .post('/api/calls')
    .set(auth(officer))
    .send({
      programCode,
      year: 2026,
      title: `2026 年度${programCode}扶持`,
      opensAt: '2026-03-01T00:00:00+08:00',
      closesAt: '2026-03-31T17:00:00+08:00',
      budgetFen: 100_000_000,
      reviewersPerApplication: 2,
      blindReview: false,
      regionRecusal: false,
      noticeWorkingDays: 5,
      aggregation: 'mean',
      ...over,
    });
  if (res.status !== 201) throw new Error(`call: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * An officer of the provincial agency `prov-<province>` (GB/T 2260 two-digit code), created as an admin does it
 * (POST /api/users with the agency's id): the officer's bearer token.
 */
export async function provincialOfficer(
  p: TestPortal,
  admin: string,
  email: string,
  province: string,
): Promise<string> {
  const agencies = await p.http().get(`/api/agencies?province=${province}&pageSize=100`).set(auth(admin));
  const agency = agencies.body.items?.find((a: { code: string }) => a.code === `prov-${province}`);
  if (!agency) throw new Error(`agency prov-${province}: ${agencies.status} ${JSON.stringify(agencies.body)}`);
  await createUser(p, admin, { name: `${province} 审核员`, email, roles: ['officer'], agencyId: agency.id });
  return p.login(email, PASSWORD);
}

/** create → attachments → submit (on a call with a provincial stage the province has it next). */
export async function submitApplication(
  p: TestPortal,
  c: Company,
  callId: string,
  caseKey: string,
  i: number,
  title: string,
): Promise<ReviewedApp> {
  const spec = PROGRAM_CASES[caseKey];
  const created = await p
    .http()
    .post(`/api/calls/${callId}/applications`)
    .set(auth(c.token))
    .send({ title, track: spec.track, payload: spec.payload(i) });
  if (created.status !== 201) throw new Error(`create application: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  for (const kind of spec.kinds) {
    const up = await p
      .http()
      .post(`/api/applications/${id}/attachments`)
      .set(auth(c.token))
      .field('kind', kind)
      .attach('file', PDF, { filename: `${kind}.pdf`, contentType: 'application/pdf' });
    if (up.status !== 201) throw new Error(`upload ${kind}: ${up.status} ${JSON.stringify(up.body)}`);
  }
  const sub = await p.http().post(`/api/applications/${id}/submit`).set(auth(c.token)).send({});
  if (sub.status !== 200) throw new Error(`submit: ${sub.status} ${JSON.stringify(sub.body)}`);
  return { id, number: sub.body.number, title, company: c };
}

/** The national formal check: screening accept. */
export async function screenAccept(p: TestPortal, officer: string, id: string): Promise<void> {
  const scr = await p
    .http()
    .post(`/api/applications/${id}/screening`)
    .set(auth(officer))
    .send({ decision: 'accept', comment: '材料齐全' });
  if (scr.status !== 200) throw new Error(`screening: ${scr.status} ${JSON.stringify(scr.body)}`);
}

/** create → attachments → submit → screening accept. */
export async function applyAndAccept(
  p: TestPortal,
  officer: string,
  c: Company,
  callId: string,
  caseKey: string,
  i: number,
  title: string,
): Promise<ReviewedApp> {
  const app = await submitApplication(p, c, callId, caseKey, i, title);
  await screenAccept(p, officer, app.id);
  return app;
}

/** The draw, every expert scores (the i-th application gets 10 − i on every criterion), review-close. */
export async function reviewAndClose(
  p: TestPortal,
  staff: Staff,
  callId: string,
  programCode: string,
  apps: ReviewedApp[],
): Promise<void> {
  const programs = await p.http().get('/api/programs');
  const rubric: { key: string; max: number }[] = programs.body.find((x: any) => x.code === programCode).rubric;
  const draw = await p.http().post(`/api/calls/${callId}/review-draw`).set(auth(staff.officer)).send({ seed: 7 });
  if (draw.status !== 200) throw new Error(`draw: ${draw.status} ${JSON.stringify(draw.body)}`);
  const scoreOf = new Map(apps.map((a, i) => [a.id, Math.max(1, 10 - i)]));
  for (const expert of staff.experts) {
    const list = await p.http().get('/api/reviews?pageSize=100&status=pending').set(auth(expert));
    for (const r of list.body.items) {
      if (!scoreOf.has(r.applicationId)) continue;
      const v = scoreOf.get(r.applicationId)!;
      const scores = Object.fromEntries(rubric.map((c) => [c.key, Math.min(c.max, v)]));
      const sub = await p
        .http()
        .post(`/api/reviews/${r.id}/submit`)
        .set(auth(expert))
        .send({ scores, comment: '评审意见：内容扎实。' });
      if (sub.status !== 200) throw new Error(`review submit: ${sub.status} ${JSON.stringify(sub.body)}`);
    }
  }
  const close = await p.http().post(`/api/calls/${callId}/review-close`).set(auth(staff.officer)).send({});
  if (close.status !== 200) throw new Error(`review-close: ${close.status} ${JSON.stringify(close.body)}`);
}

/** Registers `count` companies and takes one application each through review; the first ranks best. */
export async function reviewedCall(
  p: TestPortal,
  staff: Staff,
  programCode: string,
  count: number,
  opts: { firstCompany: number; caseKey?: string; call?: Record<string, unknown>; titles?: string[] },
): Promise<{ callId: string; apps: ReviewedApp[] }> {
  const callId = await createCall(p, staff.officer, programCode, opts.call);
  const apps: ReviewedApp[] = [];
  for (let i = 0; i < count; i++) {
    const n = opts.firstCompany + i;
    const c = await registerCompany(p, n, { name: `${programCode}动画公司${n}号` });
    apps.push(
      await applyAndAccept(
        p,
        staff.officer,
        c,
        callId,
        opts.caseKey ?? programCode,
        i + 1,
        opts.titles?.[i] ?? `${programCode}项目${i + 1}`,
      ),
    );
  }
  await reviewAndClose(p, staff, callId, programCode, apps);
  return { callId, apps };
}

/** Three 推广计划 awards of two provinces: two 江苏 (32) companies and one 广西 (45), one instalment each. */
export interface TwoProvinceAwards {
  callId: string;
  /** In ranking order (the first ranks best): 江苏, 广西, 江苏. */
  apps: (ReviewedApp & { province: '32' | '45'; amountFen: number })[];
  awardOf: Record<string, string>;
}

/**
 * A 推广计划 call (no provincial stage) taken by the national officer through review, decisions, the notice and
 * finalize for companies registered in 江苏, 广西 and 江苏 (credit-code regions 320102, 450102, 320506), ranked in that
 * order: for the officer lists' province column and filter (issue 12). Company numbers from `firstCompany` on.
 */
export async function twoProvinceAwards(p: TestPortal, staff: Staff, firstCompany: number): Promise<TwoProvinceAwards> {
  await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
  const callId = await createCall(p, staff.officer, 'tuiguang', { budgetFen: 30_000_000, requestSharePercent: 50 });
  const plan = [
    { region: '320102', name: '南京展会动画有限公司', title: '江苏展会推广甲', province: '32', amountFen: 10_000_000 },
    { region: '450102', name: '南宁展会动画有限公司', title: '广西展会推广', province: '45', amountFen: 8_000_000 },
    { region: '320506', name: '苏州展会动画有限公司', title: '江苏展会推广乙', province: '32', amountFen: 6_000_000 },
  ] as const;
  const apps: TwoProvinceAwards['apps'] = [];
  for (const [i, x] of plan.entries()) {
    const c = (await registerCompany(p, firstCompany + i, { region: x.region, name: x.name })) as Company;
    const app = await applyAndAccept(p, staff.officer, c, callId, 'tuiguang', i + 1, x.title);
    apps.push({ ...app, province: x.province, amountFen: x.amountFen });
  }
  await reviewAndClose(p, staff, callId, 'tuiguang', apps);
  await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
  for (const a of apps) {
    const d = await p
      .http()
      .put(`/api/calls/${callId}/decisions/${a.id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', amountFen: a.amountFen, note: '展会推广' });
    if (d.status !== 200) throw new Error(`decision: ${d.status} ${JSON.stringify(d.body)}`);
  }
  const notice = await p.http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
  if (notice.status !== 201) throw new Error(`notice: ${notice.status} ${JSON.stringify(notice.body)}`);
  await setClock(p, staff.admin, '2026-04-10T09:00:00+08:00');
  const fin = await p.http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
  if (fin.status !== 200) throw new Error(`finalize: ${fin.status} ${JSON.stringify(fin.body)}`);
  const awardOf: Record<string, string> = {};
  for (const a of fin.body.awards) awardOf[a.applicationId] = a.id;
  return { callId, apps, awardOf };
}

/** A sunk mail's subject and body as text. */
export function mailText(raw: string): string {
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

export async function waitForMail(p: TestPortal, to: string, match: RegExp, timeoutMs = 15000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const m = p.mail.messages.find((x) => x.to.includes(to) && match.test(mailText(x.raw)));
    if (m) return mailText(m.raw);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `no mail to ${to} matching ${match}; got: ${p.mail.messages
      .filter((x) => x.to.includes(to))
      .map((x) => mailText(x.raw).split('\n')[0])
      .join(' | ')}`,
  );
}

/** Polls until every instalment matched by the query is in `status` (or the time is up). */
export async function waitForPayments(
  p: TestPortal,
  token: string,
  query: string,
  status: string,
  timeoutMs = 30000,
): Promise<any[]> {
  const until = Date.now() + timeoutMs;
  let items: any[] = [];
  while (Date.now() < until) {
    const res = await p.http().get(`/api/payments?pageSize=100&${query}`).set(auth(token));
    items = res.body.items ?? [];
    if (items.length && items.every((i: any) => i.status === status)) return items;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `instalments did not all reach ${status}: ${JSON.stringify(items.map((i) => [i.instalmentNo, i.status, i.failure]))}`,
  );
}

/** Text of a PDF (pdf-parse). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const { PDFParse } = await import('pdf-parse'); // loaded on first use only
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const r = await parser.getText();
    return r.text;
  } finally {
    await parser.destroy();
  }
}

/** supertest: collect a binary body as a Buffer. */
export function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/**
 * 认定 of a reviewed call: the best `count` filled by ranking as 动漫企业 and the public notice published (now, on the
 * staging clock), then at `finalizeAt` (after the notice) the list finalized; the awards with their certificates.
 */
export async function certifyCall(
  p: TestPortal,
  staff: Staff,
  callId: string,
  count: number,
  finalizeAt: string,
  tier = '动漫企业', // the track's certification title (the decisions refuse another)
): Promise<{ id: string; applicationId: string; certificateNo: string | null }[]> {
  const fill = await p
    .http()
    .post(`/api/calls/${callId}/decisions/fill-by-ranking`)
    .set(auth(staff.officer))
    .send({ tiers: [{ tier, amountFen: 0, count }], confirm: true });
  if (fill.status !== 200) throw new Error(`fill-by-ranking: ${fill.status} ${JSON.stringify(fill.body)}`);
  const notice = await p.http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
  if (notice.status !== 201) throw new Error(`notice: ${notice.status} ${JSON.stringify(notice.body)}`);
  await setClock(p, staff.admin, finalizeAt);
  const fin = await p.http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
  if (fin.status !== 200) throw new Error(`finalize: ${fin.status} ${JSON.stringify(fin.body)}`);
  return fin.body.awards;
}

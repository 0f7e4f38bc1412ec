/**
 * R2 — hostile bodies over every write route (issue 11 point 8). The API runs as production runs it (compiled, a child
 * process; the staging clock on, so a seeded flow can reach awards and payments). A flow over the HTTP API seeds real
 * records — a draft with an attachment, a reviewed call with a review, a notice with an objection, a finalized award
 * with instalments, a payment batch — so that every `:id` in a path names something, and each route is called as a
 * role its guard lets through, so the body reaches validation. Then ≥ 10,000 bodies, generated from a fixed seed
 * (wrong types, lengths, NUL in values and keys, lone surrogates, nesting up to 6,000 deep, huge numbers, unknown and
 * missing keys, JSON scalars and arrays, malformed JSON, bodies over the limit, wrong content types, multipart), are
 * sent to every POST/PUT/PATCH/DELETE of test/e2e/route-inventory.txt. No answer may be a 5xx, and every 4xx must carry
 * a message. Last line: `R2 5xx=<n> ok|short` (short also when a 4xx came without a message).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { ChildServer, ROOT, startApi, startBenchServices } from './apps-bench-env';
import { fmt } from './bench-util';
import { ADMIN, auth, registerCompany, TestPortal } from '../support/portal';
import {
  applyAndAccept,
  createCall,
  PROGRAM_CASES,
  reviewAndClose,
  setClock,
  setupStaff,
  Staff,
} from '../e2e/awards-fixtures';

const TOTAL = Number(process.env.R2_BODIES ?? 10_000);
const SEED = Number(process.env.R2_SEED ?? 20_260_311);
const CONCURRENCY = 4;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** mulberry32: a small deterministic generator, so the same seed sends the same bodies. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
type Rng = ReturnType<typeof rng>;

interface Route {
  method: string;
  path: string;
  roles: string[];
}

function writeRoutes(): Route[] {
  return readFileSync(join(ROOT, 'test', 'e2e', 'route-inventory.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 3 && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(f[0]))
    .map(([method, path, roles]) => ({ method, path, roles: roles.split(',').map((r) => r.replace(/@.*$/, '')) })); // officer@province → officer
}

/** Records from a seeded flow: one for each kind of `:param`, and a token for each role. */
interface Seeded {
  tokens: Record<string, string>;
  expertOfReview: string;
  params: Record<string, string>;
}

async function seedFlow(p: TestPortal): Promise<Seeded> {
  const admin = await p.login(ADMIN.email, ADMIN.password);
  await setClock(p, admin, '2026-03-10T10:00:00+08:00');
  const staff: Staff = await setupStaff(p, 'r2');
  const callId = await createCall(p, staff.officer, 'jingpin');
  const a = await registerCompany(p, 1, { name: 'R2 动画公司一号' });
  const b = await registerCompany(p, 2, { name: 'R2 动画公司二号' });
  const first = await applyAndAccept(p, staff.officer, a, callId, 'jingpin', 1, 'R2 项目一');
  const second = await applyAndAccept(p, staff.officer, b, callId, 'jingpin', 2, 'R2 项目二');
  // a draft of company A's in a second call, with an attachment, for the routes that edit
  const draftCall = await createCall(p, staff.officer, 'jingpin', { title: 'R2 草稿批次' });
  const draft = await p
    .http()
    .post(`/api/calls/${draftCall}/applications`)
    .set(auth(a.token))
    .send({ title: 'R2 草稿', track: 'idea', payload: PROGRAM_CASES.jingpin.payload(9) });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  const att = await p
    .http()
    .post(`/api/applications/${draft.body.id}/attachments`)
    .set(auth(a.token))
    .field('kind', 'declaration')
    .attach('file', PDF, { filename: 'declaration.pdf', contentType: 'application/pdf' });
  if (att.status !== 201) throw new Error(`attachment: ${att.status} ${JSON.stringify(att.body)}`);
  // a review left pending (expert 1's on the first application), the rest submitted and closed
  await reviewAndClose(p, staff, callId, 'jingpin', [first, second]);
  const reviews = await p.http().get(`/api/reviews?callId=${callId}&pageSize=100`).set(auth(staff.officer));
  const review = reviews.body.items[0];
  const expertIndex = await (async () => {
    for (let i = 0; i < staff.experts.length; i++) {
      const r = await p.http().get(`/api/reviews/${review.id}`).set(auth(staff.experts[i]));
      if (r.status === 200) return i;
    }
    return 0;
  })();
  const decide = await p
    .http()
    .put(`/api/calls/${callId}/decisions/${first.id}`)
    .set(auth(staff.officer))
    .send({ outcome: 'award', tier: '一等', amountFen: 10_000_000, note: 'R2' });
  if (decide.status !== 200) throw new Error(`decision: ${decide.status} ${JSON.stringify(decide.body)}`);
  const notice = await p.http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
  if (notice.status !== 201) throw new Error(`notice: ${notice.status} ${JSON.stringify(notice.body)}`);
  const objection = await p.http().post(`/api/public/notices/${notice.body.id}/objections`).send({
    name: '张三',
    contact: '13800138000',
    entryApplicationId: first.id,
    reason: '对评审结果有异议',
  });
  if (objection.status !== 201) throw new Error(`objection: ${objection.status} ${JSON.stringify(objection.body)}`);
  const resolved = await p
    .http()
    .post(`/api/objections/${objection.body.id}/resolution`)
    .set(auth(staff.officer))
    .send({ upheld: false, response: '经复核，维持原结果' });
  if (resolved.status >= 300) throw new Error(`resolution: ${resolved.status} ${JSON.stringify(resolved.body)}`);
  await setClock(p, admin, '2026-05-10T10:00:00+08:00');
  const fin = await p.http().post(`/api/calls/${callId}/finalize`).set(auth(staff.officer)).send({});
  if (fin.status !== 200) throw new Error(`finalize: ${fin.status} ${JSON.stringify(fin.body)}`);
  const awards = await p.http().get(`/api/awards?callId=${callId}`).set(auth(staff.officer));
  const awardId = awards.body.items[0].id as string;
  const batch = await p.http().post('/api/payment-batches').set(auth(staff.financeA)).send({ callId, instalmentNo: 1 });
  if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
  const payments = await p.http().get(`/api/payments?callId=${callId}`).set(auth(staff.financeA));
  // an account of its own for the admin's user routes (disable, enable, roles): no token R2 sends belongs to it
  const spare = await p
    .http()
    .post('/api/users')
    .set(auth(admin))
    .send({ name: '备用', email: 'r2-spare@test.portal', password: 'Spare#Pass2026', roles: ['officer'] });
  if (spare.status !== 201) throw new Error(`spare user: ${spare.status} ${JSON.stringify(spare.body)}`);
  // a second objection on the same notice, left open, for the resolution route's hostile bodies
  return {
    tokens: {
      admin,
      officer: staff.officer,
      finance: staff.financeB, // not the preparer: approve reaches its checks
      applicant: a.token,
      expert: staff.experts[expertIndex],
      public: '',
      any: a.token,
    },
    expertOfReview: staff.experts[expertIndex],
    params: {
      'applications/:id': draft.body.id,
      ':attachmentId': att.body.id,
      'awards/:id': awardId,
      ':instalmentNo': '2',
      'calls/:callId': callId,
      'calls/:id': draftCall,
      ':applicationId': second.id,
      'objections/:id': objection.body.id,
      'organizations/:id': a.organizationId,
      'payment-batches/:id': batch.body.id,
      'payments/:id': payments.body.items[0].id,
      'notices/:id': notice.body.id,
      'reviews/:id': review.id,
      'calendar/:year': '2027',
      'users/:id': spare.body.id,
      // no bank-return proposal exists on the sandbox rail: a well-formed id, so the body still reaches the guard
      ':proposalId': '00000000-0000-4000-8000-000000000001',
    },
  };
}

function concretePath(path: string, params: Record<string, string>): string {
  return path.replace(/([a-z-]+\/)?:(\w+)/g, (whole, prefix: string | undefined, name: string) => {
    const key = prefix ? `${prefix}:${name}` : `:${name}`;
    const value = params[key] ?? params[`:${name}`];
    if (!value) throw new Error(`no seeded value for ${whole} in ${path}`);
    return `${prefix ?? ''}${value}`;
  });
}

/** A plausible body for each route: the generator mutates these, so most bodies are nearly right. */
const BASES: Record<string, Record<string, unknown>> = {
  'POST /api/auth/register': {
    organization: {
      name: '某动画公司',
      creditCode: '91110105000000001X',
      address: '北京',
      legalRepresentative: '某',
      businessTypes: ['animation'],
    },
    user: { name: '某', email: 'r2@test.portal', phone: '13800138000', password: 'Company#Pass2026' },
  },
  'POST /api/auth/login': { email: 'nobody@test.portal', password: 'x' },
  'POST /api/auth/refresh': { refreshToken: 'x' },
  'POST /api/auth/logout': { refreshToken: 'x' },
  'POST /api/auth/verify-email': { token: 'x' },
  'POST /api/auth/accept-invitation': { token: 'x', name: '某', password: 'Company#Pass2026' },
  'POST /api/users': { name: '某', email: 'r2-user@test.portal', password: 'Staff#Pass2026', roles: ['officer'] },
  'PUT /api/users/:id/roles': { roles: ['officer'] },
  'POST /api/organizations/:id/flags': { kind: 'violation', reason: '某', from: '2026-01-01' },
  'POST /api/organizations/:id/invitations': { email: 'r2-invite@test.portal' },
  'POST /api/admin/credit-code-exceptions': { creditCode: '91110105000000001X', note: '某' },
  'PUT /api/admin/clock': { now: '2026-05-10T10:00:00+08:00' },
  'PUT /api/admin/calendar/:year': { source: '某', holidays: ['2027-01-01'], workdays: ['2027-02-07'] },
  'POST /api/calls': {
    programCode: 'jingpin',
    year: 2027,
    title: '某',
    opensAt: '2027-03-01T00:00:00+08:00',
    closesAt: '2027-03-31T17:00:00+08:00',
    budgetFen: 1,
    reviewersPerApplication: 2,
    blindReview: false,
    regionRecusal: false,
    noticeWorkingDays: 5,
    aggregation: 'mean',
  },
  'PATCH /api/calls/:id': { title: '某', budgetFen: 1 },
  'POST /api/calls/:callId/applications': { title: '某', track: 'idea', payload: PROGRAM_CASES.jingpin.payload(3) },
  'PATCH /api/applications/:id': { title: '某', payload: PROGRAM_CASES.jingpin.payload(4), version: 1 },
  'POST /api/applications/:id/screening': { decision: 'return', comment: '某' },
  'POST /api/calls/:callId/review-draw': { seed: 1 },
  'PUT /api/reviews/:id': { scores: { a: 1 }, comment: '某', version: 1 },
  'POST /api/reviews/:id/submit': { scores: { a: 1 }, comment: '某' },
  'POST /api/reviews/:id/decline': { reason: 'unavailable', detail: '某' },
  'PUT /api/experts/me': { available: true, conflicts: [{ creditCode: '91110105000000001X', note: '某' }] },
  'PUT /api/calls/:callId/decisions/:applicationId': { outcome: 'award', tier: '二等', amountFen: 1, note: '某' },
  'POST /api/calls/:callId/decisions/fill-by-ranking': { tiers: [{ tier: '一等', amountFen: 1, count: 1 }] },
  'POST /api/calls/:callId/notices': { workingDays: 5 },
  'POST /api/public/notices/:id/objections': {
    name: '某',
    contact: '13800138000',
    entryApplicationId: '00000000-0000-4000-8000-000000000000',
    reason: '某',
  },
  'POST /api/objections/:id/resolution': { upheld: false, response: '某' },
  'POST /api/awards/:id/revoke': { reason: '某' },
  'POST /api/awards/:id/milestones/:instalmentNo/accept': { note: '某' },
  'POST /api/payment-batches': { callId: '00000000-0000-4000-8000-000000000000', instalmentNo: 1 },
  'POST /api/payments/:id/recovered': { note: '某' },
};

/** Routes that read multipart/form-data (an upload): they also get multipart bodies. */
const MULTIPART = new Set([
  'POST /api/applications/:id/attachments',
  'POST /api/payment-batches/:id/bank-return',
  'POST /api/public/notices/:id/objections',
]);

interface Body {
  kind: string;
  contentType?: string;
  raw?: string | Buffer;
  multipart?: { fields: [string, string][]; file?: { name: string; bytes: Buffer; type: string } };
}

const HUGE_NUMBERS = [
  '1e400',
  '-1e400',
  '1e308',
  '9007199254740993',
  '1152921504606846976',
  '-2147483649',
  '2147483648',
  '4294967296',
  '1.5',
  '-1',
  '0',
  '1e-400',
  '123456789012345678901234567890',
];
const ODD_STRINGS = [
  '',
  ' ',
  'x'.repeat(10_000),
  'x'.repeat(300_000),
  '\u0000',
  'a\u0000b',
  '\\ud800',
  'a\\udc00',
  '💥',
  '<script>',
  "'; DROP TABLE x; --",
  '%00',
  '../../etc/passwd',
  '\u202e',
  '0',
  'null',
  'true',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
];
const VALUES = (r: Rng): string => {
  const kinds = [
    () => JSON.stringify(r.pick(ODD_STRINGS)).replace(/\\\\u(d[89a-f][0-9a-f]{2})/g, '\\u$1'),
    () => r.pick(HUGE_NUMBERS),
    () => r.pick(['true', 'false', 'null', '[]', '{}', '[null]', '[[]]', '[{}]', '{"":1}', '[1,"a",null]']),
    () => deep(r, 33 + r.int(6000)),
  ];
  return r.pick(kinds)();
};

function deep(r: Rng, depth: number): string {
  const arrays = r.next() < 0.5;
  return arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Leaf paths of a base body (objects only), for placing a mutation. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** The base body with the value at `at` replaced by raw JSON text (or removed when raw is undefined). */
function withRaw(base: Record<string, unknown>, at: string[], raw: string | undefined): string {
  const MARK = '"__R2_MARK__"';
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  let o = copy;
  for (const k of at.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object' || Array.isArray(o[k])) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  const last = at[at.length - 1];
  if (raw === undefined) {
    delete o[last];
    return JSON.stringify(copy);
  }
  o[last] = '__R2_MARK__';
  return JSON.stringify(copy).replace(MARK, () => raw);
}

function generate(r: Rng, key: string): Body {
  const base = BASES[key] ?? {};
  const leafs = paths(base);
  const at = (): string[] =>
    leafs.length && r.next() < 0.8
      ? r.pick(leafs)
      : [r.pick(['x', 'extra', '__proto__', 'constructor', '\u0000', 'a\u0000b', '💥'])];
  const json = (kind: string, raw: string): Body => ({ kind, contentType: 'application/json', raw });
  const multipart = MULTIPART.has(key) && r.next() < 0.35;
  if (multipart) {
    const fields: [string, string][] = Object.entries(base)
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => [k, String(v)]);
    if (key.includes('attachments')) fields.push(['kind', r.pick(['declaration', 'work-sample', 'x', ''])]);
    const i = fields.length ? r.int(fields.length) : -1;
    const variant = r.int(6);
    if (variant === 0 && i >= 0) fields[i] = [fields[i][0], `a\u0000b`];
    if (variant === 1) fields.push([r.pick(['x', 'a\u0000', '__proto__']), r.pick(ODD_STRINGS).replace(/\\/g, '')]);
    if (variant === 2 && i >= 0) fields[i] = [fields[i][0], 'x'.repeat(r.pick([10, 5000, 200_000]))];
    const file =
      r.next() < 0.6
        ? {
            name: r.pick(['a.pdf', 'a\u0000.pdf', '../../x.pdf', '💥.pdf', 'x'.repeat(400) + '.pdf', '']) || 'f',
            bytes: r.pick([PDF, Buffer.from('MZ\x90\x00 an executable'), Buffer.alloc(0), Buffer.from('\u0000\u0000')]),
            type: r.pick(['application/pdf', 'application/octet-stream', 'text/plain']),
          }
        : undefined;
    return { kind: `multipart-${variant}`, multipart: { fields, file } };
  }
  switch (r.int(16)) {
    case 0:
      return json(
        'scalar',
        r.pick(['"x"', '1', '-1', 'null', 'true', 'false', '[]', '[1,2]', `[${JSON.stringify(base)}]`, '""', '1e400']),
      );
    case 1:
      return json(
        'malformed',
        r.pick([
          '{',
          '{"a":}',
          '{"a":1,}',
          "{'a':1}",
          '{"a":1}}',
          JSON.stringify(base).slice(0, -1 - r.int(5)),
          'NaN',
          '\u0000',
          '{"a":"\\u00"}',
        ]),
      );
    case 2:
      return json('nul-value', withRaw(base, at(), JSON.stringify(`x${'\u0000'}y`)));
    case 3:
      return json('nul-key', JSON.stringify({ ...base, [`k\u0000${r.int(9)}`]: 1 }));
    case 4:
      return json('deep', withRaw(base, at(), deep(r, 33 + r.int(6000))));
    case 5:
      return json('huge-number', withRaw(base, at(), r.pick(HUGE_NUMBERS)));
    case 6:
      return json('long-string', withRaw(base, at(), JSON.stringify('长'.repeat(r.pick([1_000, 100_000, 700_000])))));
    case 7:
      return json(
        'too-large',
        JSON.stringify({
          ...base,
          pad: 'x'.repeat(r.next() < 0.1 ? 20 * 1024 * 1024 : 2 * 1024 * 1024 + r.int(512 * 1024)),
        }),
      );
    case 8:
      return json(
        'unknown-key',
        JSON.stringify({
          ...base,
          [r.pick(['x', 'id', 'status', 'organizationId', 'roles', '__proto__', 'constructor'])]: r.pick([
            1,
            'x',
            {},
            [],
            null,
          ]),
        }),
      );
    case 9:
    case 10:
      return json('type-swap', withRaw(base, at(), VALUES(r)));
    case 11:
      return json('missing', leafs.length ? withRaw(base, r.pick(leafs), undefined) : '{}');
    case 12: {
      const type = r.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/octet-stream',
        'text/html',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'image/png',
        '',
      ]);
      const raw = r.pick([
        JSON.stringify(base),
        'a=1&b=2',
        '<a/>',
        '\u0000\u0001',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
      ]);
      return { kind: `content-type:${type || 'none'}`, contentType: type || undefined, raw };
    }
    case 13:
      return json('lone-surrogate', withRaw(base, at(), r.pick(['"\\ud800"', '"a\\udfff"', '"\\udc00\\ud800"'])));
    case 14:
      return json('empty', r.pick(['{}', '', ' ']));
    default:
      return json(
        'whole-object-swap',
        withRaw(base, at(), r.pick(['{}', '[]', '[{}]', '{"x":{"y":{"z":1}}}', '"[object Object]"'])),
      );
  }
}

function explained(body: unknown): boolean {
  const b = body as { message?: unknown } | null;
  const m = b?.message;
  if (typeof m === 'string') return m.trim().length > 0;
  if (m && typeof m === 'object') {
    const t = m as { zh?: unknown; en?: unknown };
    return typeof t.zh === 'string' && t.zh.length > 0 && typeof t.en === 'string' && t.en.length > 0;
  }
  return false;
}

export async function run(): Promise<void> {
  const services = await startBenchServices('R2');
  let api: ChildServer | null = null;
  try {
    api = await startApi(services, {
      PORTAL_TEST_CLOCK: '1',
      PORTAL_ADMIN_EMAIL: ADMIN.email,
      PORTAL_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'fatal',
    });
    const base = `http://127.0.0.1:${api.port}`;
    const p = {
      http: () => request(base),
      async login(email: string, password: string) {
        const res = await request(base).post('/api/auth/login').send({ email, password });
        if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.accessToken as string;
      },
    } as unknown as TestPortal;
    const t0 = performance.now();
    const seeded = await seedFlow(p);
    console.log(
      `seeded flow (draft, reviewed call, notice, objection, award, batch) in ${fmt(performance.now() - t0)}`,
    );

    const routes = writeRoutes();
    const perRoute = Math.ceil(TOTAL / routes.length);
    const r = rng(SEED);
    interface Job {
      route: Route;
      key: string;
      url: string;
      token: string;
    }
    const jobs: Job[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const url = concretePath(route.path, seeded.params);
      const role = route.roles.find((x) => x in seeded.tokens) ?? 'public';
      const token = route.path.startsWith('/api/reviews/') ? seeded.expertOfReview : seeded.tokens[role];
      for (let i = 0; i < perRoute; i++) jobs.push({ route, key, url, token });
    }
    console.log(`${jobs.length} bodies over ${routes.length} write routes (seed ${SEED})`);

    const fiveXX: string[] = [];
    const unexplained: string[] = [];
    const byStatus = new Map<number, number>();
    const byKind = new Map<string, number>();
    let ok2xx = 0;
    let next = 0;
    const t1 = performance.now();
    // bodies are made when sent (some are megabytes), in job order, so the seed fixes every body
    const send = async (job: Job & { body: Body }): Promise<request.Response> => {
      let t = request(base)[job.route.method.toLowerCase() as 'post'](job.url);
      if (job.token) t = t.set(auth(job.token));
      t = t.set('X-Forwarded-For', `10.2.${next % 250}.${(next >> 8) % 250}`);
      if (job.body.multipart) {
        for (const [k, v] of job.body.multipart.fields) t = t.field(k, v);
        const f = job.body.multipart.file;
        if (f) t = t.attach('file', f.bytes, { filename: f.name, contentType: f.type });
        return t;
      }
      if (job.body.contentType) t = t.set('Content-Type', job.body.contentType);
      return job.body.raw === undefined ? t : t.send(job.body.raw);
    };
    const worker = async () => {
      while (next < jobs.length) {
        const job = { ...jobs[next++], body: generate(r, jobs[next - 1].key) };
        let res: request.Response;
        try {
          res = await send(job);
        } catch (err) {
          // the server cut the connection (e.g. after a 413 on a body still being sent): no answer to judge
          byKind.set('connection-closed', (byKind.get('connection-closed') ?? 0) + 1);
          if (!/EPIPE|ECONNRESET|socket hang up/i.test(String(err))) throw err;
          continue;
        }
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        byKind.set(job.body.kind.split(':')[0], (byKind.get(job.body.kind.split(':')[0]) ?? 0) + 1);
        if (res.status >= 500)
          fiveXX.push(`${job.key} [${job.body.kind}] → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        else if (res.status >= 400 && !explained(res.body))
          unexplained.push(`${job.key} [${job.body.kind}] → ${res.status} ${String(res.text).slice(0, 120)}`);
        else if (res.status < 300) ok2xx++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const ms = performance.now() - t1;
    console.log(`sent in ${fmt(ms)} (${((jobs.length / ms) * 1000).toFixed(0)} bodies/s)`);
    console.log(`statuses: ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}`);
    console.log(`kinds: ${JSON.stringify(Object.fromEntries(byKind))}`);
    console.log(`accepted (2xx): ${ok2xx}; 4xx without a message: ${unexplained.length}`);
    for (const line of [...new Set(fiveXX)].slice(0, 30)) console.log(`  5xx: ${line}`);
    for (const line of [...new Set(unexplained)].slice(0, 10)) console.log(`  unexplained: ${line}`);
    const ok = fiveXX.length === 0 && unexplained.length === 0 && jobs.length >= 10_000;
    console.log(`R2 5xx=${fiveXX.length} ${ok ? 'ok' : 'short'}`);
  } finally {
    await api?.stop();
    await services.stop();
  }
}

/**
 * R1 — who may see what. Every route of the route inventory (test/e2e/route-inventory.txt) × every role — anonymous,
 * the applicant of the organization that owns the records, an applicant of another organization, the expert
 * assigned to the application and one who is not, the national officer, an officer of the owner's province and one of
 * another province (issue 12: organization A is in 江苏, B in 广西), finance, admin — on a seeded flow (a jingpin call
 * without a provincial stage taken through submit, draw, reviews, decisions, the notice with an objection, finalize and
 * a payment batch), every path parameter a real id of that flow.
 *
 * Phase 1 sends the requests that must be refused or filtered, phase 2 the allowed ones (which may change state, so
 * they come last). A leak is:
 *   - a role the inventory's permission column does not name (anonymous on a non-public route) answered anything
 *     but 401/403/404;
 *   - another organization's applicant, an expert not assigned, or an officer of another province answered anything
 *     but 404 on the owner's record (an answer identical to the one for an unknown id, e.g. a 400 for the body,
 *     reveals nothing and is counted apart as `before-lookup`);
 *   - a list (applications, awards, payments, reviews, objections, the call's decisions, ranking and review progress)
 *     that shows them the owner's record — or, for the officer of 江苏, B's records in 广西.
 * A list in which the national officer misses either organization's record, or the officer of 江苏 misses A's, is
 * counted as `missing` (scoping must not hide from those who may see). Any 5xx, in either phase, is counted.
 * Last line: `R1 leaks=<n> 5xx=<n> ok|short` (with ` missing=<n>` before the verdict when some are missing).
 */
import { createFlowStaff, flowCallBody } from '../support/staff';
import { testCreditCode } from '../support/credit-codes';
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, startApi, startBenchServices } from './apps-bench-env';

const ADMIN = { email: 'admin@r1.portal', password: 'Admin#R1Bench2026' };
const PASSWORD = 'Staff#R1Bench2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

type Role =
  | 'anonymous'
  | 'applicantA'
  | 'applicantB'
  | 'expertA'
  | 'expertB'
  | 'officer'
  | 'officerHere'
  | 'officerThere'
  | 'finance'
  | 'admin';
const ROLES: Role[] = [
  'anonymous',
  'applicantA',
  'applicantB',
  'expertA',
  'expertB',
  'officer',
  'officerHere',
  'officerThere',
  'finance',
  'admin',
];
/** Organization A's province (江苏) and B's (广西): county codes for testCreditCode, and the provincial agencies. */
const REGION_A = '320102';
const REGION_B = '450102';
const ROLE_NAME: Record<Role, string | null> = {
  anonymous: null,
  applicantA: 'applicant',
  applicantB: 'applicant',
  expertA: 'expert',
  expertB: 'expert',
  officer: 'officer', // national: no agency, every program (API.md's POST /api/users)
  officerHere: 'officer', // of 江苏, A's province
  officerThere: 'officer', // of 广西, B's province: A's records are another province's
  finance: 'finance',
  admin: 'admin',
};

interface Route {
  method: string;
  path: string;
  perms: string[];
  /** The inventory says `officer@province`: officers reach only their province's records here. */
  provinceScoped: boolean;
}

interface Res {
  status: number;
  text: string;
}

/** What a role may expect of a route on the owner's (organization A's) records. */
type Expect = 'allowed' | 'no-role' | 'not-yours' | 'needs-link';

function readInventory(): Route[] {
  return readFileSync(join(ROOT, 'test', 'e2e', 'route-inventory.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [method, path, perms] = l.split(/\s+/);
      // `officer@province`: an officer sees only their province's records here (issue 12)
      const named = perms.split(',');
      return {
        method,
        path,
        perms: named.map((p) => p.replace(/@.*$/, '')),
        provinceScoped: named.includes('officer@province'),
      };
    });
}

/** Routes about one record of organization A (its application, award, instalment, the organization itself). */
const OWNED_BY_A = [
  /^\/api\/applications\/:id/,
  /^\/api\/awards\/:id/,
  /^\/api\/payments\/:id/,
  /^\/api\/organizations\/:id/,
];
/** Routes about the assigned expert's review or the application they review. */
const ASSIGNED_TO_EXPERT_A = [/^\/api\/reviews\/:id/, /^\/api\/applications\/:id/];
/**
 * Routes about one record of A's province for an officer (issue 12): A's application and everything hanging on it — its
 * review, the objection on its entry, its decision, award, instalment — and organization A. An officer of another
 * province gets 404 there, as another organization's applicant does. (The inventory marks these routes `officer@province`.)
 */
const IN_PROVINCE_OF_A = [
  ...OWNED_BY_A,
  /^\/api\/reviews\/:id/,
  /^\/api\/objections\/:id/,
  /^\/api\/calls\/:callId\/decisions\/:applicationId/,
];

function expectation(route: Route, role: Role): Expect {
  if (route.path.startsWith('/api/attachment-links/')) return 'needs-link'; // a signed link; none is given here
  const name = ROLE_NAME[role];
  const open = route.perms.includes('public') || (route.perms.includes('any') && name !== null);
  if (!open && (name === null || !route.perms.includes(name))) return 'no-role';
  if (role === 'applicantB' && OWNED_BY_A.some((re) => re.test(route.path))) return 'not-yours';
  if (role === 'expertB' && ASSIGNED_TO_EXPERT_A.some((re) => re.test(route.path))) return 'not-yours';
  if (role === 'officerThere' && IN_PROVINCE_OF_A.some((re) => re.test(route.path))) return 'not-yours';
  return 'allowed';
}

export async function run(): Promise<void> {
  const s = await startBenchServices('R1');
  const api = await startApi(s, {
    PORTAL_TEST_CLOCK: '1',
    NODE_ENV: 'test',
    PORTAL_ADMIN_EMAIL: ADMIN.email,
    PORTAL_ADMIN_PASSWORD: ADMIN.password,
    SMTP_URL: '',
    LOG_LEVEL: 'error',
  }).catch(async (err: unknown) => {
    await s.stop(); // a server that does not boot must not leave the database and work dir behind
    throw err;
  });
  const base = `http://127.0.0.1:${api.port}`;
  try {
    const send = async (
      method: string,
      path: string,
      token: string | null,
      body?: unknown,
      multipart?: boolean,
    ): Promise<Res> => {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      let payload: string | FormData | undefined;
      if (multipart) {
        const form = new FormData();
        form.append('kind', 'work-sample');
        form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'sample.pdf');
        payload = form;
      } else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const res = await fetch(`${base}${path}`, { method, headers, body: payload, redirect: 'manual' });
      return { status: res.status, text: await res.text() };
    };
    const ok = async (method: string, path: string, token: string | null, body?: unknown, multipart = false) => {
      const res = await send(method, path, token, body, multipart);
      if (res.status >= 300) throw new Error(`seeding: ${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
      return res.text ? JSON.parse(res.text) : null;
    };
    const login = async (email: string, password = PASSWORD) =>
      (await ok('POST', '/api/auth/login', null, { email, password })).accessToken as string;
    const setClock = async (iso: string) => {
      await ok('PUT', '/api/admin/clock', tokens.admin, { now: iso });
      await new Promise((r) => setTimeout(r, 600));
    };

    // ---- the seeded flow
    const t0 = performance.now();
    const tokens = { anonymous: null } as Record<Role, string | null>;
    tokens.admin = await login(ADMIN.email, ADMIN.password);
    const user = (body: Record<string, unknown>) =>
      ok('POST', '/api/users', tokens.admin, { password: PASSWORD, ...body });
    await createFlowStaff(user, 'r1');
    // officers of A's province (江苏) and of B's (广西): the provincial agencies, as an admin assigns them
    const agencyOf = async (province: string) =>
      (
        (await ok('GET', `/api/agencies?province=${province}&pageSize=100`, tokens.admin)).items as {
          id: string;
          code: string;
        }[]
      ).find((a) => a.code === `prov-${province}`)!.id;
    await user({ name: '江苏审核员', email: 'officer-js@r1.test', roles: ['officer'], agencyId: await agencyOf('32') });
    await user({ name: '广西审核员', email: 'officer-gx@r1.test', roles: ['officer'], agencyId: await agencyOf('45') });
    tokens.officer = await login('officer@r1.test');
    tokens.officerHere = await login('officer-js@r1.test');
    tokens.officerThere = await login('officer-gx@r1.test');
    tokens.finance = await login('finance-a@r1.test');
    const financeB = await login('finance-b@r1.test');
    const experts = [await login('expert1@r1.test'), await login('expert2@r1.test')];

    await setClock('2026-03-02T10:00:00+08:00');
    const callId = (await ok('POST', '/api/calls', tokens.officer, flowCallBody('2026 年度精品工程（R1）')))
      .id as string;

    const company = async (n: number, region: string) => {
      const email = `company${n}@r1.test`;
      const reg = await ok('POST', '/api/auth/register', null, {
        organization: {
          name: `权限动画公司${n}号`,
          creditCode: testCreditCode(n, region),
          address: region === REGION_A ? '南京市玄武区测试路 1 号' : '南宁市兴宁区测试路 1 号',
          legalRepresentative: `法人${n}`,
          businessTypes: ['animation'],
        },
        user: { name: `联系人${n}`, email, phone: '13800138000', password: PASSWORD },
      });
      const token = await login(email);
      const app = await ok('POST', `/api/calls/${callId}/applications`, token, {
        title: `权限项目${n}`,
        track: 'product',
        payload: {
          mediaType: 'tv',
          workTitle: `作品${n}`,
          synopsis: '一部原创动画。',
          creators: [{ name: `主创${n}`, role: '导演' }],
          developmentPlan: '分三期制作。',
          marketExpectation: '授权收入可观。',
          licensing: '自有版权。',
          promotionPlan: '电视与网络同步播出。',
          declaration: true,
        },
      });
      let attachmentId = '';
      for (const kind of ['declaration', 'business-licence', 'work-sample']) {
        const form = new FormData();
        form.append('kind', kind);
        form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${kind}.pdf`);
        const up = await fetch(`${base}/api/applications/${app.id}/attachments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
        if (up.status !== 201) throw new Error(`seeding: upload ${kind}: ${up.status} ${await up.text()}`);
        if (kind === 'work-sample') attachmentId = ((await up.json()) as { id: string }).id;
      }
      await ok('POST', `/api/applications/${app.id}/submit`, token, {});
      await ok('POST', `/api/applications/${app.id}/screening`, tokens.officer, {
        decision: 'accept',
        comment: '齐全',
      });
      return { token, organizationId: reg.organization.id as string, applicationId: app.id as string, attachmentId };
    };
    const A = await company(901, REGION_A);
    const B = await company(902, REGION_B);
    tokens.applicantA = A.token;
    tokens.applicantB = B.token;

    await ok('POST', `/api/calls/${callId}/review-draw`, tokens.officer, { seed: 7 });
    const rubric: { key: string; max: number }[] = (await ok('GET', '/api/programs', null)).find(
      (x: { code: string }) => x.code === 'jingpin',
    ).rubric;
    let reviewA = '';
    let reviewB = '';
    for (const expert of experts) {
      const list = await ok('GET', '/api/reviews?pageSize=100', expert);
      for (const r of list.items) {
        if (r.applicationId === A.applicationId) {
          reviewA = r.id;
          tokens.expertA = expert;
        } else {
          reviewB = r.id;
          tokens.expertB = expert;
        }
        await ok('POST', `/api/reviews/${r.id}/submit`, expert, {
          scores: Object.fromEntries(rubric.map((c) => [c.key, Math.min(c.max, 8)])),
          comment: '评审意见：内容扎实。',
        });
      }
    }
    if (!reviewA || !tokens.expertA || !tokens.expertB)
      throw new Error('seeding: the draw did not give one expert each');
    await ok('POST', `/api/calls/${callId}/review-close`, tokens.officer, {});

    await setClock('2026-04-01T10:00:00+08:00');
    for (const app of [A.applicationId, B.applicationId])
      await ok('PUT', `/api/calls/${callId}/decisions/${app}`, tokens.officer, {
        outcome: 'award',
        tier: '一等',
        amountFen: 2_000_000,
        note: '同意',
      });
    const notice = await ok('POST', `/api/calls/${callId}/notices`, tokens.officer, {});
    const objection = await ok('POST', `/api/public/notices/${notice.id}/objections`, null, {
      name: '异议人',
      contact: 'objector@r1.test',
      entryApplicationId: A.applicationId,
      reason: '申报材料与事实不符，请核查',
    });
    await ok('POST', `/api/objections/${objection.id}/resolution`, tokens.officer, {
      upheld: false,
      response: '经核实无误',
    });
    await setClock('2026-04-10T10:00:00+08:00');
    await ok('POST', `/api/calls/${callId}/finalize`, tokens.officer, {});
    const awards = await ok('GET', `/api/awards?callId=${callId}&pageSize=100`, tokens.officer);
    const awardOf = (applicationId: string) =>
      awards.items.find((a: { applicationId: string }) => a.applicationId === applicationId).id as string;
    const awardA = awardOf(A.applicationId);
    const awardB = awardOf(B.applicationId);
    const payments = await ok('GET', `/api/payments?callId=${callId}&pageSize=100`, tokens.finance);
    const instalmentOf = (applicationId: string) =>
      payments.items.find(
        (i: { applicationId: string; instalmentNo: number }) =>
          i.applicationId === applicationId && i.instalmentNo === 1,
      ).id as string;
    const instalmentA = instalmentOf(A.applicationId);
    const instalmentB = instalmentOf(B.applicationId);
    const batch = await ok('POST', '/api/payment-batches', tokens.finance, { callId, instalmentNo: 1 });
    await ok('POST', `/api/payment-batches/${batch.id}/approve`, financeB, {});
    console.log(
      `seeded flow: 2 organizations (江苏, 广西), 1 call, awards, a batch — ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // ---- the ids for each path parameter
    const idFor: [RegExp, string][] = [
      [/^\/api\/applications\//, A.applicationId],
      [/^\/api\/awards\//, awardA],
      [/^\/api\/calls\//, callId],
      [/^\/api\/objections\//, objection.id],
      [/^\/api\/organizations\//, A.organizationId],
      [/^\/api\/payment-batches\//, batch.id],
      [/^\/api\/payments\//, instalmentA],
      [/^\/api\/public\/notices\//, notice.id],
      [/^\/api\/reviews\//, reviewA],
    ];
    const fill = (path: string, unknown = false): string =>
      path
        .replace(':id', unknown ? randomUUID() : (idFor.find(([re]) => re.test(path))?.[1] ?? randomUUID()))
        .replace(':callId', callId)
        .replace(':applicationId', unknown ? randomUUID() : A.applicationId)
        .replace(':attachmentId', unknown ? randomUUID() : A.attachmentId)
        .replace(':instalmentNo', '2')
        .replace(':year', '2026');
    /** A body that passes validation where that matters for the ownership check. */
    const bodyFor = (r: Route): unknown => {
      if (r.method === 'GET' || r.method === 'DELETE') return undefined;
      if (r.method === 'PATCH' && r.path === '/api/applications/:id') return { title: '改名', version: 1 };
      if (r.method === 'PUT' && r.path === '/api/reviews/:id') return { scores: {}, comment: '意见' };
      if (r.path === '/api/reviews/:id/decline') return { reason: 'unavailable', detail: '出差' };
      if (r.path === '/api/organizations/:id/invitations') return { email: 'colleague@r1.test' };
      // valid bodies where an officer of another province must reach the lookup (and get 404), not the validation
      if (r.path === '/api/awards/:id/milestones/:instalmentNo/accept') return { note: '中期检查通过' };
      if (r.path === '/api/applications/:id/provincial-check') return { decision: 'pass', opinion: '初审通过' };
      return {};
    };
    const multipart = (r: Route) => r.method === 'POST' && r.path === '/api/applications/:id/attachments';
    /** What must not appear in a list this role reads (organization A's records, expert A's review, etc.). */
    const recordsA = [A.applicationId, awardA, instalmentA, reviewA, objection.id as string];
    const recordsB = [B.applicationId, awardB, instalmentB, reviewB];
    const hidden: Partial<Record<Role, string[]>> = {
      applicantB: [A.applicationId, awardA, instalmentA],
      expertB: [reviewA],
      officerThere: recordsA, // 广西's officer: nothing of 江苏's
      officerHere: recordsB, // 江苏's officer: nothing of 广西's
    };
    /** The lists, and which of an organization's records each shows (for `missing`). */
    const LISTS: Record<string, (r: string[]) => string[]> = {
      '/api/applications': (r) => [r[0]],
      '/api/awards': (r) => [r[1]],
      '/api/payments': (r) => [r[2]],
      '/api/reviews': (r) => [r[3]],
      '/api/objections': (r) => r.slice(4),
      '/api/calls/:callId/decisions': (r) => [r[0]],
      '/api/calls/:callId/ranking': (r) => [r[0]],
      '/api/calls/:callId/ranking.csv': (r) => [r[0]],
      '/api/calls/:callId/review-progress': (r) => [r[0]],
    };
    /** What an officer's list must show: the national officer both provinces, 江苏's officer A's records. */
    const shown: Partial<Record<Role, string[][]>> = { officer: [recordsA, recordsB], officerHere: [recordsA] };

    const routes = readInventory();
    /** Officer routes on a record of A's province that the inventory does not mark `officer@province`. */
    const unmarked = routes.filter(
      (r) => r.perms.includes('officer') && !r.provinceScoped && IN_PROVINCE_OF_A.some((re) => re.test(r.path)),
    );
    const leaks: string[] = [];
    const errors: string[] = [];
    const beforeLookup: string[] = [];
    let requests = 0;
    const missing: string[] = [];
    const checked = { refused: 0, notYours: 0, lists: 0 };
    const call = async (r: Route, role: Role, unknown = false) => {
      requests++;
      const res = await send(r.method, fill(r.path, unknown), tokens[role], bodyFor(r), multipart(r));
      if (res.status >= 500) errors.push(`${role} ${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 160)}`);
      return res;
    };

    // phase 1: what must be refused or filtered
    for (const r of routes)
      for (const role of ROLES) {
        const e = expectation(r, role);
        if (e === 'allowed') {
          const showing = LISTS[r.path];
          if (r.method === 'GET' && showing && (hidden[role] || shown[role])) {
            checked.lists++;
            const res = await call(r, role);
            const leaked = (hidden[role] ?? []).filter((id) => res.text.includes(id));
            if (leaked.length) leaks.push(`${role} ${r.method} ${r.path} → ${res.status} lists ${leaked.join(', ')}`);
            const absent = (shown[role] ?? []).flatMap(showing).filter((id) => !res.text.includes(id));
            if (absent.length) missing.push(`${role} ${r.method} ${r.path} → ${res.status} lacks ${absent.join(', ')}`);
          }
          continue;
        }
        const res = await call(r, role);
        if (e === 'not-yours') checked.notYours++;
        else checked.refused++;
        if (res.status >= 500) continue;
        if (e === 'no-role' || e === 'needs-link') {
          if (![401, 403, 404].includes(res.status))
            leaks.push(`${role} ${r.method} ${r.path} → ${res.status} (not permitted) ${res.text.slice(0, 120)}`);
          else if (role === 'anonymous' && e === 'no-role' && res.status !== 401)
            leaks.push(`${role} ${r.method} ${r.path} → ${res.status} (anonymous, want 401)`);
        } else if (res.status !== 404) {
          const probe = await call(r, role, true);
          if (res.status < 300 || res.status !== probe.status)
            leaks.push(
              `${role} ${r.method} ${r.path} → ${res.status} on organization A's record (unknown id: ${probe.status}) ${res.text.slice(0, 120)}`,
            );
          else beforeLookup.push(`${role} ${r.method} ${r.path} → ${res.status} (same for an unknown id)`);
        }
      }
    // phase 2: the allowed requests (they may change state, so they come last), for 5xx only
    for (const r of routes) for (const role of ROLES) if (expectation(r, role) === 'allowed') await call(r, role);

    console.log(
      `${routes.length} routes × ${ROLES.length} roles: ${requests} requests; must refuse (role not named, or a ` +
        `signed link missing): ${checked.refused}; another organization's or another expert's record: ` +
        `${checked.notYours}; lists read by them: ${checked.lists}`,
    );
    if (!checked.notYours || !checked.lists)
      throw new Error('R1 checked no ownership: the seeded ids do not match the routes');
    for (const l of beforeLookup) console.log(`  before-lookup: ${l}`);
    for (const l of leaks) console.log(`  LEAK: ${l}`);
    for (const l of missing) console.log(`  MISSING: ${l}`);
    for (const r of unmarked) {
      console.log(`  UNMARKED: ${r.method} ${r.path}: route-inventory.txt does not say officer@province`);
      missing.push(`unmarked ${r.method} ${r.path}`);
    }
    for (const l of errors) console.log(`  5xx: ${l}`);
    const bad = leaks.length + errors.length + missing.length;
    console.log(
      `R1 leaks=${leaks.length} 5xx=${errors.length}${missing.length ? ` missing=${missing.length}` : ''} ${bad === 0 ? 'ok' : 'short'}`,
    );
  } finally {
    await api.stop().catch(() => undefined);
    await s.stop();
  }
}

/** A valid 统一社会信用代码 for the n-th company (Beijing Chaoyang). */

/**
 * R6 — the portal's promises against an attacker, on the production build (API as a child process, NODE_ENV=production,
 * no staging clock):
 *   1. 200 parallel wrong passwords for one account → at most 5 × 401, the rest 429 with Retry-After;
 *   2. a refresh token used twice → 401, and its whole family revoked (the newer token refused too);
 *   3. a tus creation of 2 GiB for a document kind (business-licence) → refused (4xx);
 *   4. an executable disguised as a PDF (`licence.pdf`, Content-Type application/pdf, bytes `MZ…`) → 415.
 * Each check prints its figures; the last line is `R6 ok` or `R6 short: <the checks that failed>`.
 */
import { testCreditCode } from '../support/credit-codes';
import http from 'http';
import { fmt } from './bench-util';
import { startApi, startBenchServices } from './apps-bench-env';

const ADMIN = { email: 'admin@bench.portal', password: 'Admin#Bench2026' };
const DAY = 86_400_000;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer | string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (port: number, method: string, path: string, token: string | null, body?: unknown) =>
  send(
    port,
    method,
    path,
    { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body === undefined ? undefined : JSON.stringify(body),
  );

async function must(a: Promise<Answer>, what: string, status: number) {
  const r = await a;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.body.slice(0, 300)}`);
  return JSON.parse(r.body || 'null');
}

/** A valid 统一社会信用代码 for the n-th company. */

export async function run(): Promise<void> {
  const s = await startBenchServices('R6');
  // a server that does not boot (e.g. a setting production refuses) must not leave the database and work dir behind
  const api = await startApi(s, { PORTAL_ADMIN_EMAIL: ADMIN.email, PORTAL_ADMIN_PASSWORD: ADMIN.password }).catch(
    async (err: unknown) => {
      await s.stop();
      throw err;
    },
  );
  const port = api.port;
  const failed: string[] = [];
  try {
    const admin = (await must(json(port, 'POST', '/api/auth/login', null, ADMIN), 'admin login', 200)).accessToken;
    await must(
      json(port, 'POST', '/api/users', admin, {
        name: '周明',
        email: 'officer@bench.portal',
        password: 'Officer#Bench2026',
        roles: ['officer'],
      }),
      'officer',
      201,
    );
    const company = { email: 'victim@bench.portal', password: 'Victim#Bench2026' };
    await must(
      json(port, 'POST', '/api/auth/register', null, {
        organization: {
          name: '基准动画有限公司',
          creditCode: testCreditCode(6),
          address: '北京市朝阳区',
          legalRepresentative: '王五',
          businessTypes: ['animation'],
        },
        user: { name: '王五', email: company.email, phone: '13800138000', password: company.password },
      }),
      'register',
      201,
    );

    // 3 and 4 first: they need the company's login, which the burst below locks for 15 minutes
    const applicant = (await must(json(port, 'POST', '/api/auth/login', null, company), 'applicant login', 200))
      .accessToken;
    const officerPair = await must(
      json(port, 'POST', '/api/auth/login', null, { email: 'officer@bench.portal', password: 'Officer#Bench2026' }),
      'officer login',
      200,
    );
    const now = Date.now();
    const call = await must(
      json(port, 'POST', '/api/calls', officerPair.accessToken, {
        programCode: 'jingpin',
        year: new Date(now).getFullYear(),
        title: 'R6 精品工程',
        opensAt: new Date(now - DAY).toISOString(),
        closesAt: new Date(now + 30 * DAY).toISOString(),
        budgetFen: 0,
        reviewersPerApplication: 3,
        blindReview: false,
        regionRecusal: false,
        noticeWorkingDays: 5,
        aggregation: 'mean',
      }),
      'call',
      201,
    );
    const app = await must(
      json(port, 'POST', `/api/calls/${call.id}/applications`, applicant, {
        title: 'R6 申请',
        track: 'product',
        payload: {},
      }),
      'draft',
      201,
    );
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const huge = await send(port, 'POST', `/api/applications/${app.id}/uploads`, {
      authorization: `Bearer ${applicant}`,
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(2 * 1024 ** 3),
      'Upload-Metadata': `kind ${b64('business-licence')},filename ${b64('营业执照.pdf')}`,
    });
    const hugeOk = huge.status >= 400 && huge.status < 500;
    console.log(
      `tus creation of 2 GiB for business-licence (a document): ${huge.status} ${hugeOk ? 'refused' : 'ACCEPTED'}`,
    );
    if (!hugeOk) failed.push(`2 GiB document upload answered ${huge.status}`);
    if (huge.status === 201 && huge.headers.location)
      await send(port, 'DELETE', huge.headers.location, {
        authorization: `Bearer ${applicant}`,
        'Tus-Resumable': '1.0.0',
      });

    const boundary = 'r6boundary';
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      Buffer.alloc(4096, 0x41),
    ]);
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbusiness-licence\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="licence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      exe,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const disguised = await send(
      port,
      'POST',
      `/api/applications/${app.id}/attachments`,
      { authorization: `Bearer ${applicant}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      multipart,
    );
    console.log(`an executable named licence.pdf, sent as application/pdf: ${disguised.status}`);
    if (disguised.status !== 415) failed.push(`disguised executable answered ${disguised.status}`);

    // 2: refresh-token reuse
    const next = await json(port, 'POST', '/api/auth/refresh', null, { refreshToken: officerPair.refreshToken });
    const reuse = await json(port, 'POST', '/api/auth/refresh', null, { refreshToken: officerPair.refreshToken });
    const newer = next.status === 200 ? JSON.parse(next.body).refreshToken : '';
    const family = await json(port, 'POST', '/api/auth/refresh', null, { refreshToken: newer });
    console.log(
      `refresh once: ${next.status}; the spent token again: ${reuse.status}; the newer token after that: ${family.status}` +
        ` (family ${family.status === 401 ? 'revoked' : 'NOT revoked'})`,
    );
    if (next.status !== 200 || reuse.status !== 401 || family.status !== 401) failed.push('refresh-token reuse');

    // 1: the burst
    const t0 = performance.now();
    const burst = await Promise.all(
      Array.from({ length: 200 }, () =>
        json(port, 'POST', '/api/auth/login', null, { email: company.email, password: 'Wrong#Password1' }),
      ),
    );
    const took = performance.now() - t0;
    const by: Record<number, number> = {};
    for (const r of burst) by[r.status] = (by[r.status] ?? 0) + 1;
    const limited = burst.filter((r) => r.status === 429);
    const withRetryAfter = limited.filter((r) => Number(r.headers['retry-after']) > 0).length;
    console.log(
      `200 parallel wrong passwords for one account in ${fmt(took)}: ${JSON.stringify(by)}; 429 with Retry-After: ${withRetryAfter}/${limited.length}`,
    );
    const unauthorized = by[401] ?? 0;
    if (unauthorized > 5 || unauthorized + limited.length !== 200 || withRetryAfter !== limited.length)
      failed.push(`burst: ${unauthorized} × 401`);

    console.log(failed.length ? `R6 short: ${failed.join('; ')}` : 'R6 ok');
    if (failed.length) process.exitCode = 1;
  } finally {
    await api.stop();
    await s.stop();
  }
}

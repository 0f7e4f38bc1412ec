/* Shared set-up for the applications e2e specs (not a spec itself). */
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'crypto';
import http from 'http';
import {
  RENDING_ENTERPRISE_KINDS,
  rendingEnterprisePayload,
} from '../../libs/programs/src/testing/eligibility-context';
import { ADMIN, auth, testCreditCode, TestPortal } from '../support/portal';

export const DAY = 86_400_000;
export { RENDING_ENTERPRISE_KINDS, rendingEnterprisePayload };

export async function makeOfficer(p: TestPortal, email = 'officer@apps.test'): Promise<string> {
  const admin = await p.login(ADMIN.email, ADMIN.password);
  const res = await p
    .http()
    .post('/api/users')
    .set(auth(admin))
    .send({ name: '周明', email, password: 'Staff#Pass2026', roles: ['officer'] });
  if (res.status !== 201) throw new Error(`officer: ${res.status} ${JSON.stringify(res.body)}`);
  return p.login(email, 'Staff#Pass2026');
}

export async function adminToken(p: TestPortal): Promise<string> {
  return p.login(ADMIN.email, ADMIN.password);
}

export async function openCall(
  p: TestPortal,
  officer: string,
  programCode = 'rending',
  over: Record<string, unknown> = {},
) {
  const now = Date.now();
  const res = await p
    .http()
    .post('/api/calls')
    .set(auth(officer))
    .send({
      programCode,
      year: 2026,
      title: `2026 年度 ${programCode}`,
      opensAt: new Date(now - 7 * DAY).toISOString(),
      closesAt: new Date(now + 30 * DAY).toISOString(),
      budgetFen: 0,
      reviewersPerApplication: 3,
      blindReview: false,
      regionRecusal: false,
      noticeWorkingDays: 5,
      aggregation: 'mean',
      ...over,
    });
  if (res.status !== 201) throw new Error(`call: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; closesAt: string; opensAt: string };
}

/** A small but real PDF (file-type judges it by its bytes), padded with random bytes to `size`. */
export function pdf(size = 2048): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  const tail = Buffer.from('\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const pad = randomBytes(Math.max(0, size - head.length - tail.length));
  return Buffer.concat([head, pad, tail]);
}

export async function upload(
  p: TestPortal,
  token: string,
  applicationId: string,
  kind: string,
  body: Buffer = pdf(),
  fileName = `${kind}.pdf`,
) {
  return p
    .http()
    .post(`/api/applications/${applicationId}/attachments`)
    .set(auth(token))
    .field('kind', kind)
    .attach('file', body, { filename: fileName, contentType: 'application/pdf' });
}

export async function uploadAll(p: TestPortal, token: string, applicationId: string, kinds = RENDING_ENTERPRISE_KINDS) {
  for (const kind of kinds) {
    const res = await upload(p, token, applicationId, kind);
    if (res.status !== 201) throw new Error(`upload ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function draft(
  p: TestPortal,
  token: string,
  callId: string,
  payload: Record<string, unknown> = rendingEnterprisePayload(),
  track = 'enterprise',
  title = '动漫企业认定申请',
) {
  const res = await p.http().post(`/api/calls/${callId}/applications`).set(auth(token)).send({ title, track, payload });
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; status: string };
}

/** A complete rending/enterprise draft with every required attachment. */
export async function readyDraft(p: TestPortal, token: string, callId: string) {
  const app = await draft(p, token, callId);
  await uploadAll(p, token, app.id);
  return app;
}

export async function setClock(p: TestPortal, admin: string, at: Date | null) {
  const res = at
    ? await p.http().put('/api/admin/clock').set(auth(admin)).send({ now: at.toISOString() })
    : await p.http().delete('/api/admin/clock').set(auth(admin));
  if (res.status >= 300) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Many applicant organizations at once, straight into the database (registering each through the API would spend
 * most of the test hashing passwords), with access tokens signed like the API's.
 */
export async function seedApplicants(
  p: TestPortal,
  count: number,
  from = 100_000,
): Promise<{ organizationId: string; userId: string; token: string }[]> {
  const jwt = new JwtService({});
  const ns = Array.from({ length: count }, (_, i) => from + i);
  const codes = ns.map((n) => testCreditCode(n));
  const orgs: { id: string; credit_code: string }[] = await p.ds.query(
    `INSERT INTO organization (name, credit_code, address, legal_representative, business_types, region_code, province_code)
     SELECT '批量动画公司' || c, c, '北京市朝阳区', '法人', '{animation}', substr(c, 3, 6), substr(c, 3, 2) FROM unnest($1::text[]) AS c
     RETURNING id, credit_code`,
    [codes],
  );
  const orgOf = new Map(orgs.map((o) => [o.credit_code, o.id]));
  const users: { id: string; organization_id: string }[] = await p.ds.query(
    `INSERT INTO app_user (email, name, password_hash, roles, organization_id)
     SELECT 'bulk-' || o || '@test.portal', '联系人', 'x', '{applicant}', o FROM unnest($1::uuid[]) AS o
     RETURNING id, organization_id`,
    [codes.map((c) => orgOf.get(c))],
  );
  const userOf = new Map(users.map((u) => [u.organization_id, u.id]));
  return codes.map((c) => {
    const organizationId = orgOf.get(c)!;
    const userId = userOf.get(organizationId)!;
    const token = jwt.sign(
      { sub: userId, roles: ['applicant'], org: organizationId },
      { secret: process.env.JWT_SECRET!, expiresIn: 3600 },
    );
    return { organizationId, userId, token };
  });
}

/** Attachment rows for every required kind, without bytes (for tests about numbering, not files). */
export async function fakeAttachments(
  p: TestPortal,
  applicationId: string,
  userId: string,
  kinds = RENDING_ENTERPRISE_KINDS,
) {
  await p.ds.query(
    `INSERT INTO attachment (application_id, kind, file_name, size, sha256, mime_type, storage_key, created_by)
     SELECT $1::uuid, k, k || '.pdf', 1, repeat('0', 64), 'application/pdf', 'fake/' || $1::text || '/' || k, $2::uuid FROM unnest($3::text[]) AS k`,
    [applicationId, userId, kinds],
  );
}

/** An MP4 as file-type recognises it: an `ftyp` box (brand isom) followed by bytes. */
export function mp4(size: number): Buffer {
  const ftyp = Buffer.from('00000018667479706973six00000200697363726d703432'.replace('six', '6f6d'), 'hex');
  return Buffer.concat([ftyp, randomBytes(size - ftyp.length)]);
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request with the tus header (supertest cannot send HEAD/PATCH bodies the way tus clients do). */
export function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: { 'Tus-Resumable': '1.0.0', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/*
 * Benchmarks' shared seed: an open 认定 call and `count` organizations, each with one applicant and one complete draft
 * carrying every required attachment row — written straight into the tables, so a benchmark measures the submits, not
 * their preparation.
 */
import { Client } from 'pg';
import {
  RENDING_ENTERPRISE_KINDS,
  rendingEnterprisePayload,
} from '../../libs/programs/src/testing/eligibility-context';
import { testCreditCode } from '../support/credit-codes';

export interface SeededDrafts {
  callId: string;
  drafts: { id: string; organization_id: string; created_by: string }[];
}

export async function seedRendingDrafts(
  c: Client,
  o: { officerId: string; title: string; count: number; codeBase: number; tag: string; companyName: string },
): Promise<SeededDrafts> {
  const now = Date.now();
  const [call] = (
    await c.query(
      `INSERT INTO call (program_code, year, title, opens_at, closes_at, budget_fen, reviewers_per_application, blind_review, region_recusal,
       notice_working_days, aggregation, created_by)
       VALUES ('rending', 2026, $4, $1, $2, 0, 3, false, false, 5, 'mean', $3) RETURNING id`,
      [new Date(now - 86_400_000), new Date(now + 86_400_000), o.officerId, o.title],
    )
  ).rows;
  const codes = Array.from({ length: o.count }, (_, i) => testCreditCode(o.codeBase + i));
  const orgs = (
    await c.query(
      `INSERT INTO organization (name, credit_code, address, legal_representative, business_types, region_code, province_code)
       SELECT $2 || c, c, '北京市朝阳区', '法人', '{animation}', substr(c, 3, 6), substr(c, 3, 2) FROM unnest($1::text[]) AS c RETURNING id`,
      [codes, o.companyName],
    )
  ).rows.map((r) => r.id as string);
  const users = (
    await c.query(
      `INSERT INTO app_user (email, name, password_hash, roles, organization_id)
       SELECT $2 || '-' || o || '@bench', '联系人', 'x', '{applicant}', o FROM unnest($1::uuid[]) WITH ORDINALITY AS t(o, n) ORDER BY n
       RETURNING id, organization_id`,
      [orgs, o.tag],
    )
  ).rows as { id: string; organization_id: string }[];
  const drafts = (
    await c.query(
      `INSERT INTO application (call_id, organization_id, program_code, track, title, payload, status, created_by)
       SELECT $1, u.organization_id, 'rending', 'enterprise', '动漫企业认定申请', $2, 'draft', u.id FROM unnest($3::uuid[], $4::uuid[]) AS u(id, organization_id)
       RETURNING id, organization_id, created_by`,
      [
        call.id,
        JSON.stringify(rendingEnterprisePayload()),
        users.map((u) => u.id),
        users.map((u) => u.organization_id),
      ],
    )
  ).rows as SeededDrafts['drafts'];
  await c.query(
    `INSERT INTO attachment (application_id, kind, file_name, size, sha256, mime_type, storage_key, created_by)
     SELECT a.id, k, k || '.pdf', 1, repeat('0', 64), 'application/pdf', 'bench/' || a.id || '/' || k, a.created_by
       FROM application a CROSS JOIN unnest($2::text[]) AS k WHERE a.call_id = $1`,
    [call.id, RENDING_ENTERPRISE_KINDS],
  );
  return { callId: call.id, drafts };
}

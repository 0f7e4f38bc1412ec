import { EntityManager } from 'typeorm';
import { SqlPart } from '@portal/platform';

/**
 * Identity's readers of `organization`, `organization_flag` and `app_user` for other libs (payments, notifications):
 * named queries, and SQL fragments or parts for reads that must stay inside the caller's one statement.
 */

/**
 * A LATERAL join giving the payee facts of one organization — columns `organization_name`, `credit_code` and
 * `province_code` (GB/T 2260 two digits, issue 12) — under `alias`, for the organization whose id is the SQL expression
 * `orgId` (e.g. `i.organization_id`).
 */
export function organizationPayeeJoin(alias: string, orgId: string): string {
  return `JOIN LATERAL (SELECT o.name AS organization_name, o.credit_code, o.province_code FROM organization o WHERE o.id = ${orgId}) ${alias} ON true`;
}

/**
 * "The organization whose id is the SQL expression `orgId` is of the province held by the SQL parameter `province`"
 * (GB/T 2260 two digits): a boolean SQL expression for a list's `?province=` filter that needs no join of its own.
 */
export function organizationInProvinceSql(orgId: string, province: string): string {
  return `EXISTS (SELECT 1 FROM organization o WHERE o.id = ${orgId} AND o.province_code = ${province})`;
}

/**
 * "Excluded from money" (DOMAIN.md, "Money"): the organization holds an active `dishonest` or `barred` flag on the day
 * held by the SQL parameter `today` (flags are active from `from_date` through `until_date` inclusive, open-ended when
 * until is empty). A boolean SQL expression.
 */
export function organizationExcludedSql(orgId: string, today: string): string {
  return `EXISTS (SELECT 1 FROM organization_flag f WHERE f.organization_id = ${orgId} AND f.kind IN ('dishonest','barred')
            AND f.from_date <= ${today}::date AND (f.until_date IS NULL OR f.until_date >= ${today}::date))`;
}

/** The active member accounts (applicants) of an organization, oldest first: who gets its mail. */
export async function organizationMailboxes(m: EntityManager, organizationId: string): Promise<string[]> {
  const rows: { email: string }[] = await m.query(
    `SELECT email FROM app_user WHERE organization_id = $1 AND disabled_at IS NULL AND 'applicant' = ANY(roles) ORDER BY created_at`,
    [organizationId],
  );
  return rows.map((r) => r.email);
}

/**
 * The same mailboxes as a part of the caller's statement: rows (organization_id, email, created_at) for every
 * organization whose id is in column `organization_id` of the part named `from`.
 */
export function organizationMailboxesPart(name: string, from: string): SqlPart {
  return {
    name,
    sql: `SELECT u.organization_id, u.email, u.created_at FROM app_user u
           WHERE u.organization_id IN (SELECT organization_id FROM ${from}) AND u.disabled_at IS NULL AND 'applicant' = ANY(u.roles)`,
    params: [],
  };
}

/** A LATERAL join giving a user's display name as column `name` under `alias` (LEFT when the id may be null). */
export function userNameJoin(alias: string, userId: string, left = false): string {
  return `${left ? 'LEFT ' : ''}JOIN LATERAL (SELECT u.name FROM app_user u WHERE u.id = ${userId}) ${alias} ON true`;
}

/**
 * The columns of `organization` other libs may read, as a relation for the caller's FROM list under `alias` (e.g.
 * `JOIN ${organizationsRelation('o')} ON o.id = a.organization_id`). A plain subquery: Postgres folds it into the
 * caller's statement, so the plan is the one a direct join would get.
 */
export function organizationsRelation(alias: string): string {
  return `(SELECT id, name, credit_code, business_types, province_code, region_code, legal_representative, address, submit_seq
             FROM organization) ${alias}`;
}

/**
 * An organization's flags as a JSON array of `{ kind, from, until }` (dates `YYYY-MM-DD`, until null when open-ended),
 * for the organization whose id is the SQL expression `orgId`: a scalar expression for the caller's select list.
 */
export function organizationFlagsJsonSql(orgId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('kind', f.kind, 'from', to_char(f.from_date, 'YYYY-MM-DD'),
                  'until', to_char(f.until_date, 'YYYY-MM-DD'))), '[]')
             FROM organization_flag f WHERE f.organization_id = ${orgId})`;
}

/** What the eligibility rules look at of an organization (its flags apart, see organizationFlagsJsonSql). */
export interface OrganizationFactsRow {
  id: string;
  name: string;
  creditCode: string;
  businessTypes: string[];
}

/** An organization's name, or null when there is no such organization. */
export async function organizationName(m: EntityManager, organizationId: string): Promise<string | null> {
  const rows: { name: string }[] = await m.query(`SELECT name FROM organization WHERE id = $1`, [organizationId]);
  return rows[0]?.name ?? null;
}

/** An organization's facts for the eligibility rules, or null when there is no such organization. */
export async function organizationFacts(
  m: EntityManager,
  organizationId: string,
): Promise<OrganizationFactsRow | null> {
  const rows: { id: string; name: string; credit_code: string; business_types: string[] | null }[] = await m.query(
    `SELECT id, name, credit_code, business_types FROM organization WHERE id = $1`,
    [organizationId],
  );
  const r = rows[0];
  return r ? { id: r.id, name: r.name, creditCode: r.credit_code, businessTypes: r.business_types ?? [] } : null;
}

import { EntityManager } from 'typeorm';
import { SqlPart } from '@portal/platform';

/**
 * Identity's readers of `organization`, `organization_flag` and `app_user` for other libs (payments, notifications):
 * named queries, and SQL fragments or parts for reads that must stay inside the caller's one statement.
 */

/**
 * A LATERAL join giving the payee facts of one organization — columns `organization_name`, `credit_code` — under
 * `alias`, for the organization whose id is the SQL expression `orgId` (e.g. `i.organization_id`).
 */
export function organizationPayeeJoin(alias: string, orgId: string): string {
  return `JOIN LATERAL (SELECT o.name AS organization_name, o.credit_code FROM organization o WHERE o.id = ${orgId}) ${alias} ON true`;
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

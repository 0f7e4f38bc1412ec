import { EntityManager } from 'typeorm';

/**
 * Identity's readers of `app_user` for other libs (applications, review): named queries, and SQL fragments for reads
 * that must stay inside the caller's one statement. Never the password hash.
 */

/**
 * The columns of `app_user` other libs may read, as a relation for the caller's FROM list under `alias` (e.g.
 * `JOIN ${usersRelation('u')} ON u.id = r.expert_id`). A plain subquery: Postgres folds it into the caller's
 * statement, so the plan is the one a direct join would get.
 */
export function usersRelation(alias: string): string {
  return `(SELECT id, name, email, phone, roles, organization_id, disabled_at, created_at FROM app_user) ${alias}`;
}

/**
 * The names of the people behind an application, as a text[] expression: the members of the organization whose id is
 * the SQL expression `orgId`, and the user whose id is `userId` (the application's author). Empty array when none.
 */
export function applicantNamesSql(orgId: string, userId: string): string {
  return `COALESCE((SELECT array_agg(u.name) FROM app_user u WHERE u.organization_id = ${orgId} OR u.id = ${userId}), '{}')`;
}

/** The same people's e-mail addresses and phone numbers, as a text[] expression (see applicantNamesSql). */
export function applicantContactsSql(orgId: string, userId: string): string {
  return `COALESCE((SELECT array_agg(x) FROM app_user u, LATERAL unnest(ARRAY[u.email, u.phone]) x
                     WHERE (u.organization_id = ${orgId} OR u.id = ${userId}) AND x IS NOT NULL), '{}')`;
}

/** A user's id, name and e-mail address, or null when there is no such user. */
export async function userContact(
  m: EntityManager,
  userId: string,
): Promise<{ id: string; name: string; email: string } | null> {
  const rows: { id: string; name: string; email: string }[] = await m.query(
    `SELECT id, name, email FROM app_user WHERE id = $1`,
    [userId],
  );
  return rows[0] ?? null;
}

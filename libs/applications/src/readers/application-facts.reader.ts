import { EntityManager } from 'typeorm';

/**
 * Applications' readers of `application` and `call` for other libs (payments): named queries, and SQL fragments for
 * reads that must stay inside the caller's one statement.
 */

/** A LATERAL join giving an application's `title` and `number` under `alias`, for the id held by the SQL expression `applicationId`. */
export function applicationTitleJoin(alias: string, applicationId: string): string {
  return `JOIN LATERAL (SELECT a.title, a.number FROM application a WHERE a.id = ${applicationId}) ${alias} ON true`;
}

/** Whether a call exists. */
export async function callExists(m: EntityManager, callId: string): Promise<boolean> {
  const rows = await m.query(`SELECT 1 FROM call WHERE id = $1`, [callId]);
  return rows.length > 0;
}

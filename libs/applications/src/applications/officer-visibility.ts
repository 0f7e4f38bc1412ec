import { AuthUser, officerScope, scopeCondition, scopeCovers } from '@portal/platform';

/**
 * The one answer to "may this officer see this application" (issue 12): the officer's scope (agency province ×
 * programs) against the applying organization's province and the call's program. Every officer route of every lib
 * asks here (one application: `officerMaySeeApplication`; a list: `officerApplicationsCondition`), and answers 404
 * when it says no, exactly as another organization's records do for applicants.
 *
 * The provincial stage: on a call with a provincial stage an application is held by its province (`level`
 * `provincial`) until the province forwards it; a national officer sees only what was forwarded (`level` `national`).
 * Provincial officers see their province's applications at either level. On calls without a stage every application
 * is `national` from the start, so nothing changes there.
 */
export interface ApplicationPlace {
  programCode: string;
  /** The applying organization's province (GB/T 2260 two-digit code). */
  provinceCode: string | null;
  /** Which level has it (application.level): `provincial` until forwarded on a call with a stage. Absent: national. */
  level?: 'provincial' | 'national';
}

export function officerMaySeeApplication(user: AuthUser, at: ApplicationPlace): boolean {
  if (!user.roles.includes('officer')) return false;
  const scope = officerScope(user);
  if (!scope.provinceCode && at.level === 'provincial') return false;
  return scopeCovers(scope, at);
}

/**
 * SQL over an application row and its organization: `cols.program` / `cols.province` are column expressions, and
 * `cols.level` the application's level column (e.g. `a.level`) — pass it wherever the row is an application, or a
 * national officer would see what the provinces still hold.
 */
export function officerApplicationsCondition(
  user: AuthUser,
  cols: { program: string; province: string; level?: string },
  params: unknown[],
): string {
  const scope = officerScope(user);
  const where = scopeCondition(scope, cols.province, cols.program, params);
  if (scope.provinceCode || !cols.level) return where;
  return where === 'TRUE' ? `${cols.level} = 'national'` : `(${where} AND ${cols.level} = 'national')`;
}

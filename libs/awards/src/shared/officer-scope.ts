import { AuthUser } from '@portal/platform';
import {
  APPLICATION_ERRORS,
  applicationsRelation,
  officerApplicationsCondition,
  officerMaySeeApplication,
} from '@portal/applications';
import { organizationsRelation } from '@portal/identity';
import { CallFacts } from './call-facts';

/**
 * Issue 12 in awards: what an officer of a province (or of some programs) may see of decisions, notices, objections,
 * awards and certificates. Every record here belongs to one application, and the answer is applications' one answer
 * (`officerMaySeeApplication` / `officerApplicationsCondition`) over the application's program and its organization's
 * province — 404 when it says no. Finance and admins are national (no scope); an applicant's own-organization rule stays
 * where it was.
 */

/**
 * The application whose id is the SQL expression `applicationId` and its organization, joined as `sa` / `so`: the columns
 * the scope looks at are `sa.program_code` and `so.province_code` (selected as `scope_program`, `scope_province` by
 * SCOPE_COLUMNS).
 */
export function scopeJoin(applicationId: string): string {
  return `JOIN ${applicationsRelation('sa')} ON sa.id = ${applicationId} JOIN ${organizationsRelation('so')} ON so.id = sa.organization_id`;
}

export const SCOPE_COLUMNS = `sa.program_code AS scope_program, so.province_code AS scope_province`;
const COLS = { program: 'sa.program_code', province: 'so.province_code' };

/** The scope as an SQL condition over scopeJoin's columns (TRUE for national staff and for non-officers). */
export function staffScopeCondition(user: AuthUser, params: unknown[]): string {
  return user.roles.includes('officer') ? officerApplicationsCondition(user, COLS, params) : 'TRUE';
}

/** Whether this staff member may see a row carrying SCOPE_COLUMNS (an officer: applications' answer). */
export function staffMaySee(user: AuthUser, row: { scope_program: string; scope_province: string | null }): boolean {
  if (!user.roles.includes('officer')) return true;
  return officerMaySeeApplication(user, { programCode: row.scope_program, provinceCode: row.scope_province });
}

/**
 * The call-wide acts of the list — decisions, fill by ranking, the public notice, finalize — are the office's that
 * runs the program: the national office for a national program, and for a provincial program (issue 15,
 * `officeProvince`) that province's officers. Anyone else — a provincial officer on a national program, the national
 * office on a provincial one, an officer whose programs leave out the call's — gets 404 (CALL.NOT_FOUND), as for a call
 * they cannot see. (Provincial work on a national call is the provincial stage's, before the national review.)
 */
export function assertProgramOfficeAct(user: AuthUser, call: CallFacts, officeProvince: string | null): void {
  if (!user.roles.includes('officer')) return;
  const scope = user.scope;
  if ((scope?.provinceCode ?? null) !== officeProvince) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
  if (scope?.programs && !scope.programs.includes(call.programCode)) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
}

/** A call-wide read (decisions, notices): 404 when the officer's programs leave out the call's program. */
export function assertCallProgramInScope(user: AuthUser, call: CallFacts): void {
  const scope = user.roles.includes('officer') ? user.scope : undefined;
  if (scope?.programs && !scope.programs.includes(call.programCode)) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
}

import { AuthUser, officerScope, provinceName, scopeCovers } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';

/**
 * Calls and the officer's scope (issue 12). A call is national — one call per program and year, applied to from every
 * province — so only the program part of the scope applies: an officer whose agency handles other programs gets 404
 * on the call's officer routes (and on the applications of it), exactly as for an application outside their scope.
 * Calls themselves stay public (GET /api/calls).
 */
export function officerMaySeeCall(user: AuthUser, call: { programCode: string }): boolean {
  if (!user.roles.includes('officer')) return false;
  return scopeCovers(
    { ...officerScope(user), provinceCode: null },
    { provinceCode: null, programCode: call.programCode },
  );
}

/**
 * Opening and editing calls is the office's that runs the program: the national office for a national program (a
 * province runs its stage on the national call, it does not set it) — an officer without an agency or of a national
 * agency —, and for a provincial program (issue 15: `officeProvince`, 江苏's project bank) that province's officers.
 */
export function officerManagesCalls(user: AuthUser, officeProvince: string | null = null): boolean {
  return user.roles.includes('officer') && officerScope(user).provinceCode === officeProvince;
}

/** 403 with the office that runs the program, when the officer's is another (see officerManagesCalls). */
export function assertManagesCalls(user: AuthUser, officeProvince: string | null): void {
  if (officerManagesCalls(user, officeProvince)) return;
  throw officeProvince === null
    ? APPLICATION_ERRORS['CALL.NATIONAL_OFFICE_ONLY']()
    : APPLICATION_ERRORS['CALL.PROVINCIAL_OFFICE_ONLY'](
        provinceName(officeProvince) ?? { zh: officeProvince, en: officeProvince },
      );
}

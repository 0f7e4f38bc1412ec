import { AuthUser, officerScope, scopeCovers } from '@portal/platform';

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
 * Opening and editing calls is the national office's (a province runs its stage on the national call, it does not
 * set it): true for an officer without an agency or of a national agency.
 */
export function officerManagesCalls(user: AuthUser): boolean {
  return user.roles.includes('officer') && officerScope(user).provinceCode === null;
}

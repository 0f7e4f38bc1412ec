export const ROLES = ['applicant', 'expert', 'officer', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the permission guard puts on the request after verifying the bearer token. */
export interface AuthUser {
  id: string;
  roles: Role[];
  organizationId: string | null;
  /** Officers only: where they work (absent = national, every program). See OfficerScope. */
  scope?: OfficerScope;
}

/**
 * Where an officer works (issue 12, two levels): the agency's province — GB/T 2260 two-digit code, null for a national
 * agency — and the programs it handles (null: every program). An officer without an agency (API.md's POST /api/users)
 * is national for every program, as before agencies existed. Filled per request from the account's agency.
 */
export interface OfficerScope {
  agencyId: string | null;
  provinceCode: string | null;
  programs: string[] | null;
}

export const NATIONAL_SCOPE: OfficerScope = Object.freeze({ agencyId: null, provinceCode: null, programs: null });

/** The officer's scope (national for every program when the account has no agency). */
export function officerScope(user: AuthUser): OfficerScope {
  return user.scope ?? NATIONAL_SCOPE;
}

/** Whether a scope covers a record of this province and program (a national scope covers every province). */
export function scopeCovers(
  scope: OfficerScope,
  at: { provinceCode: string | null | undefined; programCode: string | null | undefined },
): boolean {
  if (scope.programs && !(at.programCode && scope.programs.includes(at.programCode))) return false;
  if (scope.provinceCode && at.provinceCode !== scope.provinceCode) return false;
  return true;
}

/**
 * The same rule as an SQL condition over two column expressions (e.g. `o.province_code`, `a.program_code`), appending
 * its parameters to `params` ($n numbering continues from params.length). `TRUE` for a national, all-program scope.
 */
export function scopeCondition(
  scope: OfficerScope,
  provinceExpr: string,
  programExpr: string,
  params: unknown[],
): string {
  const parts: string[] = [];
  if (scope.programs) {
    params.push(scope.programs);
    parts.push(`${programExpr} = ANY($${params.length}::text[])`);
  }
  if (scope.provinceCode) {
    params.push(scope.provinceCode);
    parts.push(`${provinceExpr} = $${params.length}`);
  }
  return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
}

import { EntityManager } from 'typeorm';
import { AuthUser } from '@portal/platform';
import { applicationsRelation, officerApplicationsCondition, officerMaySeeApplication } from '@portal/applications';
import { organizationsRelation } from '@portal/identity';

/**
 * Issue 12 in payments: what an officer of a province (or of some programs) may see and do of instalments, an award's
 * ledger and its milestones. Every instalment belongs to one awarded application, and the answer is applications' one
 * answer (`officerMaySeeApplication` / `officerApplicationsCondition`) over that application's program and its
 * organization's province — 404 outside, as for another organization's money. Finance and admins are national (no
 * scope); the paid organization's own-organization rule stays where it was. Instalments exist only for awards, whose
 * applications the national office has (level `national`), so the level is not asked here.
 */

const COLS = { program: 'sa.program_code', province: 'so.province_code' };

function scopeFrom(applicationId: string): string {
  return `${applicationsRelation('sa')} JOIN ${organizationsRelation('so')} ON so.id = sa.organization_id WHERE sa.id = ${applicationId}`;
}

/**
 * The officer's scope as a boolean SQL condition over the application whose id is the SQL expression `applicationId`
 * (e.g. `i.application_id`); `TRUE` for national staff and for non-officers. Parameters go to `params`.
 */
export function paymentScopeCondition(user: AuthUser, applicationId: string, params: unknown[]): string {
  if (!user.roles.includes('officer')) return 'TRUE';
  const cond = officerApplicationsCondition(user, COLS, params);
  return cond === 'TRUE' ? 'TRUE' : `EXISTS (SELECT 1 FROM ${scopeFrom(applicationId)} AND ${cond})`;
}

/** Whether this staff member may see the money of this application (an officer: applications' answer). */
export async function staffMaySeeApplicationMoney(
  m: EntityManager,
  user: AuthUser,
  applicationId: string,
): Promise<boolean> {
  if (!user.roles.includes('officer')) return true;
  const rows: { program_code: string; province_code: string | null }[] = await m.query(
    `SELECT sa.program_code, so.province_code FROM ${scopeFrom('$1')}`,
    [applicationId],
  );
  return (
    rows.length > 0 &&
    officerMaySeeApplication(user, { programCode: rows[0].program_code, provinceCode: rows[0].province_code })
  );
}

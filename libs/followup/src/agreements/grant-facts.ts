import { EntityManager } from 'typeorm';
import { AuthUser } from '@portal/platform';
import {
  applicationsRelation,
  callsRelation,
  officerApplicationsCondition,
  officerMaySeeApplication,
} from '@portal/applications';
import { organizationsRelation } from '@portal/identity';
import { awardsRelation } from '@portal/awards';
import { FOLLOWUP_ERRORS } from '../errors';

/** The facts of an award that its agreement and its changes stand on, read through the owners' relations. */
export interface GrantFacts {
  awardId: string;
  applicationId: string;
  callId: string;
  organizationId: string;
  programCode: string;
  track: string | null;
  tier: string | null;
  amountFen: number;
  awardStatus: string;
  /** The award's day (finalize), YYYY-MM-DD Asia/Shanghai. */
  awardedOn: string;
  applicationNumber: string | null;
  title: string;
  organizationName: string;
  creditCode: string;
  provinceCode: string | null;
  callTitle: string;
  agreementRequired: boolean;
}

/** FROM list joining the award `aw`, its application `app`, organization `o` and call `c`. */
export const GRANT_FROM = `${awardsRelation('aw')} JOIN ${applicationsRelation('app')} ON app.id = aw.application_id
  JOIN ${organizationsRelation('o')} ON o.id = aw.organization_id JOIN ${callsRelation('c')} ON c.id = aw.call_id`;

export const GRANT_SELECT = `aw.id AS award_id, aw.application_id, aw.call_id, aw.organization_id, aw.program_code, aw.track, aw.tier,
  aw.amount_fen, aw.status AS award_status, to_char((aw.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS awarded_on,
  app.number AS application_number, app.title, o.name AS organization_name, o.credit_code, o.province_code,
  c.title AS call_title, c.agreement_required`;

export interface GrantRow {
  award_id: string;
  application_id: string;
  call_id: string;
  organization_id: string;
  program_code: string;
  track: string | null;
  tier: string | null;
  amount_fen: string;
  award_status: string;
  awarded_on: string;
  application_number: string | null;
  title: string;
  organization_name: string;
  credit_code: string;
  province_code: string | null;
  call_title: string;
  agreement_required: boolean;
}

export function grantFacts(r: GrantRow): GrantFacts {
  return {
    awardId: r.award_id,
    applicationId: r.application_id,
    callId: r.call_id,
    organizationId: r.organization_id,
    programCode: r.program_code,
    track: r.track,
    tier: r.tier,
    amountFen: Number(r.amount_fen),
    awardStatus: r.award_status,
    awardedOn: r.awarded_on,
    applicationNumber: r.application_number,
    title: r.title,
    organizationName: r.organization_name,
    creditCode: r.credit_code,
    provinceCode: r.province_code,
    callTitle: r.call_title,
    agreementRequired: r.agreement_required === true,
  };
}

export const isStaff = (user: AuthUser): boolean =>
  user.roles.some((r) => r === 'officer' || r === 'finance' || r === 'admin');

/**
 * Who may see an award's agreement and changes: the owner organization; an officer whose scope covers the awarded
 * application (applications' one answer over its program and its organization's province); finance and admins.
 */
export function maySeeGrant(user: AuthUser, g: GrantFacts): boolean {
  if (!isStaff(user)) return !!user.organizationId && g.organizationId === user.organizationId;
  if (!user.roles.includes('officer')) return true;
  return officerMaySeeApplication(user, { programCode: g.programCode, provinceCode: g.provinceCode });
}

/** The scope of a list as SQL over GRANT_FROM (TRUE for national staff); an organization: its own awards. */
export function grantScopeCondition(user: AuthUser, params: unknown[]): string {
  if (!isStaff(user))
    return `aw.organization_id = $${params.push(user.organizationId ?? '00000000-0000-0000-0000-000000000000')}`;
  if (!user.roles.includes('officer')) return 'TRUE';
  return officerApplicationsCondition(user, { program: 'app.program_code', province: 'o.province_code' }, params);
}

/** The award's facts, or 404 (`AWARD_FOLLOWUP.NOT_FOUND`) when there is none or the user may not see it. */
export async function readGrant(m: EntityManager, user: AuthUser, awardId: string): Promise<GrantFacts> {
  const rows: GrantRow[] = await m.query(`SELECT ${GRANT_SELECT} FROM ${GRANT_FROM} WHERE aw.id = $1`, [awardId]);
  if (!rows.length) throw FOLLOWUP_ERRORS['AWARD_FOLLOWUP.NOT_FOUND']();
  const g = grantFacts(rows[0]);
  if (!maySeeGrant(user, g)) throw FOLLOWUP_ERRORS['AWARD_FOLLOWUP.NOT_FOUND']();
  return g;
}

import { EntityManager } from 'typeorm';
import { AuthUser } from '@portal/platform';
import { applicationsRelation, callsRelation, officerMaySeeApplication } from '@portal/applications';
import { awardsRelation } from '@portal/awards';
import { organizationsRelation } from '@portal/identity';
import { ProgramDefinition, ReportDefinition } from '@portal/programs';
import { planEndOf } from '../schedule/plan-end';

/** What the reports and the evaluation read of an award, through the owners' relations. */
export interface AwardFacts {
  id: string;
  applicationId: string;
  callId: string;
  organizationId: string;
  organizationName: string;
  provinceCode: string | null;
  programCode: string;
  track: string | null;
  status: string;
  /** The award's day (finalize), YYYY-MM-DD Asia/Shanghai. */
  awardedOn: string;
  number: string | null;
  title: string;
  level: 'provincial' | 'national' | undefined;
  applicationPayload: Record<string, unknown>;
  reportsRequired: boolean;
}

export const AWARD_FACTS_COLS = `aw.id, aw.application_id, aw.call_id, aw.organization_id, aw.program_code, aw.track, aw.status,
         to_char((aw.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS awarded_on,
         o.name AS organization_name, o.province_code, a.number, a.title, a.level, a.payload, c.reports_required`;
export const AWARD_FACTS_FROM = `${awardsRelation('aw')}
    JOIN ${organizationsRelation('o')} ON o.id = aw.organization_id
    JOIN ${applicationsRelation('a')} ON a.id = aw.application_id
    JOIN ${callsRelation('c')} ON c.id = aw.call_id`;
export const AWARD_FACTS_SQL = `SELECT ${AWARD_FACTS_COLS} FROM ${AWARD_FACTS_FROM}`;

interface FactsRow {
  id: string;
  application_id: string;
  call_id: string;
  organization_id: string;
  program_code: string;
  track: string | null;
  status: string;
  awarded_on: string;
  organization_name: string;
  province_code: string | null;
  number: string | null;
  title: string;
  level: 'provincial' | 'national' | null;
  payload: Record<string, unknown> | null;
  reports_required: boolean;
}

export function awardFactsOf(r: FactsRow): AwardFacts {
  return {
    id: r.id,
    applicationId: r.application_id,
    callId: r.call_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    provinceCode: r.province_code,
    programCode: r.program_code,
    track: r.track,
    status: r.status,
    awardedOn: r.awarded_on,
    number: r.number,
    title: r.title,
    level: r.level ?? undefined,
    applicationPayload: r.payload ?? {},
    reportsRequired: r.reports_required === true,
  };
}

export async function readAwardFacts(m: EntityManager, awardId: string): Promise<AwardFacts | null> {
  const rows: FactsRow[] = await m.query(`${AWARD_FACTS_SQL} WHERE aw.id = $1`, [awardId]);
  return rows[0] ? awardFactsOf(rows[0]) : null;
}

/** The grantee's members, or an officer whose scope covers the awarded application (issue 12). */
export function maySeeAward(user: AuthUser, f: AwardFacts): boolean {
  if (user.roles.includes('officer'))
    return officerMaySeeApplication(user, { programCode: f.programCode, provinceCode: f.provinceCode, level: f.level });
  return !!user.organizationId && user.organizationId === f.organizationId;
}

/** The plan's length when the program states none (no `agreement` terms): 12 months. */
export const DEFAULT_PLAN_MONTHS = 12;

/** `day` (YYYY-MM-DD) plus whole months, clamped to the month's last day (as Postgres' date + interval). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (YYYY-MM-DD each); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The due day of one report of the award's schedule (null when the plan's end is unknown). */
export async function reportDueOn(
  m: EntityManager,
  def: ProgramDefinition,
  f: AwardFacts,
  r: ReportDefinition,
): Promise<string | null> {
  if ('monthsAfterAward' in r.due) return addMonths(f.awardedOn, r.due.monthsAfterAward);
  return planEndOf(m, f.id, def.agreement?.planMonths ?? DEFAULT_PLAN_MONTHS);
}

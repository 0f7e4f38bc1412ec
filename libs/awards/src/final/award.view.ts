import { SqlRow } from '@portal/platform';
import { applicationsFrom } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';
import { SCOPE_COLUMNS, scopeJoin } from '../shared/officer-scope';
/** An award as GET /api/awards shows it (API.md), with a few display fields. */
export interface AwardView {
  id: string;
  applicationId: string;
  organizationId: string;
  organization: string;
  callId: string;
  program: string;
  year: number;
  track: string | null;
  tier: string | null;
  amountFen: number;
  certificateNo: string | null;
  /** `lapsed` (资格取消) only on calls with the annual review (issue 13): the 年审 was missed or failed. */
  status: 'active' | 'revoked' | 'lapsed';
  title: string;
  number: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  /** The organization's province (GB/T 2260 two-digit code; issue 12). */
  province: string | null;
  /** Only on a lapsed certificate (issue 13): the day it lapsed (YYYY-MM-DD, Asia/Shanghai) and why. */
  lapsedOn?: string;
  lapsedReason?: string | null;
}

/** One row of the public award list (and of its CSV / XLSX). */
export interface PublicAwardRow {
  id: string;
  program: string;
  year: number;
  organization: string;
  title: string;
  tier: string | null;
  amountFen: number;
  certificateNo: string | null;
  status: 'active' | 'revoked' | 'lapsed';
  /**
   * The organization's province (GB/T 2260 two-digit code; issue 12). Only when asked for (`?province=` or
   * `?withProvince=true`), as the last column: API.md's columns stay exactly as they were otherwise.
   */
  province?: string | null;
  /** Only on a lapsed certificate (issue 13): the day it lapsed (资格取消), YYYY-MM-DD in Asia/Shanghai. */
  lapsedOn?: string;
}

export const AWARD_SQL = `SELECT aw.*, to_char(aw.lapsed_at, 'YYYY-MM-DD') AS lapsed_day, o.organization_name, app.title, app.number, ${SCOPE_COLUMNS}
  FROM award aw ${organizationPayeeJoin('o', 'aw.organization_id')} JOIN ${applicationsFrom('app')} ON app.id = aw.application_id
       ${scopeJoin('aw.application_id')}`;

export function awardView(r: SqlRow): AwardView {
  return {
    id: r.id,
    applicationId: r.application_id,
    organizationId: r.organization_id,
    organization: r.organization_name,
    callId: r.call_id,
    program: r.program_code,
    year: Number(r.year),
    track: r.track,
    tier: r.tier,
    amountFen: Number(r.amount_fen),
    certificateNo: r.certificate_no,
    status: r.status,
    title: r.title,
    number: r.number,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokedReason: r.revoked_reason,
    province: r.scope_province ?? null,
    ...(r.status === 'lapsed' ? { lapsedOn: r.lapsed_day, lapsedReason: r.lapsed_reason ?? null } : {}),
  };
}

export function publicAwardRow(r: SqlRow, withProvince = false): PublicAwardRow {
  const row: PublicAwardRow = {
    id: r.id,
    program: r.program_code,
    year: Number(r.year),
    organization: r.organization_name,
    title: r.title,
    tier: r.tier,
    amountFen: Number(r.amount_fen),
    certificateNo: r.certificate_no,
    status: r.status,
  };
  if (withProvince) row.province = r.scope_province ?? null;
  if (r.status === 'lapsed') row.lapsedOn = r.lapsed_day;
  return row;
}

import { SqlRow } from '@portal/platform';
import { applicationsFrom } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';
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
  status: 'active' | 'revoked';
  title: string;
  number: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
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
  status: 'active' | 'revoked';
}

export const AWARD_SQL = `SELECT aw.*, o.organization_name, app.title, app.number
  FROM award aw ${organizationPayeeJoin('o', 'aw.organization_id')} JOIN ${applicationsFrom('app')} ON app.id = aw.application_id`;

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
  };
}

export function publicAwardRow(r: SqlRow): PublicAwardRow {
  return {
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
}

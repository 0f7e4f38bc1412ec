import { SqlRow } from '@portal/platform';
import { applicationTitleJoin } from '@portal/applications';
import { organizationPayeeJoin } from '@portal/identity';
import { InstalmentStatus } from './instalment-status';

/** An instalment as the API shows it (API.md, "Payments"). */
export interface InstalmentView {
  id: string;
  awardId: string;
  applicationId: string;
  organizationId: string;
  callId: string;
  instalmentNo: number;
  percent: number;
  milestone: string;
  amountFen: number;
  dueOn: string | null;
  status: InstalmentStatus;
  /** `held`: why it waits (`agreement`, `report-overdue:<report kind>`, …); [] otherwise. */
  holdReasons: string[];
  batchId: string | null;
  attempts: number;
  paidAt: string | null;
  failure: string | null;
  railReference: string | null;
  /** A retry proposed by one finance user, waiting for another to approve it (maker–checker). */
  retryProposedBy: string | null;
  retryProposedAt: string | null;
  /** `recovering` / `recovered`: the money claimed back (all of it, or the program's share on a failed evaluation). */
  recoveryFen: number | null;
  updatedAt: string;
  /** Shown in lists: the application's number and title, and the organization's name. */
  applicationNumber?: string | null;
  title?: string;
  organization?: string;
  /** The organization's province (GB/T 2260 two-digit code; issue 12). */
  province?: string | null;
}

/** Columns for instalmentView (alias the instalment `i`, application `app`, organization `o`). */
export const INSTALMENT_SELECT = `i.id, i.award_id, i.application_id, i.organization_id, i.call_id, i.instalment_no, i.percent, i.milestone,
  i.amount_fen, to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.status, i.batch_id, i.attempts, i.paid_at, i.failure, i.rail_reference, i.updated_at,
  i.retry_proposed_by, i.retry_proposed_at, i.hold_reasons,
  CASE WHEN i.status IN ('recovering', 'recovered')
       THEN (SELECT r.amount_fen FROM payment_recovery r WHERE r.instalment_id = i.id) END AS recovery_fen,
  app.number AS application_number, app.title, o.organization_name, o.province_code`;

/** The instalment with its application's number and title and its organization's name and province, through their owners' readers. */
export const INSTALMENT_FROM = `instalment i ${applicationTitleJoin('app', 'i.application_id')} ${organizationPayeeJoin('o', 'i.organization_id')}`;

export function instalmentView(r: SqlRow): InstalmentView {
  return {
    id: r.id,
    awardId: r.award_id,
    applicationId: r.application_id,
    organizationId: r.organization_id,
    callId: r.call_id,
    instalmentNo: Number(r.instalment_no),
    percent: Number(r.percent),
    milestone: r.milestone,
    amountFen: Number(r.amount_fen),
    dueOn: r.due_on ?? null,
    status: r.status,
    holdReasons: r.hold_reasons ?? [],
    batchId: r.batch_id ?? null,
    attempts: Number(r.attempts),
    paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
    failure: r.failure ?? null,
    railReference: r.rail_reference ?? null,
    retryProposedBy: r.retry_proposed_by ?? null,
    retryProposedAt: r.retry_proposed_at ? new Date(r.retry_proposed_at).toISOString() : null,
    recoveryFen: r.recovery_fen == null ? null : Number(r.recovery_fen),
    updatedAt: new Date(r.updated_at).toISOString(),
    applicationNumber: r.application_number ?? null,
    title: r.title,
    organization: r.organization_name,
    province: r.province_code ?? null,
  };
}

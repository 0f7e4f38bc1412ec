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
  batchId: string | null;
  attempts: number;
  paidAt: string | null;
  failure: string | null;
  railReference: string | null;
  updatedAt: string;
  /** Shown in lists: the application's number and title, and the organization's name. */
  applicationNumber?: string | null;
  title?: string;
  organization?: string;
}

/** Columns for instalmentView (alias the instalment `i`, application `app`, organization `o`). */
export const INSTALMENT_SELECT = `i.id, i.award_id, i.application_id, i.organization_id, i.call_id, i.instalment_no, i.percent, i.milestone,
  i.amount_fen, to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.status, i.batch_id, i.attempts, i.paid_at, i.failure, i.rail_reference, i.updated_at,
  app.number AS application_number, app.title, o.organization_name`;

/** The instalment with its application's number and title and its organization's name, through their owners' readers. */
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
    batchId: r.batch_id ?? null,
    attempts: Number(r.attempts),
    paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
    failure: r.failure ?? null,
    railReference: r.rail_reference ?? null,
    updatedAt: new Date(r.updated_at).toISOString(),
    applicationNumber: r.application_number ?? null,
    title: r.title,
    organization: r.organization_name,
  };
}

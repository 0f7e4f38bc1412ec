/**
 * The life of a report after the award (issue 13), and who moves it. The one table of allowed transitions; the
 * reports service writes `award_report.status` only through `reportTransition`.
 *
 *   draft ──submit (grantee)──▶ submitted ──accept (officer)──▶ accepted
 *                                  │  ▲
 *                  return (officer)▼  │ submit again (grantee)
 *                                returned
 *
 * The grantee edits the form and files in `draft` and `returned`; nothing moves an accepted report.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportActor = 'grantee' | 'officer';

export interface ReportTransition {
  from: ReportStatus;
  to: ReportStatus;
  by: ReportActor;
  /** The audit action written with it. */
  audit: string;
}

export const REPORT_TRANSITIONS: readonly ReportTransition[] = [
  { from: 'draft', to: 'submitted', by: 'grantee', audit: 'report.submitted' },
  { from: 'returned', to: 'submitted', by: 'grantee', audit: 'report.submitted' },
  { from: 'submitted', to: 'returned', by: 'officer', audit: 'report.returned' },
  { from: 'submitted', to: 'accepted', by: 'officer', audit: 'report.accepted' },
];

/** Statuses in which the grantee may still change the form and its files. */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'returned'];

/** The transition, or undefined when the table has none. */
export function reportTransition(from: ReportStatus, to: ReportStatus, by: ReportActor): ReportTransition | undefined {
  return REPORT_TRANSITIONS.find((t) => t.from === from && t.to === to && t.by === by);
}

/**
 * Overdue (逾期): past its due day and not accepted — except a report submitted by its due day that waits for the
 * officer (the grantee did its part in time; one submitted late stays overdue until accepted). It holds the award's
 * remaining instalments and, 60 days on, raises a warning. The SQL form, over the report `r` and a date expression.
 */
export function overdueReportSql(r: string, today: string): string {
  return `(${r}.status <> 'accepted' AND ${r}.due_on < ${today}
    AND NOT (${r}.status = 'submitted' AND (${r}.submitted_at AT TIME ZONE 'Asia/Shanghai')::date <= ${r}.due_on))`;
}

/** The same rule for one report read (days YYYY-MM-DD, Asia/Shanghai; `submittedOn` the day it was submitted). */
export function isOverdueReport(
  status: ReportStatus,
  dueOn: string | null,
  submittedOn: string | null,
  today: string,
): boolean {
  if (status === 'accepted' || !dueOn || dueOn >= today) return false;
  return !(status === 'submitted' && submittedOn !== null && submittedOn <= dueOn);
}

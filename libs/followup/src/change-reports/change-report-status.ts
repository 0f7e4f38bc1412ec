import { FOLLOWUP_ERRORS } from '../errors';

/**
 * The life of a change report (the one table of allowed transitions; `ChangeReportsService.decide` is the one writer
 * of `change_report.status`):
 *
 *   submitted ──officer accepts──▶ accepted   (a rename: the organization renamed, its certificates reissued)
 *   submitted ──officer returns──▶ returned   (the enterprise files a corrected report, a new row)
 */
export const CHANGE_REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type ChangeReportStatus = (typeof CHANGE_REPORT_STATUSES)[number];

export const CHANGE_REPORT_TRANSITIONS: readonly { from: ChangeReportStatus; to: ChangeReportStatus }[] = [
  { from: 'submitted', to: 'accepted' },
  { from: 'submitted', to: 'returned' },
];

/** 409 CHANGE_REPORT.NOT_PENDING unless `from → to` is in the table. */
export function assertChangeReportTransition(from: ChangeReportStatus, to: ChangeReportStatus): void {
  if (!CHANGE_REPORT_TRANSITIONS.some((t) => t.from === from && t.to === to))
    throw FOLLOWUP_ERRORS['CHANGE_REPORT.NOT_PENDING']({ status: from });
}

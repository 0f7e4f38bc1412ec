import { CalendarYearNotPublishedError, WorkingDayCalendar } from '@portal/platform';

/** 认定管理办法: a change of name or structure is reported within 15 working days of taking effect. */
export const CHANGE_REPORT_WORKING_DAYS = 15;

/**
 * The last day (YYYY-MM-DD, inclusive) to report a change that took effect on `effectiveOn`: the 15th working day after
 * it, counted by the platform's working-day calendar (`WorkingDayCalendar.addWorkingDays`, the same count as the end of
 * a public notice: published holidays off, make-up working days on). Null when the count reaches a year whose holidays
 * the State Council has not published: the calendar never guesses, and the report is recorded without a deadline.
 */
export function changeReportDeadline(cal: WorkingDayCalendar, effectiveOn: string): string | null {
  try {
    return cal.addWorkingDays(effectiveOn, CHANGE_REPORT_WORKING_DAYS);
  } catch (err) {
    if (err instanceof CalendarYearNotPublishedError) return null;
    throw err;
  }
}

/**
 * A report filed (Shanghai day `filedOn`) after its deadline is late. It is accepted and recorded all the same — the
 * change happened and the register must show it — and marked late with the deadline: the lateness is itself a breach
 * of the rules that the officer judges. Without a deadline (unpublished calendar year) a report is not called late.
 */
export function isLateReport(deadline: string | null, filedOn: string): boolean {
  return deadline !== null && filedOn > deadline;
}

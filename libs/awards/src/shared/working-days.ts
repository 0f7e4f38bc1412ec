/**
 * The working-day calendar (libs/platform/src/calendar/working-days.ts). Re-exported from this one place because the
 * platform barrel does not export it (yet); switch to `@portal/platform` when it does.
 */
export { WorkingDayCalendar, CalendarYearNotPublishedError, shanghaiDate, shanghaiMidnight } from '../../../platform/src/calendar/working-days';
export type { CalendarData } from '../../../platform/src/calendar/working-days';

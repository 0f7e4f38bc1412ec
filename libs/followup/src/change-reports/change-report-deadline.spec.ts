import holidays from '../../../../seeds/holidays-cn.json';
import { WorkingDayCalendar } from '@portal/platform';
import { CHANGE_REPORT_WORKING_DAYS, changeReportDeadline, isLateReport } from './change-report-deadline';

/** The 15-working-day limit of a 认定 change report, on the published calendar (shared/holidays-cn.json). */
describe('change report deadline: 15 working days after the change took effect', () => {
  const cal = new WorkingDayCalendar(holidays as never);

  it('is fifteen working days', () => {
    expect(CHANGE_REPORT_WORKING_DAYS).toBe(15);
  });

  it('a normal stretch: three weeks of five working days', () => {
    // Mon 2 Mar 2026 → 3..6 (4), 9..13 (9), 16..20 (14), Mon 23 (15)
    expect(changeReportDeadline(cal, '2026-03-02')).toBe('2026-03-23');
  });

  it('across Mid-Autumn and National Day 2026, counting the make-up Saturday 10 October', () => {
    // Thu 24 Sep: 25–27 off (Mid-Autumn), Mon 28 (1), 29 (2), 30 (3), 1–7 Oct off, Thu 8 (4), Fri 9 (5),
    // Sat 10 make-up (6), 12..16 (11), 19..22 (15) → Thu 22 October
    expect(changeReportDeadline(cal, '2026-09-24')).toBe('2026-10-22');
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    // a plain count of weekdays would have said 15 October: the holidays move it a week
    expect(changeReportDeadline(cal, '2026-09-24')).not.toBe('2026-10-15');
  });

  it('a change on a holiday counts from the next working day', () => {
    // 1 Oct (holiday): Thu 8 (1), 9 (2), Sat 10 (3), 12..16 (8), 19..23 (13), 26 (14), 27 (15)
    expect(changeReportDeadline(cal, '2026-10-01')).toBe('2026-10-27');
  });

  it('across Spring Festival 2026 with its make-up Saturdays', () => {
    // Fri 13 Feb: Sat 14 (1), 15–23 off, 24..27 (5), Sat 28 (6), Mar 2..6 (11), 9..12 (15)
    expect(changeReportDeadline(cal, '2026-02-13')).toBe('2026-03-12');
  });

  it('is null when the count reaches a year not yet published (never guessed)', () => {
    expect(changeReportDeadline(cal, '2026-12-20')).toBeNull();
    expect(changeReportDeadline(cal, '2026-11-20')).toBe('2026-12-11');
  });

  it('late means filed after the deadline day (the deadline day itself is on time)', () => {
    expect(isLateReport('2026-10-22', '2026-10-16')).toBe(false);
    expect(isLateReport('2026-10-22', '2026-10-22')).toBe(false);
    expect(isLateReport('2026-10-22', '2026-10-23')).toBe(true);
    expect(isLateReport(null, '2027-05-01')).toBe(false);
  });
});

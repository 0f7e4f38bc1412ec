import holidays from '../../../../seeds/holidays-cn.json';
import { CalendarYearNotPublishedError, WorkingDayCalendar } from '@portal/platform';

/** How the public notice's end is counted (the calendar helper has its own specs; these are the cases 公示 meets). */
describe('end of a public notice in working days', () => {
  const cal = new WorkingDayCalendar(holidays as any);
  const end = (publishedAt: string, n: number) => cal.noticeEnd(new Date(publishedAt), n).toISOString();

  it('skips National Day 2026 and counts the make-up Saturday 10 October', () => {
    // Wed 30 Sep: 1–7 Oct off; Thu 8 (1), Fri 9 (2), Sat 10 make-up (3), Mon 12 (4), Tue 13 (5) → 24:00 on 13 Oct
    expect(end('2026-09-30T10:00:00+08:00', 5)).toBe('2026-10-13T16:00:00.000Z');
    // published on a holiday: counting starts the day after all the same
    expect(end('2026-10-01T00:30:00+08:00', 5)).toBe('2026-10-13T16:00:00.000Z');
  });

  it('uses the Shanghai day of publishing, not the UTC one', () => {
    // 2026-09-30T17:00Z is already 1 October in Shanghai
    expect(end('2026-09-30T17:00:00Z', 1)).toBe('2026-10-08T16:00:00.000Z');
    expect(end('2026-09-30T15:59:59Z', 1)).toBe('2026-10-08T16:00:00.000Z');
  });

  it('skips Spring Festival 2026 and counts the make-up Saturday 14 February', () => {
    // Fri 13 Feb: Sat 14 make-up (1), 15–23 off, Tue 24 (2), 25 (3), 26 (4), Fri 27 (5) → 24:00 on 27 Feb
    expect(end('2026-02-13T15:00:00+08:00', 5)).toBe('2026-02-27T16:00:00.000Z');
  });

  it('skips Spring Festival 2025 with its make-up Sunday 26 January', () => {
    // Fri 24 Jan: Sat 25 off, Sun 26 make-up (1), Mon 27 (2), 28 Jan – 4 Feb off, Wed 5 (3), Thu 6 (4), Fri 7 (5)
    expect(end('2025-01-24T09:00:00+08:00', 5)).toBe('2025-02-07T16:00:00.000Z');
  });

  it('refuses to count into a year the State Council has not published', () => {
    expect(() => end('2026-12-28T10:00:00+08:00', 5)).toThrow(CalendarYearNotPublishedError);
    expect(end('2026-12-28T10:00:00+08:00', 3)).toBe('2026-12-31T16:00:00.000Z');
  });
});

import { readFileSync } from 'fs';
import { join } from 'path';
import {
  CalendarData,
  CalendarYearNotPublishedError,
  WorkingDayCalendar,
  shanghaiDate,
  shanghaiMidnight,
} from './working-days';

const data: CalendarData = JSON.parse(readFileSync(join(__dirname, '../../../../seeds/holidays-cn.json'), 'utf8'));
const cal = new WorkingDayCalendar(data);
const at = (iso: string): Date => new Date(iso);

describe('WorkingDayCalendar on the published 2025 and 2026 data', () => {
  it('knows the published years', () => {
    expect(cal.years).toEqual([2025, 2026]);
    expect(cal.isPublished(2027)).toBe(false);
  });

  describe('National Day 2025: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 working', () => {
    it('classifies the days', () => {
      expect(cal.isWorkingDay('2025-09-27')).toBe(false); // Saturday
      expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up working day
      for (let d = 1; d <= 8; d++) expect(cal.isWorkingDay(`2025-10-0${d}`)).toBe(false);
      expect(cal.isWorkingDay('2025-10-09')).toBe(true);
      expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up working day
      expect(cal.isWorkingDay('2025-10-12')).toBe(false); // Sunday
    });
    it('counts across it', () => {
      expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Fri → the working Sunday
      expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
      expect(cal.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11'); // 9, 10, 11 (Sat)
      expect(cal.addWorkingDays('2025-09-29', 5)).toBe('2025-10-13'); // 30, 9, 10, 11, 13
    });
  });

  describe('Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 working', () => {
    it('classifies the days', () => {
      expect(cal.isWorkingDay('2026-02-14')).toBe(true);
      for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(`2026-02-${d}`)).toBe(false);
      expect(cal.isWorkingDay('2026-02-24')).toBe(true);
      expect(cal.isWorkingDay('2026-02-28')).toBe(true);
      expect(cal.isWorkingDay('2026-03-01')).toBe(false);
    });
    it('counts across it', () => {
      expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
      expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
      expect(cal.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27'); // 14, 24, 25, 26, 27
      expect(cal.addWorkingDays('2026-02-13', 6)).toBe('2026-02-28');
      expect(cal.addWorkingDays('2026-02-13', 7)).toBe('2026-03-02');
    });
  });

  it('a normal week', () => {
    expect(cal.isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-04', 0)).toBe('2026-03-04');
  });

  describe('noticeEnd: 24:00 Shanghai of the Nth working day after the Shanghai day of publishing', () => {
    it('a normal week', () => {
      expect(cal.noticeEnd(at('2026-03-02T10:00:00+08:00'), 5).toISOString()).toBe('2026-03-09T16:00:00.000Z'); // = Mar 10 00:00 +08:00
    });
    it('published on a holiday', () => {
      // Oct 3 2025: counting starts after it → 9, 10, 11, 13, 14
      expect(cal.noticeEnd(at('2025-10-03T10:00:00+08:00'), 5)).toEqual(at('2025-10-15T00:00:00+08:00'));
      // published on the first day of Spring Festival, 7 working days: 24, 25, 26, 27, 28, Mar 2, Mar 3
      expect(cal.noticeEnd(at('2026-02-15T09:00:00+08:00'), 7)).toEqual(at('2026-03-04T00:00:00+08:00'));
    });
    it('late Friday evening in Shanghai (UTC also Friday) counts from Friday', () => {
      const fri = at('2026-02-13T23:30:00+08:00'); // 15:30Z Friday
      expect(shanghaiDate(fri)).toBe('2026-02-13');
      expect(cal.noticeEnd(fri, 1)).toEqual(at('2026-02-15T00:00:00+08:00')); // the working Saturday Feb 14
      expect(cal.noticeEnd(at('2026-03-06T23:59:59+08:00'), 5)).toEqual(at('2026-03-14T00:00:00+08:00'));
    });
    it('already Saturday in Shanghai while UTC is still Friday counts from Saturday', () => {
      const sat = at('2026-02-14T00:30:00+08:00'); // 2026-02-13T16:30Z, Friday in UTC
      expect(sat.getUTCDay()).toBe(5);
      expect(shanghaiDate(sat)).toBe('2026-02-14');
      expect(cal.noticeEnd(sat, 1)).toEqual(at('2026-02-25T00:00:00+08:00')); // next working day Feb 24
      // and Thursday 16:30Z is Friday 00:30 in Shanghai
      expect(cal.noticeEnd(at('2026-03-05T16:30:00Z'), 1)).toEqual(at('2026-03-10T00:00:00+08:00'));
    });
    it('the end of the window is exclusive and falls at Shanghai midnight', () => {
      const end = cal.noticeEnd(at('2026-03-02T10:00:00+08:00'), 5);
      expect(end).toEqual(shanghaiMidnight('2026-03-10'));
      expect(shanghaiDate(new Date(end.getTime() - 1))).toBe('2026-03-09');
    });
  });

  describe('an unpublished year is never guessed', () => {
    const expectNotPublished = (fn: () => unknown, year: number): void => {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CalendarYearNotPublishedError);
      expect((err as CalendarYearNotPublishedError).year).toBe(year);
    };
    it('2027 is not published', () => {
      expectNotPublished(() => cal.isWorkingDay('2027-01-04'), 2027);
      expectNotPublished(() => cal.addWorkingDays('2027-01-04', 1), 2027);
      expectNotPublished(() => cal.addWorkingDays('2026-12-30', 2), 2027); // Dec 31, then 2027
      expectNotPublished(() => cal.noticeEnd(at('2026-12-28T10:00:00+08:00'), 5), 2027);
      expectNotPublished(() => cal.noticeEnd(at('2026-12-31T16:30:00Z'), 1), 2027); // already Jan 1 2027 in Shanghai
      expectNotPublished(() => cal.isWorkingDay('2024-12-31'), 2024);
    });
    it('counting that stays inside 2026 still works at the edge', () => {
      expect(cal.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    });
    it('a year added later is used', () => {
      const more = new WorkingDayCalendar({
        years: { ...data.years, '2027': { holidays: ['2027-01-01'], workdays: [] } },
      });
      expect(more.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04'); // Dec 31, (Jan 1 holiday, weekend) Jan 4
    });
  });

  it('rejects malformed dates and inconsistent data', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026/03/01')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => new WorkingDayCalendar({ years: { '2026': { holidays: ['2025-12-31'], workdays: [] } } })).toThrow(
      /listed under 2026/,
    );
    expect(
      () => new WorkingDayCalendar({ years: { '2026': { holidays: ['2026-03-07'], workdays: ['2026-03-07'] } } }),
    ).toThrow(/both/);
  });
});

describe("a provisional calendar (unpublished: 'provisional', issue 14)", () => {
  const prov = new WorkingDayCalendar(data, { unpublished: 'provisional' });

  it('counts an unpublished year on weekends and the fixed-date statutory holidays, and says which years it guessed', () => {
    // Mon 28 Dec 2026: 29, 30, 31, (Fri 1 Jan 元旦, weekend), Mon 4, Tue 5
    expect(prov.countNoticeEnd(at('2026-12-28T02:00:00Z'), 5)).toEqual({
      endsAt: shanghaiMidnight('2027-01-06'),
      provisionalYears: [2027],
    });
    // 1–2 May and 1–3 October 2027 are off; an ordinary weekday is not
    expect(prov.isWorkingDay('2027-05-01')).toBe(false);
    expect(prov.isWorkingDay('2027-05-03')).toBe(true);
    expect(prov.isWorkingDay('2027-10-01')).toBe(false);
    expect(prov.isWorkingDay('2027-10-04')).toBe(true);
    expect(prov.isWorkingDay('2027-03-06')).toBe(false); // Saturday
  });

  it('guesses nothing inside the published years (and forgets the last count’s guesses)', () => {
    expect(prov.countNoticeEnd(at('2026-03-02T02:00:00Z'), 5).provisionalYears).toEqual([]);
    expect(prov.countNoticeEnd(at('2026-03-02T02:00:00Z'), 5).endsAt).toEqual(
      cal.noticeEnd(at('2026-03-02T02:00:00Z'), 5),
    );
  });

  it('the default calendar still refuses an unpublished year', () => {
    expect(() => cal.noticeEnd(at('2026-12-28T02:00:00Z'), 5)).toThrow(CalendarYearNotPublishedError);
  });
});

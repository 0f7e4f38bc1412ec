/**
 * Working days in mainland China, on the State Council's published holidays and make-up working days
 * (data shaped like seeds/holidays-cn.json: `{ years: { "2026": { holidays: [...], workdays: [...] } } }`).
 *
 * - A date is a day off when it is a listed holiday, or a Saturday/Sunday not listed among the workdays
 *   (调休上班). Every other date is a working day.
 * - Only published years are known: asking about, or counting into, a year that is not in the data throws
 *   CalendarYearNotPublishedError — unless built with `unpublished: 'provisional'`, which counts such a year on its
 *   weekends and the fixed-date statutory holidays and says which years it guessed (see CalendarOptions).
 * - Dates are 'YYYY-MM-DD' calendar days; instants are read in Asia/Shanghai (UTC+8, no daylight saving
 *   since 1991).
 */

export interface CalendarYearData {
  holidays: string[];
  workdays: string[];
}

export interface CalendarData {
  years: Record<string, CalendarYearData>;
}

export class CalendarYearNotPublishedError extends Error {
  constructor(public readonly year: number) {
    super(`the working-day calendar for ${year} has not been published`);
    this.name = 'CalendarYearNotPublishedError';
  }
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' (validated). */
function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    throw new RangeError(`no such date: ${date}`);
  return t / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(n: number): number {
  return new Date(n * DAY_MS).getUTCFullYear();
}

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid instant');
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant 00:00 Asia/Shanghai that starts the given day. */
export function shanghaiMidnight(date: string): Date {
  return new Date(dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/**
 * The statutory holidays on fixed Gregorian dates (全国年节及纪念日放假办法, as amended 2024): 元旦 1 January,
 * 劳动节 1–2 May, 国庆节 1–3 October. A provisional count of an unpublished year takes them and the weekends as days off;
 * the lunar festivals (春节, 清明, 端午, 中秋) and the make-up working days are only known once the year is published.
 */
export const FIXED_STATUTORY_HOLIDAYS = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];

export interface CalendarOptions {
  /**
   * 'refuse' (default): counting into an unpublished year throws CalendarYearNotPublishedError. 'provisional': such a
   * year counts weekends and FIXED_STATUTORY_HOLIDAYS as days off; `provisionalYearsUsed` lists the years it guessed.
   */
  unpublished?: 'refuse' | 'provisional';
}

export class WorkingDayCalendar {
  private readonly holidays = new Set<number>();
  private readonly workdays = new Set<number>();
  private readonly published = new Set<number>();
  private readonly provisional: boolean;
  /** Unpublished years a provisional count went through (sorted), since the calendar was built. */
  readonly provisionalYearsUsed = new Set<number>();

  constructor(data: CalendarData, options: CalendarOptions = {}) {
    this.provisional = options.unpublished === 'provisional';
    for (const [key, year] of Object.entries(data.years ?? {})) {
      if (!/^\d{4}$/.test(key)) throw new RangeError(`not a year: ${key}`);
      const y = Number(key);
      this.published.add(y);
      for (const [list, set] of [
        [year.holidays ?? [], this.holidays],
        [year.workdays ?? [], this.workdays],
      ] as const) {
        for (const d of list) {
          const n = dayNumber(d);
          if (yearOf(n) !== y) throw new RangeError(`${d} is listed under ${y}`);
          set.add(n);
        }
      }
    }
    for (const n of this.holidays)
      if (this.workdays.has(n))
        throw new RangeError(`${fromDayNumber(n)} is listed both as a holiday and as a workday`);
  }

  /** The published years, ascending. */
  get years(): number[] {
    return [...this.published].sort((a, b) => a - b);
  }

  isPublished(year: number): boolean {
    return this.published.has(year);
  }

  private working(n: number): boolean {
    const y = yearOf(n);
    if (!this.published.has(y)) {
      if (!this.provisional) throw new CalendarYearNotPublishedError(y);
      this.provisionalYearsUsed.add(y);
      const dow = new Date(n * DAY_MS).getUTCDay();
      return dow !== 0 && dow !== 6 && !FIXED_STATUTORY_HOLIDAYS.includes(fromDayNumber(n).slice(5));
    }
    if (this.holidays.has(n)) return false;
    if (this.workdays.has(n)) return true;
    const dow = new Date(n * DAY_MS).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** Whether 'YYYY-MM-DD' is a working day; throws CalendarYearNotPublishedError for an unpublished year. */
  isWorkingDay(date: string): boolean {
    return this.working(dayNumber(date));
  }

  /**
   * The Nth working day after `date` (`date` itself not counted; n = 0 returns `date`).
   * Throws CalendarYearNotPublishedError as soon as the count needs a day of an unpublished year
   * (including `date`'s own year).
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
    let d = dayNumber(date);
    const y = yearOf(d);
    if (!this.published.has(y)) {
      if (!this.provisional) throw new CalendarYearNotPublishedError(y);
      this.provisionalYearsUsed.add(y);
    }
    let left = n;
    while (left > 0) {
      d++;
      if (this.working(d)) left--;
    }
    return fromDayNumber(d);
  }

  /**
   * End of a public notice of n working days published at `publishedAt`: 24:00 Asia/Shanghai (= 00:00 +08:00
   * of the next calendar day) of the Nth working day after the Shanghai day of publishing. The window is
   * publishedAt ≤ t < noticeEnd.
   */
  noticeEnd(publishedAt: Date, n: number): Date {
    const last = this.addWorkingDays(shanghaiDate(publishedAt), n);
    return new Date((dayNumber(last) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
  }

  /**
   * noticeEnd, and the unpublished years this one count guessed (a provisional calendar; empty when every day it
   * needed is published).
   */
  countNoticeEnd(publishedAt: Date, n: number): { endsAt: Date; provisionalYears: number[] } {
    this.provisionalYearsUsed.clear();
    const endsAt = this.noticeEnd(publishedAt, n);
    return { endsAt, provisionalYears: [...this.provisionalYearsUsed].sort((a, b) => a - b) };
  }
}

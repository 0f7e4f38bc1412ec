/**
 * Calendar dates (`YYYY-MM-DD`) as the portal reads them: in Asia/Shanghai, which has had no daylight
 * saving since 1991, so a fixed +08:00 offset is exact for every date the portal handles.
 */

export const DATE_ONLY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const DATE_ONLY_RE = new RegExp(DATE_ONLY_PATTERN);
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY_RE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The date of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` string as is, a Date as its Asia/Shanghai date; anything else null. */
export function toDateOnly(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : shanghaiDate(value);
  if (typeof value === 'string') {
    const head = value.slice(0, 10);
    if (isDateOnly(head) && (value.length === 10 || value[10] === 'T' || value[10] === ' ')) return head;
  }
  return null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * The same calendar day `years` years earlier. When that day does not exist (29 February in a common
 * year), the last day of that month is used: 2028-02-29 minus 3 years is 2025-02-28.
 */
export function minusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y - years;
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, daysInMonth(year, m)))}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Recurring calls (issue 15: 推优's quarterly recommendations, a yearly call each January, 动漫奖 every 3 years): the
 * periods of a series and the window of the call each period gets. Pure; times are Beijing wall time (UTC+8, no
 * daylight saving), as every deadline of the portal.
 */
export const RECURRENCES = ['quarterly', 'yearly', 'triennial'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export interface SeriesTiming {
  recurrence: Recurrence;
  /** The first period: its year, and for `quarterly` its quarter (1–4). */
  firstYear: number;
  firstQuarter: number;
  /** The call opens this many days after its period starts, at 09:00 Beijing time. */
  opensOffsetDays: number;
  /** …and closes this many days after it opens, at 17:00 Beijing time. */
  windowDays: number;
}

export interface SeriesPeriod {
  /** `2027-Q1` for a quarter, `2027` for a year: unique within the series. */
  key: string;
  year: number;
  /** 1–4 for a quarter, null otherwise. */
  quarter: number | null;
  opensAt: Date;
  closesAt: Date;
}

const BEIJING_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** 00:00 Beijing time on the given Beijing date, plus `days` days and `hour` hours. */
function beijing(year: number, monthIndex: number, day: number, days: number, hour: number): Date {
  return new Date(Date.UTC(year, monthIndex, day) - BEIJING_MS + days * DAY_MS + hour * 3_600_000);
}

/** The n-th period of the series (n = 0 is the first). */
export function seriesPeriod(t: SeriesTiming, n: number): SeriesPeriod {
  let year: number;
  let quarter: number | null = null;
  let monthIndex = 0;
  if (t.recurrence === 'quarterly') {
    const q0 = t.firstQuarter - 1 + n;
    year = t.firstYear + Math.floor(q0 / 4);
    quarter = (q0 % 4) + 1;
    monthIndex = (quarter - 1) * 3;
  } else {
    year = t.firstYear + n * (t.recurrence === 'triennial' ? 3 : 1);
  }
  const opensAt = beijing(year, monthIndex, 1, t.opensOffsetDays, 9);
  const closesAt = beijing(year, monthIndex, 1, t.opensOffsetDays + t.windowDays, 17);
  return { key: quarter ? `${year}-Q${quarter}` : String(year), year, quarter, opensAt, closesAt };
}

/**
 * The periods whose call is due by `now`: those that open within `leadDays` from now and have not closed yet,
 * in order, from the first period on. A period that closed before the series reached it is skipped (a call nobody
 * could apply to is no use); at most `limit` are looked at, so a series starting far in the past stays cheap.
 */
export function duePeriods(t: SeriesTiming, now: Date, leadDays: number, limit = 200): SeriesPeriod[] {
  const due: SeriesPeriod[] = [];
  for (let n = 0; n < limit; n++) {
    const p = seriesPeriod(t, n);
    if (p.opensAt.getTime() - leadDays * DAY_MS > now.getTime()) break;
    if (p.closesAt.getTime() > now.getTime()) due.push(p);
  }
  return due;
}

/** The call's title: `{year}` and `{quarter}` in the template replaced (`{quarter}` by 一 … 四 in Chinese text). */
export function seriesTitle(template: string, p: SeriesPeriod): string {
  const quarterText = p.quarter ? '一二三四'[p.quarter - 1] : '';
  return template
    .replace(/\{year\}/g, String(p.year))
    .replace(/\{quarter\}/g, quarterText)
    .replace(/\{q\}/g, p.quarter ? String(p.quarter) : '')
    .trim();
}

import { duePeriods, seriesPeriod, seriesTitle, SeriesTiming } from './series-periods';

const QUARTERLY: SeriesTiming = {
  recurrence: 'quarterly',
  firstYear: 2027,
  firstQuarter: 1,
  opensOffsetDays: 0,
  windowDays: 30,
};

describe('recurring calls: periods and windows', () => {
  it('quarters run on across the year end, each opening 09:00 and closing 17:00 Beijing time', () => {
    const keys = [0, 1, 2, 3, 4].map((n) => seriesPeriod({ ...QUARTERLY, firstQuarter: 3 }, n).key);
    expect(keys).toEqual(['2027-Q3', '2027-Q4', '2028-Q1', '2028-Q2', '2028-Q3']);
    const q2 = seriesPeriod(QUARTERLY, 1);
    expect(q2.opensAt.toISOString()).toBe('2027-04-01T01:00:00.000Z'); // 09:00 in Beijing
    expect(q2.closesAt.toISOString()).toBe('2027-05-01T09:00:00.000Z'); // 30 days later, 17:00 in Beijing
  });

  it('yearly and every three years', () => {
    const yearly: SeriesTiming = {
      recurrence: 'yearly',
      firstYear: 2027,
      firstQuarter: 1,
      opensOffsetDays: 14,
      windowDays: 45,
    };
    expect(seriesPeriod(yearly, 1)).toMatchObject({ key: '2028', year: 2028, quarter: null });
    expect(seriesPeriod(yearly, 0).opensAt.toISOString()).toBe('2027-01-15T01:00:00.000Z');
    const triennial: SeriesTiming = { ...yearly, recurrence: 'triennial' };
    expect([0, 1, 2].map((n) => seriesPeriod(triennial, n).key)).toEqual(['2027', '2030', '2033']);
  });

  it('a period is due from `leadDays` before it opens until it closes; closed ones are skipped', () => {
    // 10 March 2027: Q1 (1 January + 30 days) has closed; Q2 opens on 1 April
    const now = new Date('2027-03-10T00:00:00+08:00');
    expect(duePeriods(QUARTERLY, now, 0).map((p) => p.key)).toEqual([]);
    expect(duePeriods(QUARTERLY, now, 30).map((p) => p.key)).toEqual(['2027-Q2']);
    const inQ1 = new Date('2027-01-20T00:00:00+08:00');
    expect(duePeriods(QUARTERLY, inQ1, 0).map((p) => p.key)).toEqual(['2027-Q1']);
    // before the first period and outside the lead: nothing
    expect(duePeriods(QUARTERLY, new Date('2026-11-01T00:00:00+08:00'), 30)).toEqual([]);
  });

  it('titles from the template', () => {
    expect(seriesTitle('{year}年第{quarter}季度优秀国产动画片推荐', seriesPeriod(QUARTERLY, 2))).toBe(
      '2027年第三季度优秀国产动画片推荐',
    );
    expect(seriesTitle('Q{q} {year}', seriesPeriod(QUARTERLY, 3))).toBe('Q4 2027');
  });
});

import { InstalmentPlanError, PROGRAM_INSTALMENT_SHARES, planInstalments } from './instalment-plan';

const SHARES = PROGRAM_INSTALMENT_SHARES.jingpin;
const amounts = (fen: number): number[] => planInstalments(fen, SHARES).map((i) => i.amountFen);

describe('planInstalments', () => {
  it('50 / 30 / 20 on awkward amounts: floor for all but the last, the last takes the remainder', () => {
    expect(amounts(1)).toEqual([0, 0, 1]);
    expect(amounts(2)).toEqual([1, 0, 1]);
    expect(amounts(3)).toEqual([1, 0, 2]);
    expect(amounts(99)).toEqual([49, 29, 21]);
    expect(amounts(100)).toEqual([50, 30, 20]);
    expect(amounts(100001)).toEqual([50000, 30000, 20001]);
    expect(amounts(333333333)).toEqual([166666666, 99999999, 66666668]);
  });

  it('keeps the share fields and orders by instalmentNo', () => {
    const plan = planInstalments(1000, [...SHARES].reverse());
    expect(plan).toEqual([
      { instalmentNo: 1, percent: 50, milestone: 'finalize', amountFen: 500 },
      { instalmentNo: 2, percent: 30, milestone: 'mid-term', amountFen: 300 },
      { instalmentNo: 3, percent: 20, milestone: 'closing', amountFen: 200 },
    ]);
  });

  it('a single 100% share and a zero amount', () => {
    expect(planInstalments(123457, PROGRAM_INSTALMENT_SHARES.tuiguang)).toEqual([
      { instalmentNo: 1, percent: 100, milestone: 'proof-of-spending', amountFen: 123457 },
    ]);
    expect(amounts(0)).toEqual([0, 0, 0]);
  });

  it('is exact on the largest safe amount (no float overflow in amount × percent)', () => {
    const max = Number.MAX_SAFE_INTEGER; // 9007199254740991
    expect(amounts(max)).toEqual([4503599627370495, 2702159776422297, 1801439850948199]);
    expect(amounts(max).reduce((a, b) => a + b, 0)).toBe(max);
  });

  it('property: over random amounts and share sets the sum is exact and every instalment ≥ 0', () => {
    let s = 12345;
    const rnd = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 2000; i++) {
      const fen = i % 3 === 0 ? Math.floor(rnd() * 1000) : Math.floor(rnd() * 1e13);
      const k = 1 + Math.floor(rnd() * 5);
      const cuts = Array.from({ length: k - 1 }, () => Math.floor(rnd() * 101)).sort((a, b) => a - b);
      const percents = [...cuts, 100].map((c, j) => c - (j === 0 ? 0 : cuts[j - 1]));
      const plan = planInstalments(
        fen,
        percents.map((percent, j) => ({ instalmentNo: j + 1, percent, milestone: `m${j}` })),
      );
      expect(plan.reduce((a, p) => a + p.amountFen, 0)).toBe(fen);
      for (const [j, p] of plan.entries()) {
        expect(p.amountFen).toBeGreaterThanOrEqual(0);
        if (j < plan.length - 1) expect(p.amountFen).toBe(Math.floor((fen * p.percent) / 100)); // fen < 1e13: float is exact enough here
      }
    }
  });

  it('rejects bad input', () => {
    expect(() => planInstalments(-1, SHARES)).toThrow(InstalmentPlanError);
    expect(() => planInstalments(1.5, SHARES)).toThrow(InstalmentPlanError);
    expect(() => planInstalments(100, [])).toThrow(/at least one/);
    expect(() =>
      planInstalments(100, [
        { instalmentNo: 1, percent: 60, milestone: 'a' },
        { instalmentNo: 2, percent: 30, milestone: 'b' },
      ]),
    ).toThrow(/90%/);
    expect(() =>
      planInstalments(100, [
        { instalmentNo: 1, percent: 50, milestone: 'a' },
        { instalmentNo: 1, percent: 50, milestone: 'b' },
      ]),
    ).toThrow(/twice/);
    expect(() =>
      planInstalments(100, [
        { instalmentNo: 1, percent: 33.5, milestone: 'a' },
        { instalmentNo: 2, percent: 66.5, milestone: 'b' },
      ]),
    ).toThrow(/whole/);
  });
});

import { JINGPIN_PROGRAM, RENDING_PROGRAM, TUIGUANG_PROGRAM, YUANDONGLI_PROGRAM } from '@portal/programs';
import { planInstalments } from './instalment-plan';

/** Finalize plans each award's instalments from its program's award shape (whole fen, the last takes the remainder). */
describe('instalment plans from the programs’ award shapes', () => {
  it.each([JINGPIN_PROGRAM, YUANDONGLI_PROGRAM])('%s pays 50 / 30 / 20, the first due on finalize', (def) => {
    const plan = planInstalments(100_000_01, def.award.instalments);
    expect(plan.map((p) => p.amountFen)).toEqual([50_000_00, 30_000_00, 20_000_01]);
    expect(plan.reduce((s, p) => s + p.amountFen, 0)).toBe(100_000_01);
    expect(plan.map((p) => p.milestone)).toEqual(['finalize', 'midterm', 'closing']);
  });

  it('tuiguang pays once, against the proof of spending', () => {
    const plan = planInstalments(33_333, TUIGUANG_PROGRAM.award.instalments);
    expect(plan).toEqual([
      expect.objectContaining({ instalmentNo: 1, percent: 100, amountFen: 33_333, milestone: 'spending-proof' }),
    ]);
  });

  it('rending carries no money and no plan', () => {
    expect(RENDING_PROGRAM.award.kind).toBe('certification');
    expect(RENDING_PROGRAM.award.instalments).toEqual([]);
  });

  it('sums exactly for awkward amounts', () => {
    for (const amount of [1, 2, 3, 7, 99, 101, 999_999_999, 123_456_789_01]) {
      const plan = planInstalments(amount, JINGPIN_PROGRAM.award.instalments);
      expect(plan.reduce((s, p) => s + p.amountFen, 0)).toBe(amount);
      expect(plan.every((p) => p.amountFen >= 0)).toBe(true);
    }
  });
});

/**
 * Instalment plans (API.md, "Payments"): shares are computed in whole fen, rounding down, and the last
 * instalment (highest instalmentNo) takes the remainder, so the instalments always sum exactly to the award.
 * Integer arithmetic in BigInt, so any safe-integer amount is exact (amount × percent never overflows).
 *
 * Program shapes: `jingpin` and `yuandongli` 50 / 30 / 20, `tuiguang` 100 against proof of spending,
 * `rending` carries no money (no plan).
 */

export interface InstalmentShare<M extends string = string> {
  instalmentNo: number;
  /** Whole percent, 0–100; the shares of a plan sum to 100. */
  percent: number;
  milestone: M;
}

export interface PlannedInstalment<M extends string = string> extends InstalmentShare<M> {
  amountFen: number;
}

export class InstalmentPlanError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'InstalmentPlanError';
  }
}

/** Splits `amountFen` over the shares, ordered by instalmentNo: floor(amount × percent / 100) each, the last takes the rest. */
export function planInstalments<M extends string>(
  amountFen: number,
  shares: InstalmentShare<M>[],
): PlannedInstalment<M>[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw new InstalmentPlanError(`amountFen must be a non-negative safe integer, got ${amountFen}`);
  if (shares.length === 0) throw new InstalmentPlanError('a plan needs at least one share');
  const sorted = [...shares].sort((a, b) => a.instalmentNo - b.instalmentNo);
  let total = 0;
  sorted.forEach((s, i) => {
    if (!Number.isSafeInteger(s.instalmentNo) || s.instalmentNo < 1)
      throw new InstalmentPlanError(`instalmentNo must be a positive integer, got ${s.instalmentNo}`);
    if (i > 0 && sorted[i - 1].instalmentNo === s.instalmentNo)
      throw new InstalmentPlanError(`instalmentNo ${s.instalmentNo} appears twice`);
    if (!Number.isInteger(s.percent) || s.percent < 0 || s.percent > 100)
      throw new InstalmentPlanError(`percent must be a whole number 0–100, got ${s.percent}`);
    total += s.percent;
  });
  if (total !== 100) throw new InstalmentPlanError(`the shares sum to ${total}%, not 100%`);

  const amount = BigInt(amountFen);
  let allocated = BigInt(0);
  return sorted.map((s, i) => {
    const fen = i === sorted.length - 1 ? amount - allocated : (amount * BigInt(s.percent)) / BigInt(100); // BigInt division truncates = floor for ≥ 0
    allocated += fen;
    return { instalmentNo: s.instalmentNo, percent: s.percent, milestone: s.milestone, amountFen: Number(fen) };
  });
}

export type PaidProgram = 'jingpin' | 'yuandongli' | 'tuiguang';
export type Milestone = 'finalize' | 'mid-term' | 'closing' | 'proof-of-spending';

/** The plan shape of each program that pays money (API.md); `rending` has none. */
export const PROGRAM_INSTALMENT_SHARES: Record<PaidProgram, InstalmentShare<Milestone>[]> = {
  jingpin: [
    { instalmentNo: 1, percent: 50, milestone: 'finalize' },
    { instalmentNo: 2, percent: 30, milestone: 'mid-term' },
    { instalmentNo: 3, percent: 20, milestone: 'closing' },
  ],
  yuandongli: [
    { instalmentNo: 1, percent: 50, milestone: 'finalize' },
    { instalmentNo: 2, percent: 30, milestone: 'mid-term' },
    { instalmentNo: 3, percent: 20, milestone: 'closing' },
  ],
  tuiguang: [{ instalmentNo: 1, percent: 100, milestone: 'proof-of-spending' }],
};

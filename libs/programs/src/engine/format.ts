/** Number formatting for rule details: exact (BigInt), no floating point anywhere. */

function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 12345678n → "¥123,456.78" */
export function formatFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = abs % 100n;
  return `${negative ? '-' : ''}¥${groupDigits(yuan.toString())}.${cents.toString().padStart(2, '0')}`;
}

/** 1234567n → "1,234,567" */
export function formatCount(n: bigint): string {
  return (n < 0n ? '-' : '') + groupDigits((n < 0n ? -n : n).toString());
}

/**
 * numerator / denominator as a percentage with two decimals, rounded down, so that a share just under
 * a threshold never prints as the threshold (59.9999% → "59.99"). The denominator must be > 0.
 */
export function formatShare(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const basisPoints = ((negative ? -numerator : numerator) * 10000n) / denominator;
  const whole = basisPoints / 100n;
  const frac = basisPoints % 100n;
  return `${negative ? '-' : ''}${whole.toString()}.${frac.toString().padStart(2, '0')}`;
}

/** numerator ≥ percent % of denominator, on exact integers: numerator × 100 ≥ denominator × percent. */
export function meetsShare(numerator: bigint, denominator: bigint, percent: number | bigint): boolean {
  return numerator * 100n >= denominator * BigInt(percent);
}

/** ¥1,000,000 in fen. */
export const yuan = (n: number | bigint): bigint => BigInt(n) * 100n;

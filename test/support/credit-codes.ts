/** A valid 统一社会信用代码 for the n-th test company (region 110105 = Beijing Chaoyang, or another). */
export function testCreditCode(n: number, region = '110105'): string {
  const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91${region}${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, ch, i) => s + CHARS.indexOf(ch) * W[i], 0);
  return body + CHARS[(31 - (sum % 31)) % 31];
}

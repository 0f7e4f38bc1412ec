/**
 * 居民身份证号码 (citizen identity number, GB 11643-1999).
 *
 * 18 characters: positions 1–6 the region of first registration (GB/T 2260), 7–14 the date of birth (YYYYMMDD),
 * 15–17 a sequence number (odd for men, even for women), 18 the check character:
 * Σ digit(i) × weight(i) mod 11 over the first 17 digits, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mapped
 * 0 → 1, 1 → 0, 2 → X, 3 → 9, 4 → 8 … 10 → 2. `11010519491231002X` is valid. The old 15-digit form (before 1999,
 * a two-digit year and no check character) is refused: every number in use today has been converted to 18.
 *
 * Whatever it is checked for, the number is personal information (个人信息保护法): callers store it encrypted and show
 * it masked (`maskIdNumber`).
 */

export interface IdNumberText {
  zh: string;
  en: string;
}

export const ID_NUMBER_LENGTH = 18;
export const ID_NUMBER_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The check character for each value of the weighted sum mod 11. */
export const ID_NUMBER_CHECK = '10X98765432';

export type IdNumberFault = 'old-form' | 'length' | 'charset' | 'region' | 'birth-date' | 'check';

export interface ValidIdNumber {
  ok: true;
  /** The normalised number (trimmed, a final x upper-cased). */
  number: string;
  /** Positions 1–2: the province of first registration. */
  provinceCode: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** From the sequence number's parity. */
  sex: 'male' | 'female';
}

export interface InvalidIdNumber {
  ok: false;
  fault: IdNumberFault;
  message: IdNumberText;
  /** 1-based position of the offending character, where one is to blame. */
  position?: number;
}

export type IdNumberResult = ValidIdNumber | InvalidIdNumber;

/**
 * The first digits GB/T 2260 gives a province (1 华北 … 6 西北), and 7 / 8 for 台湾 and the residence permits of
 * residents of 香港, 澳门 and 台湾 (81, 82, 83), whose numbers follow the same standard.
 */
const REGION_FIRST_DIGITS = '12345678';

/** The check character the first 17 digits call for. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = first17.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`position ${i + 1} of an identity number must be a digit`);
    sum += d * ID_NUMBER_WEIGHTS[i];
  }
  return ID_NUMBER_CHECK[sum % 11];
}

function fail(fault: IdNumberFault, zh: string, en: string, position?: number): InvalidIdNumber {
  return { ok: false, fault, message: { zh, en }, ...(position ? { position } : {}) };
}

/**
 * Trims `raw` and accepts a lower-case final x; then checks, in this order: the old 15-digit form, the length, the
 * characters (17 digits, then a digit or X), the region's first digit, the date of birth (a real day, not in the
 * future of `today`, not before 1900) and the check character. The messages never repeat the number itself.
 */
export function validateIdNumber(raw: string, today: Date = new Date()): IdNumberResult {
  const trimmed = String(raw ?? '').trim();
  const chars = Array.from(trimmed);
  if (chars.length === 15 && /^\d{15}$/.test(trimmed))
    return fail(
      'old-form',
      '这是 15 位的旧版身份证号码，请填写现行的 18 位号码（见居民身份证正面）',
      'This is an old 15-digit identity number; enter the 18-character number now in use (on the front of the card)',
    );
  if (chars.length !== ID_NUMBER_LENGTH)
    return fail(
      'length',
      `居民身份证号码应为 ${ID_NUMBER_LENGTH} 位，当前为 ${chars.length} 位`,
      `A citizen identity number has ${ID_NUMBER_LENGTH} characters; this one has ${chars.length}`,
    );
  const number = trimmed.slice(0, 17) + trimmed[17].toUpperCase();
  for (let i = 0; i < 17; i++)
    if (!/[0-9]/.test(number[i]))
      return fail(
        'charset',
        `第 ${i + 1} 位应为数字：身份证号码前 17 位都是数字`,
        `Position ${i + 1} must be a digit: the first 17 characters of an identity number are digits`,
        i + 1,
      );
  if (!/[0-9X]/.test(number[17]))
    return fail(
      'charset',
      '第 18 位（校验位）应为数字或字母 X',
      'Position 18 (the check character) must be a digit or the letter X',
      18,
    );
  if (!REGION_FIRST_DIGITS.includes(number[0]) || number.slice(0, 2).endsWith('0'))
    return fail(
      'region',
      '前 6 位地区码无效：第 1–2 位应为省级行政区代码（如 11 北京、32 江苏）',
      'The region code (positions 1–6) is not valid: positions 1–2 name a province (11 Beijing, 32 Jiangsu …)',
      1,
    );
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  const realDay = born.getUTCFullYear() === y && born.getUTCMonth() === m - 1 && born.getUTCDate() === d;
  if (!realDay || y < 1900 || born.getTime() > today.getTime())
    return fail(
      'birth-date',
      '第 7–14 位出生日期无效（应为 YYYYMMDD 格式的真实日期，且不晚于今天）',
      'The date of birth (positions 7–14) is not valid: a real date as YYYYMMDD, not after today',
      7,
    );
  const expected = idNumberCheckCharacter(number.slice(0, 17));
  if (expected !== number[17])
    return fail(
      'check',
      '校验位不符：请逐位核对身份证号码是否抄错',
      'The check character does not match: please compare the number with the card, character by character',
      18,
    );
  return {
    ok: true,
    number,
    provinceCode: number.slice(0, 2),
    birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
    sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** The number as others see it: the first 6 and the last 4 characters, the 8 between as asterisks. */
export function maskIdNumber(number: string): string {
  if (number.length !== ID_NUMBER_LENGTH) return '*'.repeat(number.length);
  return `${number.slice(0, 6)}********${number.slice(14)}`;
}

/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015).
 *
 * 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (values 0–30; I, O, S, V and Z are never used).
 * Position 1 registering authority, 2 category, 3–8 region code (GB/T 2260; 3–4 = province),
 * 9–17 organisation code, 18 check character:
 * check value = (31 − Σ value(i) × weight(i) mod 31) mod 31, weights 3^(i−1) mod 31.
 */

export interface CreditCodeText {
  zh: string;
  en: string;
}

export const CREDIT_CODE_LENGTH = 18;
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Latin letters the standard leaves out because they look like digits. */
export const CREDIT_CODE_FORBIDDEN_LETTERS = 'IOSVZ';

export type CreditCodeFault = 'length' | 'charset' | 'check';

export interface ValidCreditCode {
  ok: true;
  /** The normalised code (trimmed, upper-cased). */
  code: string;
  /** Positions 3–4: the province of GB/T 2260 (e.g. `35` Fujian, `11` Beijing). */
  provinceCode: string;
  /** Positions 3–8: the GB/T 2260 region code. */
  regionCode: string;
}

export interface InvalidCreditCode {
  ok: false;
  fault: CreditCodeFault;
  message: CreditCodeText;
  /** 1-based position of the offending character (charset: the first bad one; check: 18). */
  position?: number;
  /** The normalised input (trimmed, upper-cased). */
  code: string;
}

export type CreditCodeResult = ValidCreditCode | InvalidCreditCode;

/** The check character the first 17 characters call for (they must be in the charset). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0)
      throw new RangeError(`character ${first17[i]} at position ${i + 1} is not in the credit-code charset`);
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

function describeChar(ch: string): string {
  if (ch === ' ') return '空格';
  if (/\s/.test(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return ch;
}

function describeCharEn(ch: string): string {
  if (ch === ' ') return 'a space';
  if (/\s/.test(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/** Trims and upper-cases `raw`, then checks length, charset and check character, in that order. */
export function validateCreditCode(raw: string): CreditCodeResult {
  const code = String(raw ?? '')
    .trim()
    .toUpperCase();
  const chars = Array.from(code); // code points, so a stray emoji counts as one character

  if (chars.length !== CREDIT_CODE_LENGTH) {
    return {
      ok: false,
      fault: 'length',
      code,
      message: {
        zh: `统一社会信用代码应为 ${CREDIT_CODE_LENGTH} 位，当前为 ${chars.length} 位`,
        en: `A unified social credit code has ${CREDIT_CODE_LENGTH} characters; this one has ${chars.length}`,
      },
    };
  }

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (CREDIT_CODE_CHARSET.includes(ch)) continue;
    const position = i + 1;
    const forbiddenLetter = ch.length === 1 && CREDIT_CODE_FORBIDDEN_LETTERS.includes(ch);
    return {
      ok: false,
      fault: 'charset',
      code,
      position,
      message: forbiddenLetter
        ? {
            zh: `第 ${position} 位的字母“${ch}”不允许使用：统一社会信用代码不使用 I、O、S、V、Z（易与数字混淆，请检查是否应为数字）`,
            en: `The letter '${ch}' at position ${position} is not allowed: credit codes never use I, O, S, V or Z (check whether a digit was meant)`,
          }
        : {
            zh: `第 ${position} 位的字符“${describeChar(ch)}”不允许使用：只能使用数字 0–9 和大写字母（不含 I、O、S、V、Z）`,
            en: `The character ${describeCharEn(ch)} at position ${position} is not allowed: only digits 0–9 and capital letters other than I, O, S, V and Z`,
          },
    };
  }

  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  const actual = code[17];
  if (expected !== actual) {
    return {
      ok: false,
      fault: 'check',
      code,
      position: 18,
      message: {
        zh: `校验位不符：按前 17 位计算，第 18 位应为“${expected}”，实际为“${actual}”，请核对代码是否抄错`,
        en:
          `The check character does not match: from the first 17 characters, position 18 should be '${expected}', ` +
          `not '${actual}'; please check the code for typos`,
      },
    };
  }

  return { ok: true, code, provinceCode: code.slice(2, 4), regionCode: code.slice(2, 8) };
}

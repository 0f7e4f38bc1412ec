/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol set, the last one a check character.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORBIDDEN = new Set(['I', 'O', 'S', 'V', 'Z']);

export type CreditCodeFault =
  | { kind: 'empty' }
  | { kind: 'length'; length: number }
  | { kind: 'forbidden'; chars: { char: string; position: number }[] }
  | { kind: 'charset'; chars: { char: string; position: number }[] }
  | { kind: 'check'; expected: string; actual: string };

export function normalizeCreditCode(v: string | undefined | null): string {
  return (v ?? '').trim().toUpperCase();
}

/** The check character for the first 17 characters (which must all be in the set). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** null when valid, else the first fault found: characters, then length, then the check character. */
export function checkCreditCode(raw: string | undefined | null): CreditCodeFault | null {
  const code = normalizeCreditCode(raw);
  if (!code) return { kind: 'empty' };
  const forbidden: { char: string; position: number }[] = [];
  const other: { char: string; position: number }[] = [];
  [...code].forEach((c, i) => {
    if (CREDIT_CODE_CHARSET.includes(c)) return;
    (FORBIDDEN.has(c) ? forbidden : other).push({ char: c, position: i + 1 });
  });
  if (forbidden.length) return { kind: 'forbidden', chars: forbidden };
  if (other.length) return { kind: 'charset', chars: other };
  if (code.length !== 18) return { kind: 'length', length: code.length };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { kind: 'check', expected, actual: code[17] };
  return null;
}

export function creditCodeFaultText(f: CreditCodeFault, t: (zh: string, en: string) => string): string {
  switch (f.kind) {
    case 'empty':
      return t('请输入统一社会信用代码', 'Enter the unified social credit code');
    case 'length':
      return t(`长度错误：应为 18 位，当前 ${f.length} 位`, `Wrong length: 18 characters needed, ${f.length} given`);
    case 'forbidden': {
      const list = f.chars.map((c) => `${c.char}(${t('第', 'pos. ')}${c.position}${t('位', '')})`).join(', ');
      return t(
        `含有不允许的字母 ${list}：代码中不使用 I、O、S、V、Z`,
        `Forbidden letter ${list}: codes never use I, O, S, V, Z`,
      );
    }
    case 'charset': {
      const list = f.chars.map((c) => `“${c.char}”(${t('第', 'pos. ')}${c.position}${t('位', '')})`).join(', ');
      return t(
        `含有非法字符 ${list}：只允许数字和大写字母`,
        `Invalid character ${list}: only digits and capital letters`,
      );
    }
    case 'check':
      return t(
        `校验码错误：第 18 位应为 ${f.expected}，实为 ${f.actual}`,
        `Wrong check character: position 18 should be ${f.expected}, not ${f.actual}`,
      );
  }
}

/** Password: at least 10 characters from at least two classes (lower, upper, digit, other). */
export function passwordProblem(pw: string, t: (zh: string, en: string) => string): string | null {
  if (!pw) return t('请输入密码', 'Enter a password');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
  if (pw.length < 10) return t('密码至少 10 个字符', 'At least 10 characters');
  if (classes < 2)
    return t(
      '密码须包含至少两类字符(小写、大写、数字、符号)',
      'Use at least two kinds of characters (lower, upper, digits, symbols)',
    );
  return null;
}

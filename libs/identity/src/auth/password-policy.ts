import { ErrorDetail } from '@portal/platform';

/** At least 10 characters from at least two classes (lower, upper, digit, other). */
export function passwordProblem(password: string, path: string): ErrorDetail | null {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 10 || classes < 2) {
    return {
      path,
      message: {
        zh: '密码至少 10 位，并包含大写字母、小写字母、数字、符号中的至少两类',
        en: 'The password needs at least 10 characters from at least two classes (upper case, lower case, digits, symbols)',
      },
    };
  }
  return null;
}

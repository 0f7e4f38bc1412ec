import { EntityManager } from 'typeorm';
import { DomainError, ErrorDetail } from '@portal/platform';

export const unprocessable = (details: ErrorDetail[]) =>
  new DomainError(
    'unprocessable',
    'VALIDATION.FAILED',
    { zh: '提交的内容不符合要求', en: 'Some fields are not acceptable' },
    details,
  );

export const isUniqueViolation = (err: any) => err?.code === '23505' || err?.driverError?.code === '23505';

export function alreadyRegistered() {
  return new DomainError('conflict', 'IDENTITY.ALREADY_REGISTERED', {
    zh: '该信用代码或邮箱已注册',
    en: 'This credit code or e-mail is already registered',
  });
}

/** 409 when the credit code (if given) or the e-mail is already registered. */
export async function assertFree(m: EntityManager, creditCode: string | null, email: string) {
  if (creditCode) {
    const org = await m.query(`SELECT 1 FROM organization WHERE credit_code = $1`, [creditCode]);
    if (org.length)
      throw new DomainError(
        'conflict',
        'IDENTITY.CREDIT_CODE_TAKEN',
        { zh: '该统一社会信用代码已注册', en: 'This credit code is already registered' },
        [{ path: 'organization.creditCode', message: { zh: '该统一社会信用代码已注册', en: 'already registered' } }],
      );
  }
  const u = await m.query(`SELECT 1 FROM app_user WHERE lower(email) = $1`, [email]);
  if (u.length)
    throw new DomainError(
      'conflict',
      'IDENTITY.EMAIL_TAKEN',
      { zh: '该邮箱已注册', en: 'This e-mail is already registered' },
      [{ path: 'user.email', message: { zh: '该邮箱已注册', en: 'already registered' } }],
    );
}

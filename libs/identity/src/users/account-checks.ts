import { EntityManager } from 'typeorm';
import { ErrorDetail, PLATFORM_ERRORS } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';

export const unprocessable = (details: ErrorDetail[]) => PLATFORM_ERRORS['VALIDATION.FAILED']({ details });

export const isUniqueViolation = (err: unknown): boolean => {
  const e = err as { code?: string; driverError?: { code?: string } } | null | undefined;
  return e?.code === '23505' || e?.driverError?.code === '23505';
};

export const alreadyRegistered = () => IDENTITY_ERRORS['IDENTITY.ALREADY_REGISTERED']();

/** 409 when the credit code (if given) or the e-mail is already registered. */
export async function assertFree(m: EntityManager, creditCode: string | null, email: string) {
  if (creditCode) {
    const org = await m.query(`SELECT 1 FROM organization WHERE credit_code = $1`, [creditCode]);
    if (org.length)
      throw IDENTITY_ERRORS['IDENTITY.CREDIT_CODE_TAKEN']({
        details: [
          { path: 'organization.creditCode', message: { zh: '该统一社会信用代码已注册', en: 'already registered' } },
        ],
      });
  }
  const u = await m.query(`SELECT 1 FROM app_user WHERE lower(email) = $1`, [email]);
  if (u.length)
    throw IDENTITY_ERRORS['IDENTITY.EMAIL_TAKEN']({
      details: [{ path: 'user.email', message: { zh: '该邮箱已注册', en: 'already registered' } }],
    });
}

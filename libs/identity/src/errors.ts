import { defineErrors } from '@portal/platform';

type Text = { zh: string; en: string };

/** Identity's error codes (registration, login, tokens, accounts, organizations, invitations), each defined once. */
export const IDENTITY_ERRORS = defineErrors({
  'ORGANIZATION.NOT_FOUND': { kind: 'not-found', zh: '单位不存在', en: 'organization not found' },
  'USER.NOT_FOUND': { kind: 'not-found', zh: '用户不存在', en: 'user not found' },
  'IDENTITY.CREDIT_CODE_INVALID': { kind: 'unprocessable', zh: (m: Text) => m.zh, en: (m: Text) => m.en },
  'IDENTITY.CREDIT_CODE_TAKEN': {
    kind: 'conflict',
    zh: '该统一社会信用代码已注册',
    en: 'This credit code is already registered',
  },
  'IDENTITY.EMAIL_TAKEN': { kind: 'conflict', zh: '该邮箱已注册', en: 'This e-mail is already registered' },
  'IDENTITY.ALREADY_REGISTERED': {
    kind: 'conflict',
    zh: '该信用代码或邮箱已注册',
    en: 'This credit code or e-mail is already registered',
  },
  'IDENTITY.VERIFICATION_INVALID': {
    kind: 'not-found',
    zh: '验证链接无效或已过期',
    en: 'The verification link is invalid or has expired',
  },
  'IDENTITY.INVITATION_INVALID': {
    kind: 'not-found',
    zh: '邀请链接无效或已过期',
    en: 'The invitation is invalid or has expired',
  },
  'AUTH.BAD_CREDENTIALS': { kind: 'unauthenticated', zh: '邮箱或密码错误', en: 'Wrong e-mail or password' },
  'AUTH.REFRESH_INVALID': {
    kind: 'unauthenticated',
    zh: '登录已失效，请重新登录',
    en: 'The session is no longer valid; please log in again',
  },
  /** 429 from LoginLimiter, with Retry-After. */
  'AUTH.TOO_MANY_ATTEMPTS': {
    kind: 'rate-limited',
    zh: '登录失败次数过多，请 15 分钟后再试',
    en: 'Too many failed logins; try again in 15 minutes',
  },
});

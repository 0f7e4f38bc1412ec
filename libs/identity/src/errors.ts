import { defineErrors } from '@portal/platform';

type Text = { zh: string; en: string };

/** Identity's error codes (registration, login, tokens, accounts, organizations, invitations), each defined once. */
export const IDENTITY_ERRORS = defineErrors({
  'ORGANIZATION.NOT_FOUND': { kind: 'not-found', zh: '单位不存在', en: 'organization not found' },
  'USER.NOT_FOUND': { kind: 'not-found', zh: '用户不存在', en: 'user not found' },
  'AGENCY.NOT_FOUND': { kind: 'not-found', zh: '主管部门不存在', en: 'agency not found' },
  /** 409: the code is taken, or a provincial agency for the same province and programs exists. */
  'AGENCY.DUPLICATE': {
    kind: 'conflict',
    zh: '已有相同代码，或相同省份和项目的主管部门',
    en: 'An agency with this code, or with the same province and programs, already exists',
  },
  'AGENCY.STALE_VERSION': {
    kind: 'conflict',
    zh: '该主管部门已被他人修改，请刷新后重试',
    en: 'The agency was changed meanwhile; reload and try again',
  },
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
  /** 429 from RegistrationService's limits (per address, e-mail and credit code), with Retry-After. */
  'IDENTITY.TOO_MANY_REGISTRATIONS': {
    kind: 'rate-limited',
    zh: '注册尝试过于频繁，请稍后再试',
    en: 'Too many registration attempts; please try again later',
  },
  /** 429 from InvitationsService's limits (per account, organization and address), with Retry-After. */
  'IDENTITY.TOO_MANY_INVITATIONS': {
    kind: 'rate-limited',
    zh: '发送邀请过于频繁，请稍后再试',
    en: 'Too many invitations; please try again later',
  },
  'IDENTITY.EMAIL_NOT_VERIFIED': {
    kind: 'forbidden',
    zh: '请先验证您的邮箱，再邀请同事',
    en: 'Verify your e-mail address before inviting colleagues',
  },
  /** 401 for a token whose account has been disabled since it was issued. */
  'AUTH.ACCOUNT_DISABLED': {
    kind: 'unauthenticated',
    zh: '该账号已停用',
    en: 'This account has been disabled',
  },
  'USER.SELF_LOCKOUT': {
    kind: 'unprocessable',
    zh: '不能停用自己的账号或移除自己的管理员角色',
    en: 'You cannot disable your own account or remove your own admin role',
  },
  // ---- issue 14: the account (password reset and change, profile, sessions) and colleagues ----
  /** 400: unknown, used, expired or superseded reset link (one answer for all, so tokens cannot be probed). */
  'ACCOUNT.RESET_TOKEN_INVALID': {
    kind: 'invalid',
    zh: '重置密码链接无效、已使用或已过期，请重新申请',
    en: 'The reset link is invalid, used or expired; please ask for a new one',
  },
  /** 429 from the reset's limits (per e-mail and per address), with Retry-After. */
  'ACCOUNT.TOO_MANY_RESETS': {
    kind: 'rate-limited',
    zh: '重置密码请求过于频繁，请稍后再试',
    en: 'Too many password reset requests; please try again later',
  },
  'ACCOUNT.WRONG_PASSWORD': { kind: 'forbidden', zh: '当前密码不正确', en: 'The current password is wrong' },
  /** 429: too many wrong current passwords for this account (a stolen access token cannot guess the password). */
  'ACCOUNT.TOO_MANY_PASSWORD_ATTEMPTS': {
    kind: 'rate-limited',
    zh: '当前密码错误次数过多，请稍后再试',
    en: 'Too many wrong current passwords; try again later',
  },
  /** 401: the token was issued before a password reset or change, or "sign out everywhere". */
  'ACCOUNT.SESSION_ENDED': {
    kind: 'unauthenticated',
    zh: '登录已失效（密码已更改或已退出所有设备），请重新登录',
    en: 'This session has ended (password changed or signed out everywhere); please log in again',
  },
  'ACCOUNT.STALE_VERSION': {
    kind: 'conflict',
    zh: '个人资料已被修改，请刷新后重试',
    en: 'The profile was changed meanwhile; reload and try again',
  },
  'ACCOUNT.SESSION_NOT_FOUND': { kind: 'not-found', zh: '会话不存在', en: 'session not found' },
  /** 403: removing a colleague, handing over the owner role, withdrawing another member's invitation. */
  'COLLEAGUE.OWNER_ONLY': {
    kind: 'forbidden',
    zh: '只有单位负责人（所有者）可以执行此操作',
    en: "Only the organization's owner may do this",
  },
  'COLLEAGUE.NOT_FOUND': { kind: 'not-found', zh: '该同事不存在', en: 'colleague not found' },
  /** 422: the owner cannot remove themselves; hand the owner role over first. */
  'COLLEAGUE.LAST_OWNER': {
    kind: 'unprocessable',
    zh: '不能移除单位负责人，请先移交负责人身份',
    en: 'The owner cannot be removed; hand the owner role over first',
  },
  /** 422: the new owner must be another active, verified member. */
  'COLLEAGUE.OWNER_TARGET_INVALID': {
    kind: 'unprocessable',
    zh: '只能移交给本单位其他已验证邮箱的有效成员',
    en: 'The owner role goes only to another active member of the organization with a verified e-mail',
  },
  'COLLEAGUE.INVITATION_NOT_FOUND': { kind: 'not-found', zh: '邀请不存在', en: 'invitation not found' },
  /** 409: an accepted or already withdrawn invitation cannot be withdrawn. */
  'COLLEAGUE.INVITATION_CLOSED': {
    kind: 'conflict',
    zh: '该邀请已被接受或已撤回',
    en: 'The invitation was already accepted or withdrawn',
  },
});

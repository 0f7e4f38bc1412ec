import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  MailService,
  PortalConfig,
  RateLimiter,
} from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { SessionClient, sha256, TokenPair, TokenService } from '../auth/token.service';
import { unprocessable } from '../users/account-checks';
import { AccountStatusCache } from '../users/account-status';
import { User } from '../users/user.entity';
import { ChangePasswordDto, UpdateProfileDto } from './account.dto';

/** How long a mailed reset link works (by the portal clock). */
export const RESET_TTL_MINUTES = 30;
/** Reset requests per e-mail and per address in an hour (counted whether or not the e-mail has an account). */
export const RESET_PER_EMAIL_PER_HOUR = 5;
export const RESET_PER_ADDRESS_PER_HOUR = 30;
/** Wrong current passwords per account in 15 minutes before POST /api/me/password answers 429. */
export const CHANGE_PASSWORD_FAILURES = 5;

const resetInvalid = () => IDENTITY_ERRORS['ACCOUNT.RESET_TOKEN_INVALID']();

export interface SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  address: string | null;
  current: boolean;
}

/**
 * The account's own affairs (issue 14): the password reset by mail, the change of password, the profile and the
 * sessions (refresh-token families). Ending sessions goes through TokenService.endAllSessions: the refresh tokens are
 * revoked and the token generation raised, so the access tokens already out stop at once (JwtStrategy compares the
 * generation; AccountStatusCache is invalidated here after the commit, other API processes see it within its TTL).
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly config: PortalConfig,
    private readonly clock: ClockService,
    private readonly passwords: PasswordHasher,
    private readonly limits: RateLimiter,
    private readonly tokens: TokenService,
    private readonly accounts: AccountStatusCache,
  ) {}

  /**
   * Always answers the same (the route says 202) whether or not the e-mail has an account, so accounts cannot be
   * probed; the limits count every request. A known, enabled account gets a mail with a link that works once, for
   * RESET_TTL_MINUTES by the portal clock; a newer request supersedes the older links.
   */
  async requestReset(emailRaw: string, clientIp: string | null): Promise<void> {
    const email = emailRaw.trim().toLowerCase();
    const refuse = (seconds: number) =>
      IDENTITY_ERRORS['ACCOUNT.TOO_MANY_RESETS']({ headers: { 'Retry-After': String(seconds) } });
    await this.limits.take(
      { rule: 'password-reset:email', subject: email, limit: RESET_PER_EMAIL_PER_HOUR, windowSeconds: 3600 },
      refuse,
    );
    if (clientIp)
      await this.limits.take(
        { rule: 'password-reset:ip', subject: clientIp, limit: RESET_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
        refuse,
      );
    const token = randomBytes(32).toString('base64url');
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const users: { id: string; name: string; email: string }[] = await m.query(
        `SELECT id, name, email FROM app_user WHERE lower(email) = $1 AND disabled_at IS NULL`,
        [email],
      );
      if (!users.length) return;
      const u = users[0];
      const now = await this.clock.current(m);
      const expiresAt = new Date(now.getTime() + RESET_TTL_MINUTES * 60_000);
      await m.query(`UPDATE password_reset SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [u.id, now]);
      await m.query(
        `INSERT INTO password_reset (token_hash, user_id, expires_at, address, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [sha256(token), u.id, expiresAt, clientIp, now],
      );
      const link = `${this.config.PUBLIC_URL}/reset-password?token=${token}`;
      await this.mail.queueMail(tx, {
        to: u.email,
        template: 'identity.password-reset',
        subject: '重置您的密码 / Reset your password',
        text:
          `${u.name}，您好：\n\n有人（希望是您本人）申请重置您在动漫扶持申报平台的密码。请在 ${RESET_TTL_MINUTES} 分钟内打开以下链接设置新密码（仅可使用一次）：\n${link}\n\n` +
          `如果不是您本人申请，请忽略本邮件，您的密码不会改变。\n\n` +
          `Hello ${u.name},\n\nsomeone (hopefully you) asked to reset your password for the Animation Support Portal. ` +
          `Open this link within ${RESET_TTL_MINUTES} minutes to set a new one (it works once):\n${link}\n\n` +
          `If it was not you, ignore this mail; your password stays as it is.\n`,
      });
      await this.audit.record(m, {
        actorId: null,
        action: 'user.password-reset-requested',
        entityType: 'user',
        entityId: u.id,
        data: { address: clientIp },
      });
    });
  }

  /**
   * Cheap checks first (the password policy, then whether the token is live), the hash after; the transaction spends
   * the token with a guarded update, so of two confirmations of one link only one sets a password. Every session of
   * the account ends; the e-mail counts as verified (the link reached it).
   */
  async confirmReset(token: string, password: string): Promise<void> {
    const pw = passwordProblem(password, 'password');
    if (pw) throw unprocessable([pw]);
    const hash = sha256(token);
    const live = async (m: { query(sql: string, p: unknown[]): Promise<unknown> }) =>
      (await m.query(
        `SELECT r.user_id FROM password_reset r JOIN app_user u ON u.id = r.user_id
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.disabled_at IS NULL`,
        [hash, await this.clock.current()],
      )) as { user_id: string }[];
    if (!(await live(this.ds)).length) throw resetInvalid();
    const passwordHash = await this.passwords.hash(password);
    const userId = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const now = await this.clock.current(m);
      const spent = await m.query(
        `UPDATE password_reset SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id`,
        [hash, now],
      );
      const id: string | undefined = spent[0][0]?.user_id;
      if (!id) throw resetInvalid();
      const upd = await m.query(
        `UPDATE app_user SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now()),
                updated_at = now(), version = version + 1
          WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
        [id, passwordHash],
      );
      if (!upd[0].length) throw resetInvalid();
      await m.query(`UPDATE password_reset SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [id, now]);
      const revoked = await this.tokens.endAllSessions(m, id);
      await this.audit.record(m, {
        actorId: id,
        action: 'user.password-reset',
        entityType: 'user',
        entityId: id,
        data: { revokedTokens: revoked },
      });
      return id;
    });
    this.accounts.invalidate(userId);
  }

  /**
   * The current password must be right (403; wrong ones limited per account, 429). Every session ends, this one too,
   * and this request gets a fresh pair (a new session): the caller keeps working with it, everyone else logs in again.
   */
  async changePassword(caller: AuthUser, dto: ChangePasswordDto, client: SessionClient): Promise<TokenPair> {
    const rule = {
      rule: 'password-change:acct',
      subject: caller.id,
      limit: CHANGE_PASSWORD_FAILURES,
      windowSeconds: 15 * 60,
    };
    const refuse = (seconds: number) =>
      IDENTITY_ERRORS['ACCOUNT.TOO_MANY_PASSWORD_ATTEMPTS']({ headers: { 'Retry-After': String(seconds) } });
    const pw = passwordProblem(dto.newPassword, 'newPassword');
    if (pw) throw unprocessable([pw]);
    await this.limits.take(rule, refuse);
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: caller.id })
      .getOne();
    if (!user) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      await inTransaction(this.ds, (tx) =>
        this.audit.record(tx.manager, {
          actorId: caller.id,
          action: 'user.password-change-failed',
          entityType: 'user',
          entityId: caller.id,
        }),
      );
      throw IDENTITY_ERRORS['ACCOUNT.WRONG_PASSWORD']();
    }
    await this.limits.reset(rule);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const pair = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      await m.query(`UPDATE app_user SET password_hash = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
        caller.id,
        passwordHash,
      ]);
      const revoked = await this.tokens.endAllSessions(m, caller.id);
      await m.query(`UPDATE password_reset SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [caller.id]);
      await this.mail.queueMail(tx, {
        to: user.email,
        template: 'identity.password-changed',
        subject: '您的密码已更改 / Your password was changed',
        text:
          `${user.name}，您好：\n\n您在动漫扶持申报平台的密码刚刚被更改，其他设备上的登录已全部退出。如果不是您本人操作，请立即通过“忘记密码”重置密码。\n\n` +
          `Hello ${user.name},\n\nyour password for the Animation Support Portal was just changed and every other session ` +
          `was signed out. If it was not you, reset your password at once ("forgot password").\n`,
      });
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'user.password-changed',
        entityType: 'user',
        entityId: caller.id,
        data: { revokedTokens: revoked },
      });
      return this.tokens.issue(m, user, undefined, client);
    });
    this.accounts.invalidate(caller.id);
    return pair;
  }

  async profile(caller: AuthUser) {
    const u = await this.ds.getRepository(User).findOneBy({ id: caller.id });
    if (!u) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
    return profileView(u);
  }

  /** Name and phone (app_user's phone is a plain column, as at registration; no field encryption applies to it). */
  async updateProfile(caller: AuthUser, dto: UpdateProfileDto) {
    const u = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const current = await m.findOne(User, { where: { id: caller.id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
      if (current.version !== dto.version) throw IDENTITY_ERRORS['ACCOUNT.STALE_VERSION']();
      const name = dto.name !== undefined ? dto.name.trim() : current.name;
      const phone = dto.phone !== undefined ? dto.phone : current.phone;
      await m.query(
        `UPDATE app_user SET name = $2, phone = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
        [caller.id, name, phone],
      );
      const changed = [name !== current.name ? 'name' : null, phone !== current.phone ? 'phone' : null].filter(Boolean);
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'user.profile-changed',
        entityType: 'user',
        entityId: caller.id,
        data: { fields: changed },
      });
      return m.findOneByOrFail(User, { id: caller.id });
    });
    return profileView(u);
  }

  /** The live sessions: refresh-token families with a token that is neither spent, revoked nor expired. */
  async sessions(caller: AuthUser, currentSessionId: string | undefined): Promise<SessionView[]> {
    const rows: {
      family_id: string;
      created_at: Date;
      last_used_at: Date;
      expires_at: Date;
      user_agent: string | null;
      address: string | null;
    }[] = await this.ds.query(
      `SELECT f.family_id, f.created_at, live.created_at AS last_used_at, live.expires_at, live.user_agent, live.address
         FROM (SELECT family_id, min(created_at) AS created_at FROM refresh_token WHERE user_id = $1 GROUP BY family_id) f
         JOIN LATERAL (SELECT created_at, expires_at, user_agent, address FROM refresh_token t
                        WHERE t.family_id = f.family_id AND t.user_id = $1 AND t.used_at IS NULL
                          AND t.revoked_at IS NULL AND t.expires_at > now()
                        ORDER BY t.created_at DESC LIMIT 1) live ON true
        ORDER BY live.created_at DESC
        LIMIT 200`,
      [caller.id],
    );
    return rows.map((r) => ({
      id: r.family_id,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      userAgent: r.user_agent,
      address: r.address,
      current: r.family_id === currentSessionId,
    }));
  }

  /**
   * Signs one session out: its refresh tokens are revoked (the next refresh answers 401) and its access token is
   * refused from the next request on (TokenService.endSession).
   */
  async revokeSession(caller: AuthUser, sessionId: string): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      if (!(await this.tokens.endSession(m, caller.id, sessionId)))
        throw IDENTITY_ERRORS['ACCOUNT.SESSION_NOT_FOUND']();
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'user.session-revoked',
        entityType: 'user',
        entityId: caller.id,
        data: { sessionId },
      });
    });
    this.accounts.invalidate(caller.id);
  }

  /** Sign out everywhere, this session included: every refresh token revoked, every access token refused at once. */
  async revokeAll(caller: AuthUser): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const revoked = await this.tokens.endAllSessions(m, caller.id);
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'user.signed-out-everywhere',
        entityType: 'user',
        entityId: caller.id,
        data: { revokedTokens: revoked },
      });
    });
    this.accounts.invalidate(caller.id);
  }
}

function profileView(u: User) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    phone: u.phone,
    roles: u.roles,
    organizationId: u.organizationId,
    emailVerified: !!u.emailVerifiedAt,
    version: u.version,
    createdAt: u.createdAt,
  };
}

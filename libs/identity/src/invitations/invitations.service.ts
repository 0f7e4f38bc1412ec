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
import { AcceptInvitationDto } from '../auth/dto';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { sha256 } from '../auth/token.service';
import { Organization } from '../organizations/organization.entity';
import { alreadyRegistered, assertFree, isUniqueViolation, unprocessable } from '../users/account-checks';
import { User } from '../users/user.entity';
import { PublicUser, publicUser } from '../users/users.service';

/** A member invites a colleague by e-mail; the colleague sets up an account in the same organization. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly config: PortalConfig,
    private readonly clock: ClockService,
    private readonly passwords: PasswordHasher,
    private readonly limits: RateLimiter,
  ) {}

  /**
   * Mail cannot be made a relay: only a member whose own e-mail is verified may invite (the organization's name, which
   * its registrant typed, goes into the subject), and invitations are limited per account, per organization and per
   * address (429 with Retry-After; each counted before it is compared).
   */
  async invite(caller: AuthUser, organizationId: string, emailRaw: string, clientIp: string | null = null) {
    if (caller.organizationId !== organizationId) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    const email = emailRaw.trim().toLowerCase();
    const inviter: { email_verified_at: Date | null }[] = await this.ds.query(
      `SELECT email_verified_at FROM app_user WHERE id = $1 AND disabled_at IS NULL`,
      [caller.id],
    );
    if (!inviter.length || !inviter[0].email_verified_at) throw IDENTITY_ERRORS['IDENTITY.EMAIL_NOT_VERIFIED']();
    await this.takeLimits(caller, organizationId, clientIp);
    const token = randomBytes(24).toString('base64url');
    return inTransaction(this.ds, async (tx) => {
      const org = await tx.manager.findOneBy(Organization, { id: organizationId });
      if (!org) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
      await assertFree(tx.manager, null, email);
      const rows = await tx.manager.query(
        `INSERT INTO invitation (organization_id, email, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, now() + interval '14 days') RETURNING id, expires_at`,
        [organizationId, email, sha256(token), caller.id],
      );
      const link = `${this.config.PUBLIC_URL}/accept-invitation?token=${token}`;
      await this.mail.queueMail(tx, {
        to: email,
        template: 'identity.invitation',
        subject: `${org.name} 邀请您加入动漫扶持申报平台 / You are invited to the Animation Support Portal`,
        text:
          `您好：\n\n${org.name} 邀请您作为同事加入动漫扶持申报平台。请打开以下链接设置账号：\n${link}\n\n` +
          `Hello,\n\n${org.name} invites you to join the Animation Support Portal as a colleague. ` +
          `Open this link to set up your account:\n${link}\n`,
      });
      await this.audit.record(tx.manager, {
        actorId: caller.id,
        action: 'organization.member-invited',
        entityType: 'organization',
        entityId: organizationId,
        data: { email },
      });
      return { id: rows[0].id, email, expiresAt: rows[0].expires_at };
    });
  }

  private async takeLimits(caller: AuthUser, organizationId: string, clientIp: string | null) {
    const refuse = (seconds: number) =>
      IDENTITY_ERRORS['IDENTITY.TOO_MANY_INVITATIONS']({ headers: { 'Retry-After': String(seconds) } });
    const c = this.config;
    await this.limits.take(
      { rule: 'invite:acct', subject: caller.id, limit: c.INVITE_PER_ACCOUNT_PER_HOUR, windowSeconds: 3600 },
      refuse,
    );
    await this.limits.take(
      { rule: 'invite:org', subject: organizationId, limit: c.INVITE_PER_ORGANIZATION_PER_DAY, windowSeconds: 86400 },
      refuse,
    );
    if (clientIp)
      await this.limits.take(
        { rule: 'invite:ip', subject: clientIp, limit: c.INVITE_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
        refuse,
      );
  }

  /**
   * Cheap checks first: the password policy, then the token (unknown, used or expired: 404) and whether its e-mail is
   * still free — only then is the password hashed. The transaction spends the token with a guarded update, so of two
   * acceptances of one token only one creates an account.
   */
  async acceptInvitation(dto: AcceptInvitationDto): Promise<PublicUser> {
    const pw = passwordProblem(dto.password, 'password');
    if (pw) throw unprocessable([pw]);
    const pending: { email: string }[] = await this.ds.query(
      `SELECT email FROM invitation WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [sha256(dto.token)],
    );
    if (!pending.length) throw IDENTITY_ERRORS['IDENTITY.INVITATION_INVALID']();
    await assertFree(this.ds.manager, null, pending[0].email);
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      return await inTransaction(this.ds, async (tx) => {
        const res = await tx.manager.query(
          `UPDATE invitation SET accepted_at = now()
            WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING organization_id, email`,
          [sha256(dto.token)],
        );
        const inv = res[0][0];
        if (!inv) throw IDENTITY_ERRORS['IDENTITY.INVITATION_INVALID']();
        await assertFree(tx.manager, null, inv.email);
        const user = await tx.manager.save(
          tx.manager.create(User, {
            email: inv.email,
            name: dto.name.trim(),
            phone: dto.phone,
            passwordHash,
            roles: ['applicant'],
            organizationId: inv.organization_id,
            emailVerifiedAt: this.clock.now(),
          }),
        );
        await this.audit.record(tx.manager, {
          actorId: user.id,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          data: { email: inv.email, roles: ['applicant'], organizationId: inv.organization_id, via: 'invitation' },
        });
        return publicUser(user);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyRegistered();
      throw err;
    }
  }
}

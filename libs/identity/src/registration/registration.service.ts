import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import {
  AuditService,
  DomainError,
  ErrorDetail,
  inTransaction,
  MailService,
  PortalConfig,
  RateLimiter,
  Tx,
} from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { RegisterDto } from '../auth/dto';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { sha256 } from '../auth/token.service';
import { CheckedCreditCode, CreditCodeService } from '../credit-code/credit-code.service';
import { Organization } from '../organizations/organization.entity';
import { organizationView, OrganizationView } from '../organizations/organizations.service';
import { alreadyRegistered, assertFree, isUniqueViolation, unprocessable } from '../users/account-checks';
import { User } from '../users/user.entity';
import { PublicUser, publicUser } from '../users/users.service';

/** Self-registration of an organization with its first member, and the e-mail verification that follows. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly config: PortalConfig,
    private readonly creditCodes: CreditCodeService,
    private readonly passwords: PasswordHasher,
    private readonly limits: RateLimiter,
  ) {}

  /**
   * Cheap checks first, the password's hash last: the rate limits (per address, e-mail and credit code: counted before
   * compared), the password policy and the credit code, then whether the e-mail or code is taken — only then is the
   * password hashed (the checks inside the transaction still decide a race).
   */
  async register(
    dto: RegisterDto,
    clientIp: string | null = null,
  ): Promise<{ user: PublicUser; organization: OrganizationView }> {
    const email = dto.user.email.trim().toLowerCase();
    await this.takeLimits(clientIp, email, dto.organization.creditCode);
    const details: ErrorDetail[] = [];
    const pw = passwordProblem(dto.user.password, 'user.password');
    let cc: CheckedCreditCode | null = null;
    try {
      cc = await this.creditCodes.check(dto.organization.creditCode, 'organization.creditCode');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      details.push(...err.details);
    }
    if (pw) details.push(pw);
    if (details.length || !cc) throw unprocessable(details);
    await assertFree(this.ds.manager, cc.code, email);
    const passwordHash = await this.passwords.hash(dto.user.password);
    try {
      return await inTransaction(this.ds, async (tx) => {
        const m = tx.manager;
        await assertFree(m, cc!.code, email);
        const org = await m.save(
          m.create(Organization, {
            name: dto.organization.name.trim(),
            creditCode: cc!.code,
            address: dto.organization.address.trim(),
            legalRepresentative: dto.organization.legalRepresentative.trim(),
            businessTypes: dto.organization.businessTypes,
            regionCode: cc!.regionCode,
            provinceCode: cc!.provinceCode,
            creditCodeException: cc!.exception,
          }),
        );
        const user = await m.save(
          m.create(User, {
            email,
            name: dto.user.name.trim(),
            phone: dto.user.phone,
            passwordHash,
            roles: ['applicant'],
            organizationId: org.id,
          }),
        );
        // the registrant is the organization's owner (removes colleagues, hands the role over)
        await m.query(`UPDATE organization SET owner_user_id = $2 WHERE id = $1`, [org.id, user.id]);
        await this.audit.record(m, {
          actorId: user.id,
          action: 'organization.registered',
          entityType: 'organization',
          entityId: org.id,
          data: { name: org.name, creditCode: org.creditCode },
        });
        await this.audit.record(m, {
          actorId: user.id,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          data: { email, roles: user.roles, organizationId: org.id },
        });
        await this.sendVerification(tx, user);
        return { user: publicUser(user), organization: organizationView(org) };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyRegistered();
      throw err;
    }
  }

  private async takeLimits(clientIp: string | null, email: string, creditCodeRaw: string) {
    const refuse = (seconds: number) =>
      IDENTITY_ERRORS['IDENTITY.TOO_MANY_REGISTRATIONS']({ headers: { 'Retry-After': String(seconds) } });
    const hour = 3600;
    if (clientIp)
      await this.limits.take(
        {
          rule: 'register:ip',
          subject: clientIp,
          limit: this.config.REGISTER_PER_ADDRESS_PER_HOUR,
          windowSeconds: hour,
        },
        refuse,
      );
    await this.limits.take(
      { rule: 'register:email', subject: email, limit: this.config.REGISTER_PER_EMAIL_PER_HOUR, windowSeconds: hour },
      refuse,
    );
    const code = String(creditCodeRaw ?? '')
      .trim()
      .toUpperCase()
      .slice(0, 64);
    await this.limits.take(
      {
        rule: 'register:org',
        subject: code,
        limit: this.config.REGISTER_PER_CREDIT_CODE_PER_HOUR,
        windowSeconds: hour,
      },
      refuse,
    );
  }

  private async sendVerification(tx: Tx, user: User) {
    const token = randomBytes(24).toString('base64url');
    await tx.manager.query(
      `INSERT INTO email_verification (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '7 days')`,
      [sha256(token), user.id],
    );
    const link = `${this.config.PUBLIC_URL}/verify-email?token=${token}`;
    await this.mail.queueMail(tx, {
      to: user.email,
      template: 'identity.verify-email',
      subject: '请验证您的邮箱 / Please verify your e-mail',
      text:
        `${user.name}，您好：\n\n请打开以下链接验证您在动漫扶持申报平台的邮箱：\n${link}\n\n` +
        `Hello ${user.name},\n\nplease open this link to verify your e-mail for the Animation Support Portal:\n${link}\n`,
    });
  }

  async verifyEmail(token: string): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      const res = await tx.manager.query(
        `UPDATE email_verification SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [sha256(token)],
      );
      const rows = res[0];
      if (!rows.length) throw IDENTITY_ERRORS['IDENTITY.VERIFICATION_INVALID']();
      await tx.manager.query(`UPDATE app_user SET email_verified_at = now() WHERE id = $1`, [rows[0].user_id]);
      await this.audit.record(tx.manager, {
        actorId: rows[0].user_id,
        action: 'user.email-verified',
        entityType: 'user',
        entityId: rows[0].user_id,
      });
    });
  }
}

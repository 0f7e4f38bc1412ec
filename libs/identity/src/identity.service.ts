import { Injectable, Logger } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  DomainError,
  ErrorDetail,
  inTransaction,
  MailService,
  notFound,
  Page,
  PageQuery,
  PortalConfig,
  Role,
  shanghaiDay,
} from '@portal/platform';
import { validateCreditCode } from './credit-code';
import { AcceptInvitationDto, CreateUserDto, CreditCodeExceptionDto, FlagDto, RegisterDto } from './auth/dto';
import { LoginLimiter } from './auth/login-limiter';
import { passwordProblem } from './auth/password-policy';
import { sha256, TokenPair, TokenService } from './auth/token.service';
import { Organization, OrganizationFlag } from './organizations/organization.entity';
import { ExpertProfile, User } from './users/user.entity';

const unprocessable = (details: ErrorDetail[]) =>
  new DomainError(
    'unprocessable',
    'VALIDATION.FAILED',
    { zh: '提交的内容不符合要求', en: 'Some fields are not acceptable' },
    details,
  );

const isUniqueViolation = (err: any) => err?.code === '23505' || err?.driverError?.code === '23505';

export interface PublicUser {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  roles: Role[];
  organizationId: string | null;
  emailVerified: boolean;
}

export function publicUser(u: User): PublicUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    phone: u.phone,
    roles: u.roles,
    organizationId: u.organizationId,
    emailVerified: !!u.emailVerifiedAt,
  };
}

@Injectable()
export class IdentityService {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    private readonly config: PortalConfig,
    private readonly clock: ClockService,
  ) {}

  /** Checks a credit code by GB 32100, letting through a failing pilot-era code an administrator accepted. */
  async checkCreditCode(
    raw: string,
    path: string,
  ): Promise<{ code: string; regionCode: string; provinceCode: string; exception: string | null }> {
    const result = validateCreditCode(raw);
    if (result.ok)
      return { code: result.code, regionCode: result.regionCode, provinceCode: result.provinceCode, exception: null };
    const code = String(raw ?? '')
      .trim()
      .toUpperCase();
    if (result.fault === 'check') {
      const rows = await this.ds.query(`SELECT reason FROM credit_code_exception WHERE credit_code = $1`, [code]);
      if (rows.length)
        return { code, regionCode: code.slice(2, 8), provinceCode: code.slice(2, 4), exception: rows[0].reason };
    }
    throw new DomainError('unprocessable', 'IDENTITY.CREDIT_CODE_INVALID', result.message, [
      { path, message: result.message },
    ]);
  }

  async register(dto: RegisterDto): Promise<{ user: PublicUser; organization: Organization }> {
    const details: ErrorDetail[] = [];
    const pw = passwordProblem(dto.user.password, 'user.password');
    let cc: Awaited<ReturnType<IdentityService['checkCreditCode']>> | null = null;
    try {
      cc = await this.checkCreditCode(dto.organization.creditCode, 'organization.creditCode');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      details.push(...err.details);
    }
    if (pw) details.push(pw);
    if (details.length || !cc) throw unprocessable(details);
    const passwordHash = await hash(dto.user.password);
    const email = dto.user.email.trim().toLowerCase();
    try {
      return await inTransaction(this.ds, async (tx) => {
        const m = tx.manager;
        await this.assertFree(m, cc!.code, email);
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
        return { user: publicUser(user), organization: org };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw this.taken();
      throw err;
    }
  }

  private taken() {
    return new DomainError('conflict', 'IDENTITY.ALREADY_REGISTERED', {
      zh: '该信用代码或邮箱已注册',
      en: 'This credit code or e-mail is already registered',
    });
  }

  private async assertFree(m: import('typeorm').EntityManager, creditCode: string | null, email: string) {
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

  private async sendVerification(tx: import('@portal/platform').Tx, user: User) {
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
      text: `${user.name}，您好：\n\n请打开以下链接验证您在动漫扶持申报平台的邮箱：\n${link}\n\nHello ${user.name},\n\nplease open this link to verify your e-mail for the Animation Support Portal:\n${link}\n`,
    });
  }

  async verifyEmail(token: string): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      const res = await tx.manager.query(
        `UPDATE email_verification SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [sha256(token)],
      );
      const rows = res[0];
      if (!rows.length)
        throw new DomainError('not-found', 'IDENTITY.VERIFICATION_INVALID', {
          zh: '验证链接无效或已过期',
          en: 'The verification link is invalid or has expired',
        });
      await tx.manager.query(`UPDATE app_user SET email_verified_at = now() WHERE id = $1`, [rows[0].user_id]);
      await this.audit.record(tx.manager, {
        actorId: rows[0].user_id,
        action: 'user.email-verified',
        entityType: 'user',
        entityId: rows[0].user_id,
      });
    });
  }

  /** Used by the passport-local strategy. */
  async authenticate(emailRaw: string, password: string, ip: string): Promise<User> {
    const email = String(emailRaw ?? '')
      .trim()
      .toLowerCase();
    await this.limiter.assertAllowed(email, ip);
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email', { email })
      .andWhere('u.disabled_at IS NULL')
      .getOne();
    const ok = user ? await verify(user.passwordHash, password).catch(() => false) : false;
    if (!user || !ok) {
      await this.limiter.recordFailure(email, ip);
      throw new DomainError('unauthenticated', 'AUTH.BAD_CREDENTIALS', {
        zh: '邮箱或密码错误',
        en: 'Wrong e-mail or password',
      });
    }
    await this.limiter.recordSuccess(email);
    return user;
  }

  async login(user: User): Promise<TokenPair> {
    return inTransaction(this.ds, async (tx) => {
      const pair = await this.tokens.issue(tx.manager, user);
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'user.logged-in',
        entityType: 'user',
        entityId: user.id,
      });
      return pair;
    });
  }

  async me(caller: AuthUser) {
    const u = await this.ds.getRepository(User).findOneBy({ id: caller.id });
    if (!u) throw notFound('user', '用户');
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      roles: u.roles,
      organizationId: u.organizationId,
      emailVerified: !!u.emailVerifiedAt,
    };
  }

  async createUser(actor: AuthUser, dto: CreateUserDto): Promise<PublicUser & { expert?: unknown }> {
    const details: ErrorDetail[] = [];
    const pw = passwordProblem(dto.password, 'password');
    if (pw) details.push(pw);
    const roles = dto.roles as Role[];
    if (roles.includes('expert') && !dto.expert)
      details.push({
        path: 'expert',
        message: { zh: '专家账号需要填写专家信息', en: 'an expert account needs the expert block' },
      });
    if (dto.expert && !roles.includes('expert'))
      details.push({
        path: 'roles',
        message: { zh: '填写了专家信息但未授予专家角色', en: 'the expert block needs the expert role' },
      });
    if (roles.includes('applicant') && !dto.organizationId)
      details.push({
        path: 'organizationId',
        message: { zh: '申报单位账号需要所属单位', en: 'an applicant account needs its organization' },
      });
    let employer: Awaited<ReturnType<IdentityService['checkCreditCode']>> | null = null;
    const conflictCodes: string[] = [];
    if (dto.expert) {
      try {
        employer = await this.checkCreditCode(dto.expert.employerCreditCode, 'expert.employerCreditCode');
      } catch (err) {
        if (err instanceof DomainError) details.push(...err.details);
        else throw err;
      }
      for (const [i, c] of (dto.expert.conflicts ?? []).entries()) {
        const r = validateCreditCode(c.creditCode);
        if (r.ok) conflictCodes.push(r.code);
        else details.push({ path: `expert.conflicts.${i}.creditCode`, message: r.message });
      }
    }
    if (dto.organizationId && !/^[0-9a-f-]{36}$/i.test(dto.organizationId))
      details.push({ path: 'organizationId', message: 'not a uuid' });
    if (details.length) throw unprocessable(details);
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await hash(dto.password);
    try {
      return await inTransaction(this.ds, async (tx) => {
        const m = tx.manager;
        await this.assertFree(m, null, email);
        if (dto.organizationId) {
          const org = await m.query(`SELECT 1 FROM organization WHERE id = $1`, [dto.organizationId]);
          if (!org.length)
            throw unprocessable([
              { path: 'organizationId', message: { zh: '单位不存在', en: 'no such organization' } },
            ]);
        }
        const user = await m.save(
          m.create(User, {
            email,
            name: dto.name.trim(),
            phone: dto.phone ?? null,
            passwordHash,
            roles,
            organizationId: dto.organizationId ?? null,
            emailVerifiedAt: this.clock.now(),
          }),
        );
        let expert: unknown;
        if (dto.expert && employer) {
          const profile = await m.save(
            m.create(ExpertProfile, {
              userId: user.id,
              fields: dto.expert.fields,
              employerCreditCode: employer.code,
              regionCode: dto.expert.regionCode,
              provinceCode: dto.expert.regionCode.slice(0, 2),
            }),
          );
          for (const [i, c] of (dto.expert.conflicts ?? []).entries()) {
            await m.query(
              `INSERT INTO expert_conflict (expert_id, credit_code, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
              [user.id, conflictCodes[i], c.note],
            );
          }
          expert = {
            fields: profile.fields,
            employerCreditCode: profile.employerCreditCode,
            regionCode: profile.regionCode,
            conflicts: (dto.expert.conflicts ?? []).map((c, i) => ({ creditCode: conflictCodes[i], note: c.note })),
          };
        }
        await this.audit.record(m, {
          actorId: actor.id,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          data: { email, roles, expert: !!dto.expert },
        });
        return { ...publicUser(user), ...(expert ? { expert } : {}) };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw this.taken();
      throw err;
    }
  }

  async listUsers(q: PageQuery, role?: string): Promise<Page<PublicUser>> {
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    if (role) qb.where(':role = ANY(u.roles)', { role });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(publicUser), total, page: q.page, pageSize: q.pageSize };
  }

  /** Creates the first admin from PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD when no admin exists. */
  async bootstrapAdmin(email?: string, password?: string): Promise<'created' | 'exists' | 'skipped'> {
    const existing = await this.ds.query(`SELECT 1 FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`);
    if (existing.length) return 'exists';
    if (!email || !password) return 'skipped';
    const passwordHash = await hash(password);
    const made = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      // several API processes start together: one makes the admin, the others find it
      await m.query('SELECT pg_advisory_xact_lock(7261002)');
      if ((await m.query(`SELECT 1 FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`)).length) return false;
      const dup = await m.query(`SELECT id FROM app_user WHERE lower(email) = lower($1)`, [email]);
      let id: string;
      if (dup.length) {
        id = dup[0].id;
        await m.query(`UPDATE app_user SET roles = array_append(roles, 'admin') WHERE id = $1`, [id]);
      } else {
        const u = await m.save(
          m.create(User, {
            email: email.toLowerCase(),
            name: '系统管理员',
            phone: null,
            passwordHash,
            roles: ['admin'],
            organizationId: null,
            emailVerifiedAt: this.clock.now(),
          }),
        );
        id = u.id;
      }
      await this.audit.record(m, {
        actorId: null,
        action: 'user.admin-bootstrapped',
        entityType: 'user',
        entityId: id,
        data: { email },
      });
      return true;
    });
    if (!made) return 'exists';
    this.logger.log(`first admin created: ${email}`);
    return 'created';
  }

  async acceptCreditCodeException(actor: AuthUser, dto: CreditCodeExceptionDto) {
    const code = dto.creditCode.trim().toUpperCase();
    const r = validateCreditCode(code);
    if (r.ok)
      throw unprocessable([
        {
          path: 'creditCode',
          message: { zh: '该代码校验通过，无需例外', en: 'this code passes the check; no exception needed' },
        },
      ]);
    if (r.fault !== 'check') throw unprocessable([{ path: 'creditCode', message: r.message }]);
    await inTransaction(this.ds, async (tx) => {
      await tx.manager.query(
        `INSERT INTO credit_code_exception (credit_code, reason, accepted_by) VALUES ($1, $2, $3)
         ON CONFLICT (credit_code) DO UPDATE SET reason = EXCLUDED.reason, accepted_by = EXCLUDED.accepted_by`,
        [code, dto.reason, actor.id],
      );
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'credit-code.exception-accepted',
        entityType: 'credit_code',
        entityId: code,
        data: { reason: dto.reason },
      });
    });
    return { creditCode: code, reason: dto.reason };
  }

  /** Own members and officers see an organization; everyone else gets 404. */
  async getOrganization(caller: AuthUser, id: string): Promise<Organization> {
    const isStaff = caller.roles.some((r) => r === 'officer' || r === 'admin' || r === 'finance');
    if (!isStaff && caller.organizationId !== id) throw notFound('organization', '单位');
    const org = await this.ds.getRepository(Organization).findOneBy({ id });
    if (!org) throw notFound('organization', '单位');
    return org;
  }

  async addFlag(actor: AuthUser, organizationId: string, dto: FlagDto): Promise<OrganizationFlag> {
    if (dto.until && dto.until < dto.from)
      throw unprocessable([{ path: 'until', message: { zh: '结束日期不能早于开始日期', en: 'until is before from' } }]);
    return inTransaction(this.ds, async (tx) => {
      const org = await tx.manager.findOneBy(Organization, { id: organizationId });
      if (!org) throw notFound('organization', '单位');
      const flag = await tx.manager.save(
        tx.manager.create(OrganizationFlag, {
          organizationId,
          kind: dto.kind,
          reason: dto.reason,
          from: dto.from,
          until: dto.until ?? null,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(tx.manager, {
        actorId: actor.id,
        action: 'organization.flagged',
        entityType: 'organization',
        entityId: organizationId,
        data: { kind: dto.kind, from: dto.from, until: dto.until ?? null, reason: dto.reason },
      });
      return flag;
    });
  }

  async listFlags(caller: AuthUser, organizationId: string) {
    await this.getOrganization(caller, organizationId);
    const flags = await this.ds
      .getRepository(OrganizationFlag)
      .find({ where: { organizationId }, order: { createdAt: 'DESC' } });
    const today = shanghaiDay(this.clock.now());
    return flags.map((f) => ({ ...f, active: f.from <= today && (!f.until || f.until >= today) }));
  }

  async invite(caller: AuthUser, organizationId: string, emailRaw: string) {
    if (caller.organizationId !== organizationId) throw notFound('organization', '单位');
    const email = emailRaw.trim().toLowerCase();
    const token = randomBytes(24).toString('base64url');
    return inTransaction(this.ds, async (tx) => {
      const org = await tx.manager.findOneBy(Organization, { id: organizationId });
      if (!org) throw notFound('organization', '单位');
      await this.assertFree(tx.manager, null, email);
      const rows = await tx.manager.query(
        `INSERT INTO invitation (organization_id, email, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, now() + interval '14 days') RETURNING id, expires_at`,
        [organizationId, email, sha256(token), caller.id],
      );
      const link = `${this.config.PUBLIC_URL}/accept-invitation?token=${token}`;
      await this.mail.queueMail(tx, {
        to: email,
        template: 'identity.invitation',
        subject: `${org.name} 邀请您加入动漫扶持申报平台 / You are invited to the Animation Support Portal`,
        text: `您好：\n\n${org.name} 邀请您作为同事加入动漫扶持申报平台。请打开以下链接设置账号：\n${link}\n\nHello,\n\n${org.name} invites you to join the Animation Support Portal as a colleague. Open this link to set up your account:\n${link}\n`,
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

  async acceptInvitation(dto: AcceptInvitationDto): Promise<PublicUser> {
    const pw = passwordProblem(dto.password, 'password');
    if (pw) throw unprocessable([pw]);
    const passwordHash = await hash(dto.password);
    try {
      return await inTransaction(this.ds, async (tx) => {
        const res = await tx.manager.query(
          `UPDATE invitation SET accepted_at = now() WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now() RETURNING organization_id, email`,
          [sha256(dto.token)],
        );
        const inv = res[0][0];
        if (!inv)
          throw new DomainError('not-found', 'IDENTITY.INVITATION_INVALID', {
            zh: '邀请链接无效或已过期',
            en: 'The invitation is invalid or has expired',
          });
        await this.assertFree(tx.manager, null, inv.email);
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
      if (isUniqueViolation(err)) throw this.taken();
      throw err;
    }
  }

  async outbox(q: PageQuery) {
    const [items, count] = await Promise.all([
      this.ds.query(
        `SELECT id, to_address AS "to", subject, body_text AS "text", template, status, attempts, last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"
           FROM mail_message ORDER BY created_at DESC LIMIT $1 OFFSET $2`,
        [q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.ds.query(`SELECT count(*)::int AS n FROM mail_message`),
    ]);
    return { items, total: count[0].n, page: q.page, pageSize: q.pageSize };
  }
}

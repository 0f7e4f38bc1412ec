import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  DomainError,
  ErrorDetail,
  inTransaction,
  Page,
  PageQuery,
  Role,
} from '@portal/platform';
import { CreateUserDto } from '../auth/dto';
import { passwordProblem } from '../auth/password-policy';
import { validateCreditCode } from '../credit-code/credit-code';
import { CheckedCreditCode, CreditCodeService } from '../credit-code/credit-code.service';
import { alreadyRegistered, assertFree, isUniqueViolation, unprocessable } from './account-checks';
import { EXPERT_PROFILES, ExpertProfiles } from './expert-profiles.port';
import { User } from './user.entity';
import { IDENTITY_ERRORS } from '../errors';

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

/** Accounts: the caller's own, the administrators' user management (experts included) and the first admin. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly creditCodes: CreditCodeService,
    @Optional() @Inject(EXPERT_PROFILES) private readonly experts: ExpertProfiles | null,
  ) {}

  async me(caller: AuthUser) {
    const u = await this.ds.getRepository(User).findOneBy({ id: caller.id });
    if (!u) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
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
    let employer: CheckedCreditCode | null = null;
    const conflictCodes: string[] = [];
    if (dto.expert) {
      try {
        employer = await this.creditCodes.check(dto.expert.employerCreditCode, 'expert.employerCreditCode');
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
        await assertFree(m, null, email);
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
          if (!this.experts) throw new Error('no provider of EXPERT_PROFILES (the review module) is loaded');
          const conflicts = (dto.expert.conflicts ?? []).map((c, i) => ({
            creditCode: conflictCodes[i],
            note: c.note,
          }));
          await this.experts.create(tx, user.id, {
            fields: dto.expert.fields,
            employerCreditCode: employer.code,
            regionCode: dto.expert.regionCode,
            provinceCode: dto.expert.regionCode.slice(0, 2),
            conflicts,
          });
          expert = {
            fields: dto.expert.fields,
            employerCreditCode: employer.code,
            regionCode: dto.expert.regionCode,
            conflicts,
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
      if (isUniqueViolation(err)) throw alreadyRegistered();
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
}

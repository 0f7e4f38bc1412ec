import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
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
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { validateCreditCode } from '../credit-code/credit-code';
import { CheckedCreditCode, CreditCodeService } from '../credit-code/credit-code.service';
import { alreadyRegistered, assertFree, isUniqueViolation, unprocessable } from './account-checks';
import { AccountStatusCache } from './account-status';
import { EXPERT_PROFILES, ExpertProfiles } from './expert-profiles.port';
import { agencyExists } from '../agencies/agencies.service';
import { provinceView } from '../agencies/provinces';
import { User } from './user.entity';
import { IDENTITY_ERRORS } from '../errors';

export interface PublicUser {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  roles: Role[];
  organizationId: string | null;
  /** Officers: their agency; null = national, every program. */
  agencyId: string | null;
  emailVerified: boolean;
  disabled: boolean;
}

export function publicUser(u: User): PublicUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    phone: u.phone,
    roles: u.roles,
    organizationId: u.organizationId,
    agencyId: u.agencyId,
    emailVerified: !!u.emailVerifiedAt,
    disabled: !!u.disabledAt,
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
    private readonly passwords: PasswordHasher,
    private readonly accounts: AccountStatusCache,
    @Optional() @Inject(EXPERT_PROFILES) private readonly experts: ExpertProfiles | null,
  ) {}

  async me(caller: AuthUser) {
    const u = await this.ds.getRepository(User).findOneBy({ id: caller.id });
    if (!u) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
    const agency: {
      id: string;
      code: string;
      name_zh: string;
      name_en: string;
      level: string;
      province_code: string | null;
      programs: string[];
    }[] = u.agencyId
      ? await this.ds.query(
          `SELECT id, code, name_zh, name_en, level, province_code, programs FROM agency WHERE id = $1`,
          [u.agencyId],
        )
      : [];
    const a = agency[0];
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      roles: u.roles,
      organizationId: u.organizationId,
      emailVerified: !!u.emailVerifiedAt,
      agency: a
        ? {
            id: a.id,
            code: a.code,
            nameZh: a.name_zh,
            nameEn: a.name_en,
            level: a.level,
            provinceCode: a.province_code,
            province: provinceView(a.province_code),
            programs: a.programs,
          }
        : null,
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
    // an admin makes accounts, so could make the second finance user of a maker–checker pair: never both roles
    if (roles.includes('admin') && roles.includes('finance'))
      details.push({
        path: 'roles',
        message: {
          zh: '系统管理员不能同时拥有财务角色',
          en: 'the admin and finance roles cannot be held together',
        },
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
    if (dto.agencyId && !roles.includes('officer'))
      details.push({
        path: 'agencyId',
        message: { zh: '只有审核人员（officer）属于主管部门', en: 'only officer accounts belong to an agency' },
      });
    if (dto.organizationId && !/^[0-9a-f-]{36}$/i.test(dto.organizationId))
      details.push({ path: 'organizationId', message: 'not a uuid' });
    if (details.length) throw unprocessable(details);
    const email = dto.email.trim().toLowerCase();
    await assertFree(this.ds.manager, null, email); // before the expensive hash; the transaction checks again
    const passwordHash = await this.passwords.hash(dto.password);
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
        if (dto.agencyId && !(await agencyExists(m, dto.agencyId)))
          throw unprocessable([{ path: 'agencyId', message: { zh: '主管部门不存在', en: 'no such agency' } }]);
        const user = await m.save(
          m.create(User, {
            email,
            name: dto.name.trim(),
            phone: dto.phone ?? null,
            passwordHash,
            roles,
            organizationId: dto.organizationId ?? null,
            agencyId: dto.agencyId ?? null,
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
          data: { email, roles, expert: !!dto.expert, agencyId: dto.agencyId ?? null },
        });
        return { ...publicUser(user), ...(expert ? { expert } : {}) };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyRegistered();
      throw err;
    }
  }

  /** Newest first; `role` one of the roles, `text` a part of the name or e-mail (any case). */
  async listUsers(q: PageQuery, role?: string, text?: string): Promise<Page<PublicUser>> {
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    if (role) qb.andWhere(':role = ANY(u.roles)', { role });
    const part = text?.trim();
    if (part) {
      const like = `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(u.name ILIKE :like OR u.email ILIKE :like)', { like });
    }
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(publicUser), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Disables (or enables again) an account. Disabling revokes its refresh tokens; its access tokens stop working at
   * once in this process and within ACCOUNT_STATUS_TTL_MS in the others (every request checks the account). An admin
   * cannot disable their own account.
   */
  async setDisabled(actor: AuthUser, id: string, disabled: boolean): Promise<PublicUser> {
    if (disabled && actor.id === id) throw IDENTITY_ERRORS['USER.SELF_LOCKOUT']();
    const user = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const rows = await m.query(
        `UPDATE app_user SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END, updated_at = now(),
                version = version + 1
          WHERE id = $1 RETURNING id`,
        [id, disabled],
      );
      if (!rows[0].length) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
      if (disabled)
        await m.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      await this.audit.record(m, {
        actorId: actor.id,
        action: disabled ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: id,
      });
      return m.findOneByOrFail(User, { id });
    });
    this.accounts.invalidate(id);
    return publicUser(user);
  }

  /**
   * Sets an account's roles. Removing a role takes effect on the next request (see setDisabled for other processes).
   * The expert role comes with an expert profile, so it is granted only by creating the account (POST /api/users); the
   * applicant role needs the account to belong to an organization; an admin keeps their own admin role.
   */
  async setRoles(actor: AuthUser, id: string, rolesRaw: string[]): Promise<PublicUser> {
    const roles = rolesRaw as Role[];
    if (actor.id === id && !roles.includes('admin')) throw IDENTITY_ERRORS['USER.SELF_LOCKOUT']();
    const user = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const current = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
      const details: ErrorDetail[] = [];
      if (roles.includes('expert') && !current.roles.includes('expert'))
        details.push({
          path: 'roles',
          message: {
            zh: '专家角色需随专家信息一起创建（POST /api/users）',
            en: 'the expert role comes with an expert profile: create the account with POST /api/users',
          },
        });
      if (roles.includes('applicant') && !current.organizationId)
        details.push({
          path: 'roles',
          message: {
            zh: '申报单位角色需要所属单位',
            en: 'the applicant role needs the account to belong to an organization',
          },
        });
      if (details.length) throw unprocessable(details);
      const before = current.roles;
      await m.query(`UPDATE app_user SET roles = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
        id,
        roles,
      ]);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'user.roles-changed',
        entityType: 'user',
        entityId: id,
        data: { from: before, to: roles },
      });
      return m.findOneByOrFail(User, { id });
    });
    this.accounts.invalidate(id);
    return publicUser(user);
  }

  /**
   * Puts an officer in an agency (or none: national, every program). Their scope changes on their next request in this
   * process, within ACCOUNT_STATUS_TTL_MS in the others (like setRoles). Only officer accounts belong to an agency.
   */
  async setAgency(actor: AuthUser, id: string, agencyId: string | null): Promise<PublicUser> {
    const user = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const current = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw IDENTITY_ERRORS['USER.NOT_FOUND']();
      if (agencyId !== null && !current.roles.includes('officer'))
        throw unprocessable([
          {
            path: 'agencyId',
            message: { zh: '只有审核人员（officer）属于主管部门', en: 'only officer accounts belong to an agency' },
          },
        ]);
      if (agencyId !== null && !(await agencyExists(m, agencyId)))
        throw unprocessable([{ path: 'agencyId', message: { zh: '主管部门不存在', en: 'no such agency' } }]);
      await m.query(`UPDATE app_user SET agency_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
        id,
        agencyId,
      ]);
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'user.agency-changed',
        entityType: 'user',
        entityId: id,
        data: { from: current.agencyId, to: agencyId },
      });
      return m.findOneByOrFail(User, { id });
    });
    this.accounts.invalidate(id);
    return publicUser(user);
  }

  /** Creates the first admin from PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD when no admin exists. */
  async bootstrapAdmin(email?: string, password?: string): Promise<'created' | 'exists' | 'skipped'> {
    const existing = await this.ds.query(`SELECT 1 FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`);
    if (existing.length) return 'exists';
    if (!email || !password) return 'skipped';
    const passwordHash = await this.passwords.hash(password);
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

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  officerScope,
  Page,
  PageQuery,
  shanghaiDay,
  Tx,
} from '@portal/platform';
import { FlagDto } from '../auth/dto';
import { ProvinceCorrectionDto } from '../agencies/agency.dto';
import { isProvinceCode, provinceView, ProvinceView } from '../agencies/provinces';
import { unprocessable } from '../users/account-checks';
import { Organization, OrganizationFlag } from './organization.entity';
import { IDENTITY_ERRORS } from '../errors';
import { OWNER_OF_SQL } from '../colleagues/owner';

/** An organization as the API shows it: its row with its province's names. */
export type OrganizationView = Organization & { province: ProvinceView };

export function organizationView(org: Organization): OrganizationView {
  return Object.assign(org, { province: provinceView(org.provinceCode) });
}

/** One admin correction of an organization's province, with its reason (history, oldest first). */
export interface ProvinceChangeView {
  id: string;
  from: ProvinceView;
  to: ProvinceView;
  reason: string;
  changedBy: string;
  changedByName: string | null;
  changedAt: string;
}

/** One change of an organization's name (an accepted change report of a 认定 enterprise), oldest first. */
export interface NameChangeView {
  id: string;
  from: string;
  to: string;
  reason: string;
  changedBy: string | null;
  changedAt: string;
}

/**
 * Issue 12: an officer of a province sees (and flags) only the organizations registered in that province (the
 * organization's `province_code`); 404 otherwise, as for another organization. National officers, admins and finance
 * see every organization; an organization has no program, so the agency's programs do not narrow this.
 */
export function officerSeesOrganization(caller: AuthUser, org: { provinceCode: string | null }): boolean {
  if (!caller.roles.includes('officer') || caller.roles.includes('admin') || caller.roles.includes('finance'))
    return true;
  const province = officerScope(caller).provinceCode;
  return !province || org.provinceCode === province;
}

/** Organizations as their members and officers see them, and the officers' flags (e.g. a ban from applying). */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
  ) {}

  /** Own members and officers see an organization; everyone else gets 404. */
  async getOrganization(caller: AuthUser, id: string): Promise<Organization> {
    const isStaff = caller.roles.some((r) => r === 'officer' || r === 'admin' || r === 'finance');
    if (!isStaff && caller.organizationId !== id) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    const org = await this.ds.getRepository(Organization).findOneBy({ id });
    if (!org || !officerSeesOrganization(caller, org)) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    return org;
  }

  /**
   * Organizations for admins and officers, newest first; `q` finds them by a part of the name (case-insensitive) or of
   * the credit code (upper-cased, as stored). An officer of a province gets that province's organizations only, as
   * for one organization (officerSeesOrganization); admins and national officers get all.
   */
  async listOrganizations(caller: AuthUser, q: PageQuery & { q?: string }): Promise<Page<OrganizationView>> {
    const qb = this.ds
      .getRepository(Organization)
      .createQueryBuilder('o')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    const text = (q.q ?? '').trim();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(`(o.name ILIKE :like OR o.credit_code LIKE :code)`, { like, code: like.toUpperCase() });
    }
    // a provincial officer (the one caller who does not see an organization of no province)
    if (!officerSeesOrganization(caller, { provinceCode: null }))
      qb.andWhere('o.province_code = :province', { province: officerScope(caller).provinceCode });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(organizationView), total, page: q.page, pageSize: q.pageSize };
  }

  /** The organization view: its province with names and the admins' corrections of it (oldest first). */
  async viewOrganization(
    caller: AuthUser,
    id: string,
  ): Promise<
    OrganizationView & {
      provinceChanges: ProvinceChangeView[];
      nameChanges: NameChangeView[];
      ownerUserId: string | null;
    }
  > {
    const org = await this.getOrganization(caller, id);
    const owner: { owner: string | null }[] = await this.ds.query(
      `SELECT ${OWNER_OF_SQL} AS owner FROM organization o WHERE o.id = $1`,
      [id],
    );
    return {
      ...organizationView(org),
      provinceChanges: await this.provinceChanges(id),
      nameChanges: await this.nameChanges(id),
      ownerUserId: owner[0]?.owner ?? null,
    };
  }

  /**
   * Renames the organization inside the caller's transaction `m` (issue 13: an officer accepts a 认定 enterprise's
   * change report of kind `rename`): the row (locked, version + 1), a row of organization_name_change (the history the
   * organization view shows as `nameChanges`) and `organization.renamed` in the audit chain. 404 for no such
   * organization, 422 when the name is empty or already the organization's. Returns the names before and after.
   */
  async rename(
    m: EntityManager,
    organizationId: string,
    newName: string,
    reason: string,
    actorId: string | null,
  ): Promise<{ from: string; to: string }> {
    const to = newName.trim();
    const [org]: { name: string }[] = await m.query(`SELECT name FROM organization WHERE id = $1 FOR UPDATE`, [
      organizationId,
    ]);
    if (!org) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    if (!to || to === org.name)
      throw unprocessable([
        {
          path: 'newName',
          message: { zh: '新名称不能为空且须与现名称不同', en: 'the new name must differ from the current one' },
        },
      ]);
    await m.query(`UPDATE organization SET name = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
      organizationId,
      to,
    ]);
    await m.query(
      `INSERT INTO organization_name_change (organization_id, from_name, to_name, reason, changed_by) VALUES ($1, $2, $3, $4, $5)`,
      [organizationId, org.name, to, reason, actorId],
    );
    await this.audit.record(m, {
      actorId,
      action: 'organization.renamed',
      entityType: 'organization',
      entityId: organizationId,
      data: { from: org.name, to, reason },
    });
    return { from: org.name, to };
  }

  private async nameChanges(organizationId: string): Promise<NameChangeView[]> {
    const rows: {
      id: string;
      from_name: string;
      to_name: string;
      reason: string;
      changed_by: string | null;
      changed_at: Date;
    }[] = await this.ds.query(
      `SELECT id, from_name, to_name, reason, changed_by, changed_at FROM organization_name_change
        WHERE organization_id = $1 ORDER BY changed_at, id`,
      [organizationId],
    );
    return rows.map((r) => ({
      id: r.id,
      from: r.from_name,
      to: r.to_name,
      reason: r.reason,
      changedBy: r.changed_by,
      changedAt: r.changed_at.toISOString(),
    }));
  }

  /**
   * An admin corrects the organization's province (the credit code's positions 3–4 name the wrong one: a pilot-era
   * code, a company that moved) with a reason: the organization row, a row of organization_province_change (the
   * history shown in the organization view) and the audit event, in one transaction. 422 for a code that is not one
   * of the 31 provinces or is the current one.
   */
  async correctProvince(actor: AuthUser, id: string, dto: ProvinceCorrectionDto) {
    if (!isProvinceCode(dto.provinceCode))
      throw unprocessable([
        {
          path: 'provinceCode',
          message: {
            zh: '需要 31 个省（区、市）之一的代码（GB/T 2260 前两位）',
            en: 'needs the code of one of the 31 provinces (GB/T 2260, two digits)',
          },
        },
      ]);
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const org = await m.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
      if (org.provinceCode === dto.provinceCode)
        throw unprocessable([
          {
            path: 'provinceCode',
            message: { zh: '单位已属于该省份', en: 'the organization is already in this province' },
          },
        ]);
      await m.query(
        `UPDATE organization SET province_code = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, dto.provinceCode],
      );
      await m.query(
        `INSERT INTO organization_province_change (organization_id, from_code, to_code, reason, changed_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, org.provinceCode, dto.provinceCode, dto.reason.trim(), actor.id],
      );
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'organization.province-corrected',
        entityType: 'organization',
        entityId: id,
        data: { from: org.provinceCode, to: dto.provinceCode, reason: dto.reason.trim() },
      });
    });
    return this.viewOrganization(actor, id);
  }

  private async provinceChanges(organizationId: string): Promise<ProvinceChangeView[]> {
    const rows: {
      id: string;
      from_code: string;
      to_code: string;
      reason: string;
      changed_by: string;
      name: string | null;
      changed_at: Date;
    }[] = await this.ds.query(
      `SELECT c.id, c.from_code, c.to_code, c.reason, c.changed_by, u.name, c.changed_at
         FROM organization_province_change c LEFT JOIN app_user u ON u.id = c.changed_by
        WHERE c.organization_id = $1 ORDER BY c.changed_at, c.id`,
      [organizationId],
    );
    return rows.map((r) => ({
      id: r.id,
      from: provinceView(r.from_code),
      to: provinceView(r.to_code),
      reason: r.reason,
      changedBy: r.changed_by,
      changedByName: r.name,
      changedAt: r.changed_at.toISOString(),
    }));
  }

  async addFlag(actor: AuthUser, organizationId: string, dto: FlagDto): Promise<OrganizationFlag> {
    return inTransaction(this.ds, (tx) => this.addFlagIn(tx, actor, organizationId, dto));
  }

  /**
   * The same in the caller's transaction (issue 13: a confirmed overdue-report warning, a failed evaluation), with its
   * audit event; 404 for an organization outside the officer's scope.
   */
  async addFlagIn(tx: Tx, actor: AuthUser, organizationId: string, dto: FlagDto): Promise<OrganizationFlag> {
    if (dto.until && dto.until < dto.from)
      throw unprocessable([{ path: 'until', message: { zh: '结束日期不能早于开始日期', en: 'until is before from' } }]);
    const org = await tx.manager.findOneBy(Organization, { id: organizationId });
    if (!org || !officerSeesOrganization(actor, org)) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
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
  }

  async listFlags(caller: AuthUser, organizationId: string) {
    await this.getOrganization(caller, organizationId);
    const flags = await this.ds
      .getRepository(OrganizationFlag)
      .find({ where: { organizationId }, order: { createdAt: 'DESC' } });
    const today = shanghaiDay(this.clock.now());
    return flags.map((f) => ({ ...f, active: f.from <= today && (!f.until || f.until >= today) }));
  }
}

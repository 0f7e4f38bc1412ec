import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, shanghaiDay } from '@portal/platform';
import { FlagDto } from '../auth/dto';
import { unprocessable } from '../users/account-checks';
import { Organization, OrganizationFlag } from './organization.entity';
import { IDENTITY_ERRORS } from '../errors';

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
    if (!org) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    return org;
  }

  async addFlag(actor: AuthUser, organizationId: string, dto: FlagDto): Promise<OrganizationFlag> {
    if (dto.until && dto.until < dto.from)
      throw unprocessable([{ path: 'until', message: { zh: '结束日期不能早于开始日期', en: 'until is before from' } }]);
    return inTransaction(this.ds, async (tx) => {
      const org = await tx.manager.findOneBy(Organization, { id: organizationId });
      if (!org) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
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
}

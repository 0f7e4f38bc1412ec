import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, IsNotEmpty } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  MailService,
  page,
  Page,
  PageQuery,
} from '@portal/platform';
import { awardRevoked, mailOrganization } from '@portal/notifications';
import { lockApplicationForAwards, readCallForAwards } from '@portal/applications';
import { ApplicationOutcome } from '../shared/application-outcome';
import { AWARD_PAYMENTS, AwardPayments } from '../shared/award-payments.port';
import { isStaff } from '../shared/call-facts';
import { AWARD_SQL, awardView, AwardView, publicAwardRow, PublicAwardRow } from './award.view';
import { AWARD_ERRORS } from '../errors';

export class AwardListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ example: 'jingpin' }) @IsOptional() @IsString() @MaxLength(40) program?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: ['active', 'revoked'] }) @IsOptional() @IsIn(['active', 'revoked']) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organizationId?: string;
}

export class PublicAwardQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'rending' }) @IsOptional() @IsString() @MaxLength(40) program?: string;
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class RevokeDto {
  @ApiProperty({ description: 'why the award is revoked (e.g. fraud found in an audit)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

/** Awards: the officer's and finance's list, the organization's own, the public list, revocation. */
@Injectable()
export class AwardsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    @Inject(AWARD_PAYMENTS) private readonly plans: AwardPayments,
    private readonly outcome: ApplicationOutcome,
  ) {}

  async list(user: AuthUser, q: AwardListQuery): Promise<Page<AwardView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!isStaff(user.roles))
      where.push(`aw.organization_id = $${params.push(user.organizationId ?? '00000000-0000-0000-0000-000000000000')}`);
    else if (q.organizationId) where.push(`aw.organization_id = $${params.push(q.organizationId)}`);
    if (q.callId) where.push(`aw.call_id = $${params.push(q.callId)}`);
    if (q.program) where.push(`aw.program_code = $${params.push(q.program)}`);
    if (q.year) where.push(`aw.year = $${params.push(q.year)}`);
    if (q.status) where.push(`aw.status = $${params.push(q.status)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM award aw ${w}`, params);
    const rows = await this.ds.query(
      `${AWARD_SQL} ${w} ORDER BY aw.year DESC, aw.program_code, app.number, aw.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(rows.map(awardView), total, q);
  }

  async get(user: AuthUser, id: string): Promise<AwardView> {
    const rows = await this.ds.query(`${AWARD_SQL} WHERE aw.id = $1`, [id]);
    if (!rows.length || (!isStaff(user.roles) && rows[0].organization_id !== user.organizationId))
      throw AWARD_ERRORS['AWARD.NOT_FOUND']();
    return awardView(rows[0]);
  }

  /** The public list: `?program=&year=`; revoked awards stay listed as revoked. `all` for the CSV / XLSX downloads. */
  async publicList(q: PublicAwardQuery, all = false): Promise<Page<PublicAwardRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.program) where.push(`aw.program_code = $${params.push(q.program)}`);
    if (q.year) where.push(`aw.year = $${params.push(q.year)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM award aw ${w}`, params);
    const limit = all ? '' : `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    const rows = await this.ds.query(
      `${AWARD_SQL} ${w} ORDER BY aw.year DESC, aw.program_code, aw.certificate_no NULLS LAST, app.number, aw.id ${limit}`,
      all ? params : [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(rows.map(publicAwardRow), total, all ? ({ page: 1, pageSize: total } as PageQuery) : q);
  }

  /** → revoked: the application too; unpaid instalments cancelled, paid ones put up for recovery; the organization told. */
  async revoke(
    user: AuthUser,
    id: string,
    reason: string,
  ): Promise<AwardView & { cancelledFen: number; recoveringFen: number }> {
    const now = this.clock.now();
    const money = await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const rows = await m.query(`${AWARD_SQL} WHERE aw.id = $1 FOR UPDATE OF aw`, [id]);
      if (!rows.length) throw AWARD_ERRORS['AWARD.NOT_FOUND']();
      const a = rows[0];
      if (a.status === 'revoked') throw AWARD_ERRORS['AWARD.ALREADY_REVOKED']();
      await m.query(
        `UPDATE award SET status = 'revoked', revoked_reason = $2, revoked_at = $3, revoked_by = $4, version = version + 1 WHERE id = $1`,
        [id, reason.trim(), now, user.id],
      );
      const app = await lockApplicationForAwards(m, a.application_id);
      if (app?.status === 'awarded')
        await this.outcome.move(tx, app, 'revoked', user.id, reason.trim(), { awardId: id });
      const result = await this.plans.revoke(tx, id, reason.trim(), user.id);
      const call = await readCallForAwards(m, a.call_id);
      await mailOrganization(
        this.mail,
        tx,
        a.organization_id,
        awardRevoked({
          organization: a.organization_name,
          number: a.number,
          title: a.title,
          callTitle: call?.title ?? '',
          reason: reason.trim(),
          recoveringFen: result.recoveringFen,
        }),
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: 'award.revoked',
        entityType: 'award',
        entityId: id,
        data: { reason: reason.trim(), ...result },
      });
      return result;
    });
    return { ...(await this.get(user, id)), ...money };
  }
}

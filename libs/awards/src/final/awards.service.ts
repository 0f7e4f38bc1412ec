import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, IsNotEmpty } from 'class-validator';
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
  SqlRow,
  Tx,
} from '@portal/platform';
import { awardRevoked, mailOrganization } from '@portal/notifications';
import { lockApplicationForAwards, readCallForAwards } from '@portal/applications';
import { ApplicationOutcome } from '../shared/application-outcome';
import { AWARD_PAYMENTS, AwardPayments } from '../shared/award-payments.port';
import { isStaff } from '../shared/call-facts';
import { scopeJoin, staffMaySee, staffScopeCondition } from '../shared/officer-scope';
import { AWARD_SQL, awardView, AwardView, publicAwardRow, PublicAwardRow } from './award.view';
import { AWARD_ERRORS } from '../errors';

/** A province filter: GB/T 2260 two-digit code. */
const PROVINCE = /^[0-9]{2}$/;

export class AwardListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ example: 'jingpin' }) @IsOptional() @IsString() @MaxLength(40) program?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: ['active', 'revoked', 'lapsed'] })
  @IsOptional()
  @IsIn(['active', 'revoked', 'lapsed'])
  status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organizationId?: string;
  @ApiPropertyOptional({ example: '32', description: "the organization's province (GB/T 2260 two-digit code)" })
  @IsOptional()
  @Matches(PROVINCE)
  province?: string;
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
  @ApiPropertyOptional({ example: '32', description: "the organization's province (GB/T 2260 two-digit code)" })
  @IsOptional()
  @Matches(PROVINCE)
  province?: string;
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'add the `province` field (column) last; implied by `province`',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  withProvince?: 'true' | 'false';
}

/** Whether the public list carries the province field (asked for, or filtered by). */
export const publicWithProvince = (q: PublicAwardQuery): boolean => !!q.province || q.withProvince === 'true';

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
    else {
      if (q.organizationId) where.push(`aw.organization_id = $${params.push(q.organizationId)}`);
      // issue 12: an officer sees the awards of the applications in their scope only
      const scope = staffScopeCondition(user, params);
      if (scope !== 'TRUE') where.push(scope);
    }
    if (q.province) where.push(`so.province_code = $${params.push(q.province)}`);
    if (q.callId) where.push(`aw.call_id = $${params.push(q.callId)}`);
    if (q.program) where.push(`aw.program_code = $${params.push(q.program)}`);
    if (q.year) where.push(`aw.year = $${params.push(q.year)}`);
    if (q.status) where.push(`aw.status = $${params.push(q.status)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM award aw ${scopeJoin('aw.application_id')} ${w}`,
      params,
    );
    const rows = await this.ds.query(
      `${AWARD_SQL} ${w} ORDER BY aw.year DESC, aw.program_code, app.number, aw.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(rows.map(awardView), total, q);
  }

  async get(user: AuthUser, id: string): Promise<AwardView> {
    const rows = await this.ds.query(`${AWARD_SQL} WHERE aw.id = $1`, [id]);
    if (!rows.length || !this.maySee(user, rows[0])) throw AWARD_ERRORS['AWARD.NOT_FOUND']();
    return awardView(rows[0]);
  }

  /** The owner organization, or staff whose scope covers the award's application (issue 12). */
  maySee(user: AuthUser, row: SqlRow): boolean {
    if (!isStaff(user.roles)) return row.organization_id === user.organizationId;
    return staffMaySee(user, { scope_program: row.scope_program, scope_province: row.scope_province });
  }

  /** The public list: `?program=&year=&province=`; revoked awards stay listed as revoked. `all` for the CSV / XLSX downloads. */
  async publicList(q: PublicAwardQuery, all = false): Promise<Page<PublicAwardRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.program) where.push(`aw.program_code = $${params.push(q.program)}`);
    if (q.year) where.push(`aw.year = $${params.push(q.year)}`);
    if (q.province) where.push(`so.province_code = $${params.push(q.province)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM award aw ${scopeJoin('aw.application_id')} ${w}`,
      params,
    );
    const limit = all ? '' : `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    const rows = await this.ds.query(
      `${AWARD_SQL} ${w} ORDER BY aw.year DESC, aw.program_code, aw.certificate_no NULLS LAST, app.number, aw.id ${limit}`,
      all ? params : [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const withProvince = publicWithProvince(q);
    return page(
      rows.map((r: SqlRow) => publicAwardRow(r, withProvince)),
      total,
      all ? ({ page: 1, pageSize: total } as PageQuery) : q,
    );
  }

  /** → revoked: the application too; unpaid instalments cancelled, paid ones put up for recovery; the organization told. */
  async revoke(
    user: AuthUser,
    id: string,
    reason: string,
  ): Promise<AwardView & { cancelledFen: number; recoveringFen: number }> {
    const money = await inTransaction(this.ds, (tx) => this.revokeIn(tx, user, id, reason));
    return { ...(await this.get(user, id)), ...money };
  }

  /**
   * The revocation in the caller's transaction (issue 13: a failed evaluation recovers the award this way, with the
   * organization's flag in the same transaction, recovering the program's share of what was paid:
   * `recoveryPercent`, default all). 404 outside the user's scope, 409 when already revoked.
   */
  async revokeIn(
    tx: Tx,
    user: AuthUser,
    id: string,
    reason: string,
    recoveryPercent = 100,
  ): Promise<{ cancelledFen: number; recoveringFen: number }> {
    const now = this.clock.now();
    const m = tx.manager;
    // NO KEY UPDATE: excludes another revocation and FOR SHARE readers (a milestone), but not the key-share lock of a
    // payment's ledger line referencing the award, which may be settling meanwhile (payments stamps and waits for it)
    const rows = await m.query(`${AWARD_SQL} WHERE aw.id = $1 FOR NO KEY UPDATE OF aw`, [id]);
    if (!rows.length || !this.maySee(user, rows[0])) throw AWARD_ERRORS['AWARD.NOT_FOUND']();
    const a = rows[0];
    if (a.status === 'revoked') throw AWARD_ERRORS['AWARD.ALREADY_REVOKED']();
    await m.query(
      `UPDATE award SET status = 'revoked', revoked_reason = $2, revoked_at = $3, revoked_by = $4, version = version + 1 WHERE id = $1`,
      [id, reason.trim(), now, user.id],
    );
    const app = await lockApplicationForAwards(m, a.application_id);
    if (app?.status === 'awarded') await this.outcome.move(tx, app, 'revoked', user.id, reason.trim(), { awardId: id });
    const result = await this.plans.revoke(tx, id, reason.trim(), user.id, recoveryPercent);
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
      `/my/awards/${id}`,
    );
    await this.audit.record(m, {
      actorId: user.id,
      action: 'award.revoked',
      entityType: 'award',
      entityId: id,
      data: { reason: reason.trim(), ...result },
    });
    return result;
  }
}

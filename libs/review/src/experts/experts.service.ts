import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  ErrorDetail,
  inTransaction,
  NATIONAL_SCOPE,
  officerScope,
  Page,
  page,
  PageQuery,
  PLATFORM_ERRORS,
  RateLimiter,
} from '@portal/platform';
import { CreditCodeService, organizationsRelation, usersRelation, validateCreditCode } from '@portal/identity';
import { applicationsRelation, callsRelation } from '@portal/applications';
import { APPLICATION_ERRORS } from '@portal/applications';
import { REVIEW_ERRORS } from '../errors';

/** The organization search answers at most this many a page, and at most 50 pages (1,000 rows per query text). */
export const ORGANIZATION_SEARCH_MAX_PAGE_SIZE = 20;
/** Searches an expert may run per minute (the list of organizations is not for harvesting). */
export const ORGANIZATION_SEARCHES_PER_MINUTE = 30;

/** A row of the expert list's statement. */
interface ExpertListRow {
  id: string;
  name: string;
  email: string;
  fields: string[];
  employerCreditCode: string;
  regionCode: string;
  provinceCode: string;
  available: boolean;
  updatedAt: Date;
  conflicts: { creditCode: string; note: string; fromReview: boolean }[];
  pending: number;
  submitted: number;
  declined: number;
  expired: number;
}

export class ExpertListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'load is counted in this call (default: every call)' })
  @IsOptional()
  @IsUUID()
  callId?: string;
  @ApiPropertyOptional({ description: 'only experts with this field (a program code, or code/track)' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Matches(/^[a-z0-9-]+(\/[a-z0-9-]+)?$/)
  field?: string;
}

/**
 * The expert's search of organizations to declare a conflict with: a part of the name (any case) or the start of the
 * credit code. At most 20 a page; the answer holds the name, the credit code and the id only.
 */
export class OrganizationSearchQuery {
  @ApiProperty({ description: 'a part of the name, or the start of the credit code (2–60 characters)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  q: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  page = 1;

  @ApiPropertyOptional({ default: 10, maximum: ORGANIZATION_SEARCH_MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ORGANIZATION_SEARCH_MAX_PAGE_SIZE)
  pageSize = 10;
}

export class ConflictDto {
  @ApiProperty({ example: '91350100M000100Y43' }) @IsString() @MaxLength(40) creditCode: string;
  @ApiProperty({ example: '曾任该公司顾问' }) @IsString() @MaxLength(500) note: string;
}

export class UpdateMyExpertProfileDto {
  @ApiPropertyOptional({ description: 'whether the expert may be drawn' })
  @IsOptional()
  @IsBoolean()
  available?: boolean;
  @ApiPropertyOptional({
    type: [ConflictDto],
    description: 'the full list of declared conflicts (replaces the previous list)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ConflictDto)
  conflicts?: ConflictDto[];
}

/**
 * The expert pool. Fields, employer and region are set by administrators (POST /api/users); the expert keeps their
 * availability and declared conflicts up to date. Conflicts recorded by declining a review are listed apart
 * (`reviewConflicts`, by application number): a blind application's credit code is never shown to the expert.
 */
@Injectable()
export class ExpertsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly creditCodes: CreditCodeService,
    private readonly limits: RateLimiter,
  ) {}

  /**
   * Organizations an expert may declare a conflict with: by a part of the name or the start of the credit code, name
   * order, paged (≤ 20, ≤ 50 pages) and limited per expert (30 searches a minute, 429 `EXPERT.TOO_MANY_SEARCHES`).
   * Only the id, name and credit code: nothing else of an organization reaches an expert.
   */
  async searchOrganizations(caller: AuthUser, q: OrganizationSearchQuery): Promise<Page<Record<string, unknown>>> {
    await this.limits.take(
      {
        rule: 'expert-org-search:user',
        subject: caller.id,
        limit: ORGANIZATION_SEARCHES_PER_MINUTE,
        windowSeconds: 60,
      },
      (seconds) => REVIEW_ERRORS['EXPERT.TOO_MANY_SEARCHES']({ headers: { 'Retry-After': String(seconds) } }),
    );
    const text = q.q.trim();
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const code = `${text.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const cond = `(o.name ILIKE $1 OR o.credit_code LIKE $2)`;
    const total = Number(
      (
        await this.ds.query(`SELECT count(*)::int AS n FROM ${organizationsRelation('o')} WHERE ${cond}`, [like, code])
      )[0].n,
    );
    const items: { id: string; name: string; creditCode: string }[] = await this.ds.query(
      `SELECT o.id, o.name, o.credit_code AS "creditCode" FROM ${organizationsRelation('o')}
        WHERE ${cond} ORDER BY o.name, o.id LIMIT $3 OFFSET $4`,
      [like, code, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(items, total, q);
  }

  /**
   * The pool as an officer sees it. Issue 12: an officer of a province sees the experts registered with that province
   * (`expert_profile.province_code`) — the experts its provincial round (the `recommend` stage) draws from; the national
   * office sees every expert. A `callId` whose program the officer's programs leave out is 404, as the call itself.
   */
  async list(user: AuthUser, q: ExpertListQuery): Promise<Page<Record<string, unknown>>> {
    const scope = user.roles.includes('officer') ? officerScope(user) : NATIONAL_SCOPE;
    if (q.callId) {
      const calls: { program_code: string }[] = await this.ds.query(
        `SELECT c.program_code FROM ${callsRelation('c')} WHERE c.id = $1`,
        [q.callId],
      );
      if (!calls.length || (scope.programs && !scope.programs.includes(calls[0].program_code)))
        throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    }
    const field = q.field ?? null;
    const fieldCond = (provinceParam: string) => `($1::text IS NULL
      OR EXISTS (SELECT 1 FROM unnest(p.fields) f WHERE f = $1 OR f LIKE $1 || '/%' OR $1 LIKE f || '/%'))
      AND (${provinceParam}::text IS NULL OR p.province_code = ${provinceParam})`;
    const province = scope.provinceCode ?? null;
    const total = Number(
      (
        await this.ds.query(
          `SELECT count(*)::int AS n FROM ${usersRelation('u')} JOIN expert_profile p ON p.user_id = u.id
            WHERE 'expert' = ANY(u.roles) AND u.disabled_at IS NULL AND ${fieldCond('$2')}`,
          [field, province],
        )
      )[0].n,
    );
    const rows: ExpertListRow[] = await this.ds.query(
      `SELECT u.id, u.name, u.email, p.fields, p.employer_credit_code AS "employerCreditCode", p.region_code AS "regionCode",
              p.province_code AS "provinceCode", p.available, p.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('creditCode', c.credit_code, 'note', c.note,
                                                          'fromReview', c.source_review_id IS NOT NULL) ORDER BY c.created_at, c.id)
                          FROM expert_conflict c WHERE c.expert_id = u.id), '[]'::json) AS conflicts,
              count(r.id) FILTER (WHERE r.status = 'pending')::int AS pending,
              count(r.id) FILTER (WHERE r.status = 'submitted')::int AS submitted,
              count(r.id) FILTER (WHERE r.status = 'declined')::int AS declined,
              count(r.id) FILTER (WHERE r.status = 'expired')::int AS expired
         FROM ${usersRelation('u')} JOIN expert_profile p ON p.user_id = u.id
         LEFT JOIN review_assignment r ON r.expert_id = u.id AND ($2::uuid IS NULL OR r.call_id = $2)
        WHERE 'expert' = ANY(u.roles) AND u.disabled_at IS NULL AND ${fieldCond('$5')}
        GROUP BY u.id, u.name, u.email, p.user_id
        ORDER BY u.name, u.id
        LIMIT $3 OFFSET $4`,
      [field, q.callId ?? null, q.pageSize, (q.page - 1) * q.pageSize, province],
    );
    const items = rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      fields: r.fields,
      employerCreditCode: r.employerCreditCode,
      regionCode: r.regionCode,
      provinceCode: r.provinceCode,
      available: r.available,
      conflicts: r.conflicts,
      load: r.pending + r.submitted,
      loadByStatus: { pending: r.pending, submitted: r.submitted, declined: r.declined, expired: r.expired },
      callId: q.callId ?? null,
      updatedAt: r.updatedAt,
    }));
    return page(items, total, q);
  }

  async me(caller: AuthUser) {
    const rows = await this.ds.query(
      `SELECT u.id, u.name, u.email, p.fields, p.employer_credit_code AS "employerCreditCode", p.region_code AS "regionCode",
              p.province_code AS "provinceCode", p.available, p.updated_at AS "updatedAt"
         FROM ${usersRelation('u')} JOIN expert_profile p ON p.user_id = u.id WHERE u.id = $1`,
      [caller.id],
    );
    if (!rows.length) throw REVIEW_ERRORS['EXPERT.NOT_FOUND']();
    const conflicts = await this.ds.query(
      `SELECT c.credit_code AS "creditCode", c.note,
              (SELECT o.name FROM ${organizationsRelation('o')} WHERE o.credit_code = c.credit_code LIMIT 1) AS "organizationName"
         FROM expert_conflict c
        WHERE c.expert_id = $1 AND c.source_review_id IS NULL ORDER BY c.created_at, c.id`,
      [caller.id],
    );
    const reviewConflicts = await this.ds.query(
      `SELECT c.source_review_id AS "reviewId", a.number AS "applicationNumber", c.note, c.created_at AS "declaredAt"
         FROM expert_conflict c JOIN review_assignment r ON r.id = c.source_review_id
         JOIN ${applicationsRelation('a')} ON a.id = r.application_id
        WHERE c.expert_id = $1 ORDER BY c.created_at, c.id`,
      [caller.id],
    );
    return { ...rows[0], conflicts, reviewConflicts };
  }

  async updateMe(caller: AuthUser, dto: UpdateMyExpertProfileDto) {
    const details: ErrorDetail[] = [];
    const codes: string[] = [];
    for (const [i, c] of (dto.conflicts ?? []).entries()) {
      const r = validateCreditCode(c.creditCode);
      if (r.ok) {
        if (codes.includes(r.code))
          details.push({
            path: `conflicts.${i}.creditCode`,
            message: { zh: '重复的信用代码', en: 'this credit code is listed twice' },
          });
        codes.push(r.code);
        continue;
      }
      // a pilot-era code an administrator accepted despite its check character (identity knows the exceptions)
      const accepted =
        r.fault === 'check'
          ? await this.creditCodes.check(c.creditCode, `conflicts.${i}.creditCode`).catch(() => null)
          : null;
      if (accepted) codes.push(accepted.code);
      else details.push({ path: `conflicts.${i}.creditCode`, message: r.message });
    }
    if (details.length) throw PLATFORM_ERRORS['VALIDATION.FAILED']({ details });
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const exists = await m.query(`SELECT 1 FROM expert_profile WHERE user_id = $1 FOR UPDATE`, [caller.id]);
      if (!exists.length) throw REVIEW_ERRORS['EXPERT.NOT_FOUND']();
      const now = this.clock.now();
      if (dto.available !== undefined)
        await m.query(`UPDATE expert_profile SET available = $2, updated_at = $3 WHERE user_id = $1`, [
          caller.id,
          dto.available,
          now,
        ]);
      if (dto.conflicts !== undefined) {
        await m.query(
          `DELETE FROM expert_conflict WHERE expert_id = $1 AND source_review_id IS NULL AND NOT (credit_code = ANY($2::text[]))`,
          [caller.id, codes],
        );
        for (const [i, code] of codes.entries()) {
          await m.query(
            `INSERT INTO expert_conflict (expert_id, credit_code, note) VALUES ($1, $2, $3)
             ON CONFLICT (expert_id, credit_code) DO UPDATE SET note = EXCLUDED.note, source_review_id = NULL`,
            [caller.id, code, dto.conflicts[i].note.trim()],
          );
        }
        await m.query(`UPDATE expert_profile SET updated_at = $2 WHERE user_id = $1`, [caller.id, now]);
      }
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'expert.profile-updated',
        entityType: 'user',
        entityId: caller.id,
        data: {
          ...(dto.available !== undefined ? { available: dto.available } : {}),
          ...(dto.conflicts !== undefined ? { conflicts: codes } : {}),
        },
      });
    });
    return this.me(caller);
  }
}

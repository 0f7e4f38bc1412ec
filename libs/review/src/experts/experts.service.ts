import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  ErrorDetail,
  inTransaction,
  Page,
  page,
  PageQuery,
  PLATFORM_ERRORS,
} from '@portal/platform';
import { CreditCodeService, usersRelation, validateCreditCode } from '@portal/identity';
import { applicationsRelation, callExists } from '@portal/applications';
import { APPLICATION_ERRORS } from '@portal/applications';
import { REVIEW_ERRORS } from '../errors';

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
  ) {}

  async list(q: ExpertListQuery): Promise<Page<Record<string, unknown>>> {
    if (q.callId) {
      if (!(await callExists(this.ds.manager, q.callId))) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    }
    const field = q.field ?? null;
    const fieldCond = `($1::text IS NULL
      OR EXISTS (SELECT 1 FROM unnest(p.fields) f WHERE f = $1 OR f LIKE $1 || '/%' OR $1 LIKE f || '/%'))`;
    const total = Number(
      (
        await this.ds.query(
          `SELECT count(*)::int AS n FROM ${usersRelation('u')} JOIN expert_profile p ON p.user_id = u.id
            WHERE 'expert' = ANY(u.roles) AND u.disabled_at IS NULL AND ${fieldCond}`,
          [field],
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
        WHERE 'expert' = ANY(u.roles) AND u.disabled_at IS NULL AND ${fieldCond}
        GROUP BY u.id, u.name, u.email, p.user_id
        ORDER BY u.name, u.id
        LIMIT $3 OFFSET $4`,
      [field, q.callId ?? null, q.pageSize, (q.page - 1) * q.pageSize],
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
      `SELECT credit_code AS "creditCode", note FROM expert_conflict
        WHERE expert_id = $1 AND source_review_id IS NULL ORDER BY created_at, id`,
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

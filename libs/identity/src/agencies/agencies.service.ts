import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ErrorDetail, inTransaction, Page } from '@portal/platform';
import { isUniqueViolation, unprocessable } from '../users/account-checks';
import { AccountStatusCache } from '../users/account-status';
import { IDENTITY_ERRORS } from '../errors';
import { AgencyLevel, AgencyListQuery, CreateAgencyDto, UpdateAgencyDto } from './agency.dto';
import { PROGRAM_CODES, ProgramCodes } from './program-codes.port';
import { isProvinceCode, provinceView, ProvinceView } from './provinces';

export interface AgencyView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  level: AgencyLevel;
  provinceCode: string | null;
  province: ProvinceView | null;
  /** Empty: every program. */
  programs: string[];
  officers: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface AgencyRow {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  level: AgencyLevel;
  province_code: string | null;
  programs: string[];
  officers: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT ag.id, ag.code, ag.name_zh, ag.name_en, ag.description_zh, ag.description_en, ag.level,
       ag.province_code, ag.programs, ag.version, ag.created_at, ag.updated_at,
       (SELECT count(*)::int FROM app_user u WHERE u.agency_id = ag.id) AS officers
  FROM agency ag`;

function view(r: AgencyRow): AgencyView {
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    descriptionZh: r.description_zh,
    descriptionEn: r.description_en,
    level: r.level,
    provinceCode: r.province_code,
    province: provinceView(r.province_code),
    programs: r.programs,
    officers: r.officers,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * Agencies (主管部门, issue 12): the national office and the provincial departments, each with its level, province and
 * the programs it handles. Admins create and edit them; officers and admins list them. An officer's scope is read
 * from their agency per request (AccountStatusCache), so an edit that moves an agency's province or programs
 * invalidates its officers' entries here (other processes follow within ACCOUNT_STATUS_TTL_MS).
 */
@Injectable()
export class AgenciesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly accounts: AccountStatusCache,
    @Optional() @Inject(PROGRAM_CODES) private readonly programCodes: ProgramCodes | null,
  ) {}

  async list(q: AgencyListQuery): Promise<Page<AgencyView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.level) {
      params.push(q.level);
      where.push(`ag.level = $${params.length}`);
    }
    if (q.province) {
      params.push(q.province);
      where.push(`ag.province_code = $${params.length}`);
    }
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM agency ag ${cond}`, params);
    const rows: AgencyRow[] = await this.ds.query(
      `${SELECT} ${cond} ORDER BY ag.level, ag.province_code NULLS FIRST, ag.code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(view), total: total[0].n, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<AgencyView> {
    return view(await this.row(this.ds.manager, id));
  }

  async create(actor: AuthUser, dto: CreateAgencyDto): Promise<AgencyView> {
    const provinceCode = dto.provinceCode ?? null;
    const programs = dto.programs ?? [];
    this.check(dto.level, provinceCode, programs);
    try {
      return await inTransaction(this.ds, async (tx) => {
        const m = tx.manager;
        const made: { id: string }[] = await m.query(
          `INSERT INTO agency (code, name_zh, name_en, description_zh, description_en, level, province_code, programs)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            dto.code,
            dto.nameZh.trim(),
            dto.nameEn.trim(),
            dto.descriptionZh ?? '',
            dto.descriptionEn ?? '',
            dto.level,
            provinceCode,
            programs,
          ],
        );
        await this.audit.record(m, {
          actorId: actor.id,
          action: 'agency.created',
          entityType: 'agency',
          entityId: made[0].id,
          data: { code: dto.code, level: dto.level, provinceCode, programs },
        });
        return view(await this.row(m, made[0].id));
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw IDENTITY_ERRORS['AGENCY.DUPLICATE']();
      throw err;
    }
  }

  async update(actor: AuthUser, id: string, dto: UpdateAgencyDto): Promise<AgencyView> {
    let officers: string[] = [];
    try {
      const out = await inTransaction(this.ds, async (tx) => {
        const m = tx.manager;
        const before = await this.row(m, id, true);
        if (before.version !== dto.version) throw IDENTITY_ERRORS['AGENCY.STALE_VERSION']();
        const level = dto.level ?? before.level;
        // a national agency has no province: moving to national drops it unless one is given (then 422)
        const provinceCode =
          dto.provinceCode !== undefined ? dto.provinceCode : level === 'national' ? null : before.province_code;
        const programs = dto.programs ?? before.programs;
        this.check(level, provinceCode, programs);
        await m.query(
          `UPDATE agency SET name_zh = $2, name_en = $3, description_zh = $4, description_en = $5, level = $6,
                  province_code = $7, programs = $8, version = version + 1, updated_at = now()
            WHERE id = $1`,
          [
            id,
            dto.nameZh?.trim() ?? before.name_zh,
            dto.nameEn?.trim() ?? before.name_en,
            dto.descriptionZh ?? before.description_zh,
            dto.descriptionEn ?? before.description_en,
            level,
            provinceCode,
            programs,
          ],
        );
        const changed: Record<string, { from: unknown; to: unknown }> = {};
        const compare = (key: string, from: unknown, to: unknown) => {
          if (JSON.stringify(from) !== JSON.stringify(to)) changed[key] = { from, to };
        };
        compare('nameZh', before.name_zh, dto.nameZh?.trim() ?? before.name_zh);
        compare('nameEn', before.name_en, dto.nameEn?.trim() ?? before.name_en);
        compare('level', before.level, level);
        compare('provinceCode', before.province_code, provinceCode);
        compare('programs', before.programs, programs);
        await this.audit.record(m, {
          actorId: actor.id,
          action: 'agency.updated',
          entityType: 'agency',
          entityId: id,
          data: changed,
        });
        const members: { id: string }[] = await m.query(`SELECT id FROM app_user WHERE agency_id = $1`, [id]);
        officers = members.map((r) => r.id);
        return view(await this.row(m, id));
      });
      return out;
    } catch (err) {
      if (isUniqueViolation(err)) throw IDENTITY_ERRORS['AGENCY.DUPLICATE']();
      throw err;
    } finally {
      for (const o of officers) this.accounts.invalidate(o);
    }
  }

  /** 422 unless the level, province and programs fit together. */
  private check(level: AgencyLevel, provinceCode: string | null, programs: string[]) {
    const details: ErrorDetail[] = [];
    if (level === 'national' && provinceCode !== null)
      details.push({
        path: 'provinceCode',
        message: { zh: '国家级主管部门没有所属省份', en: 'a national agency has no province' },
      });
    if (level === 'provincial' && (provinceCode === null || !isProvinceCode(provinceCode)))
      details.push({
        path: 'provinceCode',
        message: {
          zh: '省级主管部门需要 31 个省（区、市）之一的代码（GB/T 2260 前两位）',
          en: 'a provincial agency needs the code of one of the 31 provinces (GB/T 2260, two digits)',
        },
      });
    const known = this.programCodes?.codes();
    if (known)
      programs.forEach((p, i) => {
        if (!known.includes(p))
          details.push({
            path: `programs.${i}`,
            message: { zh: `没有代码为 ${p} 的项目`, en: `no program has the code ${p}` },
          });
      });
    if (details.length) throw unprocessable(details);
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<AgencyRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw IDENTITY_ERRORS['AGENCY.NOT_FOUND']();
    if (lock) await m.query(`SELECT 1 FROM agency WHERE id = $1 FOR UPDATE`, [id]);
    const rows: AgencyRow[] = await m.query(`${SELECT} WHERE ag.id = $1`, [id]);
    if (!rows.length) throw IDENTITY_ERRORS['AGENCY.NOT_FOUND']();
    return rows[0];
  }
}

/** An agency's id when it exists (in the caller's transaction, locked against deletion — agencies are never deleted). */
export async function agencyExists(m: EntityManager, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const rows = await m.query(`SELECT 1 FROM agency WHERE id = $1 FOR SHARE`, [id]);
  return rows.length > 0;
}

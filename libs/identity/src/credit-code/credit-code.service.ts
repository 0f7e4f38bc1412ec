import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, inTransaction, Page, PageQuery } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { CreditCodeExceptionDto } from '../auth/dto';
import { unprocessable } from '../users/account-checks';
import { validateCreditCode } from './credit-code';

export interface CheckedCreditCode {
  code: string;
  regionCode: string;
  provinceCode: string;
  /** The administrator's reason when the code fails its check character but was accepted. */
  exception: string | null;
}

/** The credit-code check with the administrators' accepted exceptions (pilot-era codes). */
@Injectable()
export class CreditCodeService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Checks a credit code by GB 32100, letting through a failing pilot-era code an administrator accepted. */
  async check(raw: string, path: string): Promise<CheckedCreditCode> {
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
    throw IDENTITY_ERRORS['IDENTITY.CREDIT_CODE_INVALID'](result.message, {
      details: [{ path, message: result.message }],
    });
  }

  async acceptException(actor: AuthUser, dto: CreditCodeExceptionDto) {
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

  /** The accepted exceptions, newest first (the admins' list). */
  async listExceptions(q: PageQuery): Promise<Page<CreditCodeExceptionItem>> {
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT x.credit_code, x.reason, x.accepted_by, u.name AS accepted_by_name, x.created_at, o.name AS organization_name
           FROM credit_code_exception x
           LEFT JOIN app_user u ON u.id = x.accepted_by
           LEFT JOIN organization o ON o.credit_code = x.credit_code
          ORDER BY x.created_at DESC, x.credit_code LIMIT $1 OFFSET $2`,
        [q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.ds.query(`SELECT count(*)::int AS n FROM credit_code_exception`),
    ]);
    return {
      items: rows.map((r: Record<string, string | Date | null>) => ({
        creditCode: String(r.credit_code),
        reason: String(r.reason),
        acceptedBy: String(r.accepted_by),
        acceptedByName: (r.accepted_by_name as string | null) ?? null,
        createdAt: new Date(r.created_at as Date).toISOString(),
        organizationName: (r.organization_name as string | null) ?? null,
      })),
      total: count[0].n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}

export interface CreditCodeExceptionItem {
  creditCode: string;
  reason: string;
  acceptedBy: string;
  acceptedByName: string | null;
  createdAt: string;
  organizationName: string | null;
}

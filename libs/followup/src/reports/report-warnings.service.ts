import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, page, Page, shanghaiDay } from '@portal/platform';
import { officerApplicationsCondition } from '@portal/applications';
import { OrganizationsService } from '@portal/identity';
import { FOLLOWUP_ERRORS } from '../errors';
import { AWARD_FACTS_FROM, maySeeAward, readAwardFacts } from './award-facts';
import { ReportWarningResponse, WarningListQuery } from './reports.dto';

interface WarningRow {
  id: string;
  report_id: string;
  award_id: string;
  kind: string;
  due_on: string;
  raised_at: Date;
  status: ReportWarningResponse['status'];
  note: string | null;
  organization_id: string;
  organization_name: string;
  number: string | null;
  title: string;
}

const WARNING_SELECT = `w.id, w.report_id, w.award_id, r.kind, to_char(w.due_on, 'YYYY-MM-DD') AS due_on, w.raised_at,
  w.status, w.note, aw.organization_id, o.name AS organization_name, a.number, a.title`;

function warningView(w: WarningRow): ReportWarningResponse {
  return {
    id: w.id,
    reportId: w.report_id,
    awardId: w.award_id,
    kind: w.kind,
    dueOn: w.due_on,
    raisedAt: new Date(w.raised_at).toISOString(),
    status: w.status,
    note: w.note,
    organizationId: w.organization_id,
    organizationName: w.organization_name,
    number: w.number,
    title: w.title,
  };
}

/**
 * The 60-days-overdue warnings (issue 13): the officer confirms one — the organization gets a `violation` flag from
 * today, with the reason, through identity's flag path in the same transaction — or dismisses it.
 */
@Injectable()
export class ReportWarningsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {}

  async list(user: AuthUser, q: WarningListQuery): Promise<Page<ReportWarningResponse>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const scope = officerApplicationsCondition(
      user,
      { program: 'aw.program_code', province: 'o.province_code', level: 'a.level' },
      params,
    );
    if (scope !== 'TRUE') where.push(scope);
    if (q.status) where.push(`w.status = $${params.push(q.status)}`);
    const from = `FROM report_warning w JOIN award_report r ON r.id = w.report_id JOIN ${AWARD_FACTS_FROM} ON aw.id = w.award_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: WarningRow[] = await this.ds.query(
      `SELECT ${WARNING_SELECT} ${from} ORDER BY w.raised_at, w.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(rows.map(warningView), total, q);
  }

  async decide(
    user: AuthUser,
    id: string,
    decision: 'confirmed' | 'dismissed',
    note: string | undefined,
  ): Promise<ReportWarningResponse> {
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const rows: { status: string; award_id: string; kind: string; due_on: string }[] = await m.query(
        `SELECT w.status, w.award_id, r.kind, to_char(w.due_on, 'YYYY-MM-DD') AS due_on
           FROM report_warning w JOIN award_report r ON r.id = w.report_id WHERE w.id = $1 FOR UPDATE OF w`,
        [id],
      );
      if (!rows.length) throw FOLLOWUP_ERRORS['REPORT.WARNING_NOT_FOUND']();
      const w = rows[0];
      const f = await readAwardFacts(m, w.award_id);
      if (!f || !maySeeAward(user, f)) throw FOLLOWUP_ERRORS['REPORT.WARNING_NOT_FOUND']();
      if (w.status !== 'open') throw FOLLOWUP_ERRORS['REPORT.WARNING_DECIDED']();
      const now = this.clock.now();
      let flagId: string | null = null;
      if (decision === 'confirmed') {
        const flag = await this.organizations.addFlagIn(tx, user, f.organizationId, {
          kind: 'violation',
          reason:
            `报告逾期超过 60 天：${f.number ?? ''}“${f.title}”的 ${w.kind} 报告（应于 ${w.due_on} 提交）${note ? `；${note}` : ''}` +
            ` / report ${w.kind} of ${f.number ?? ''} overdue more than 60 days (due ${w.due_on})`,
          from: shanghaiDay(now),
        });
        flagId = flag.id;
      }
      await m.query(
        `UPDATE report_warning SET status = $2, decided_by = $3, decided_at = $4, note = $5 WHERE id = $1`,
        [id, decision, user.id, now, note ?? null],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: decision === 'confirmed' ? 'report.warning-confirmed' : 'report.warning-dismissed',
        entityType: 'report_warning',
        entityId: id,
        data: { awardId: w.award_id, kind: w.kind, note: note ?? null, flagId },
      });
      const out: WarningRow[] = await m.query(
        `SELECT ${WARNING_SELECT} FROM report_warning w JOIN award_report r ON r.id = w.report_id
           JOIN ${AWARD_FACTS_FROM} ON aw.id = w.award_id WHERE w.id = $1`,
        [id],
      );
      return warningView(out[0]);
    });
  }
}

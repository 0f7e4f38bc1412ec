import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditService,
  AuthUser,
  CalendarService,
  ClockService,
  inTransaction,
  MailService,
  page,
  Page,
  shanghaiDay,
  SqlRow,
  WorkingDayCalendar,
  uploadedFileName,
} from '@portal/platform';
import {
  IDENTITY_ERRORS,
  officerSeesOrganization,
  organizationsRelation,
  OrganizationsService,
} from '@portal/identity';
import { officerApplicationsCondition, officerMaySeeApplication, parseRange, StoredBytes } from '@portal/applications';
import { awardsRelation, CertificateReissue } from '@portal/awards';
import { changeReportDecided, mailOrganization } from '@portal/notifications';
import { StorageService } from '@portal/storage';
import { FOLLOWUP_ERRORS } from '../errors';
import { changeReportDeadline, isLateReport } from './change-report-deadline';
import { ChangeReportDto, ChangeReportListQuery } from './change-report.dto';
import { assertChangeReportTransition } from './change-report-status';
import { CHANGE_REPORT_SQL, changeReportView, ChangeReportView } from './change-report.view';
import { LICENCE_MAX_BYTES, LicenceUpload, sniffLicence } from './licence-file';

/** The program whose certificates carry the duty to report changes (认定管理办法). */
const CERTIFICATE_PROGRAM = 'rending';

interface Certificate {
  id: string;
  day: string;
}

const invalid = (path: string, zh: string, en: string) =>
  FOLLOWUP_ERRORS['CHANGE_REPORT.INVALID']({ details: [{ path, message: { zh, en } }] });

function isRealDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/**
 * 认定 change reports (变更, issue 13 item 5): a certified enterprise reports a change of name, structure, address or legal
 * representative within 15 working days, with the new business licence; a provincial officer of the organization's
 * province (or the national office) accepts or returns it. Accepting a rename renames the organization (identity) and
 * reissues its certificates under the same numbers (awards).
 */
@Injectable()
export class ChangeReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly calendar: CalendarService,
    private readonly storage: StorageService,
    private readonly organizations: OrganizationsService,
    private readonly certificates: CertificateReissue,
  ) {}

  /**
   * Whether `user` may file a report for organization `orgId` (checked before a byte of the licence is stored, and
   * again by `file`): a member of it (else 404, as for any other organization's record) whose organization holds an
   * active 认定 certificate (else 409). Returns the certificates, the enterprise's first.
   */
  async admit(user: AuthUser | undefined, orgId: string, m: EntityManager = this.ds.manager): Promise<Certificate[]> {
    if (!user || !user.organizationId || user.organizationId !== orgId)
      throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    const certs = await this.certificatesOf(m, orgId);
    if (!certs.length) throw FOLLOWUP_ERRORS['CHANGE_REPORT.NOT_CERTIFIED']();
    return certs;
  }

  /** The organization's active 认定 certificates: the 动漫企业 one first, then by age. */
  private async certificatesOf(m: EntityManager, orgId: string): Promise<(Certificate & { track: string | null })[]> {
    return m.query(
      `SELECT aw.id, aw.track, to_char((aw.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day
         FROM ${awardsRelation('aw')}
        WHERE aw.organization_id = $1 AND aw.program_code = $2 AND aw.status = 'active' AND aw.certificate_no IS NOT NULL
        ORDER BY (aw.track = 'enterprise') DESC, aw.created_at, aw.id`,
      [orgId, CERTIFICATE_PROGRAM],
    );
  }

  /**
   * Files a report. The deadline is 15 working days after `effectiveOn` on the calendar; a report after it is recorded
   * all the same and marked `late` (the change must be on record; the lateness is a breach the officer judges).
   * 422 for an effective day in the future or before the first certificate, a rename without a new name (or the same
   * name), a new name on another kind; 422 without the licence, 413 over 10 MB, 415 not PDF/JPEG/PNG; 409 while a
   * report of the same kind waits for the officer.
   */
  async file(
    user: AuthUser,
    orgId: string,
    dto: ChangeReportDto,
    licence: LicenceUpload | undefined,
  ): Promise<ChangeReportView> {
    const certs = await this.admit(user, orgId);
    if (!licence || !licence.size)
      throw FOLLOWUP_ERRORS['CHANGE_REPORT.LICENCE_REQUIRED']({ details: [{ path: 'file', message: 'required' }] });
    if (licence.size > LICENCE_MAX_BYTES)
      throw FOLLOWUP_ERRORS['CHANGE_REPORT.LICENCE_TOO_LARGE'](
        { maxBytes: LICENCE_MAX_BYTES },
        { details: [{ path: 'file', message: 'too large' }] },
      );
    const mime = sniffLicence(licence.sample);
    if (!mime)
      throw FOLLOWUP_ERRORS['CHANGE_REPORT.LICENCE_TYPE']({ details: [{ path: 'file', message: 'type not allowed' }] });

    const today = shanghaiDay(this.clock.now());
    if (!isRealDate(dto.effectiveOn)) throw invalid('effectiveOn', '日期无效', 'no such date');
    if (dto.effectiveOn > today)
      throw invalid('effectiveOn', '变更生效日期不能晚于今天', `the change cannot take effect after today (${today})`);
    const firstDay = certs.map((c) => c.day).sort()[0];
    if (dto.effectiveOn < firstDay)
      throw invalid(
        'effectiveOn',
        `变更生效日期早于发证日期（${firstDay}），无需报告`,
        `the change took effect before the certificate was issued (${firstDay})`,
      );
    const newName = dto.newName?.trim() || null;
    if (dto.kind === 'rename' && !newName) throw invalid('newName', '更名须填写新名称', 'a rename needs the new name');
    if (dto.kind !== 'rename' && newName)
      throw invalid('newName', '只有更名报告填写新名称', 'only a rename carries a new name');

    const deadline = changeReportDeadline(new WorkingDayCalendar(await this.calendar.load()), dto.effectiveOn);
    const late = isLateReport(deadline, today);
    const now = this.clock.now();
    const id = licence.id;
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const [org]: { name: string }[] = await m.query(
        `SELECT o.name FROM ${organizationsRelation('o')} WHERE o.id = $1`,
        [orgId],
      );
      if (newName && newName === org.name)
        throw invalid('newName', '新名称与现名称相同', 'the new name is the current name');
      const pending = await m.query(
        `SELECT id FROM change_report WHERE organization_id = $1 AND kind = $2 AND status = 'submitted'`,
        [orgId, dto.kind],
      );
      if (pending.length)
        throw FOLLOWUP_ERRORS['CHANGE_REPORT.PENDING']({ details: [{ path: 'kind', message: pending[0].id }] });
      try {
        await m.query(
          `INSERT INTO change_report (id, organization_id, award_id, program_code, kind, effective_on, old_name, new_name, detail,
                                      deadline, late, licence_file_name, licence_mime_type, licence_size, licence_sha256,
                                      licence_storage_key, filed_by, filed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
          [
            id,
            orgId,
            certs[0].id,
            CERTIFICATE_PROGRAM,
            dto.kind,
            dto.effectiveOn,
            org.name,
            newName,
            dto.detail.trim(),
            deadline,
            late,
            uploadedFileName(licence.originalname, 'licence'),
            mime,
            licence.size,
            licence.sha256,
            licence.key,
            user.id,
            now,
          ],
        );
      } catch (err) {
        // the partial unique index: a report of the same kind filed at the same moment
        if ((err as { code?: string }).code === '23505') throw FOLLOWUP_ERRORS['CHANGE_REPORT.PENDING']();
        throw err;
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: 'change-report.filed',
        entityType: 'change_report',
        entityId: id,
        data: { organizationId: orgId, kind: dto.kind, effectiveOn: dto.effectiveOn, newName, deadline, late },
      });
    });
    return this.load(this.ds.manager, id);
  }

  /**
   * Reports, newest first (`?status=submitted`: the officer's queue, oldest first). An organization's members see their
   * own; an officer those of the organizations of their province (and the 认定 program) — the applications' one answer.
   */
  async list(user: AuthUser, q: ChangeReportListQuery, orgId?: string): Promise<Page<ChangeReportView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (user.roles.includes('officer')) {
      const scope = officerApplicationsCondition(
        user,
        { program: 'cr.program_code', province: 'o.province_code' },
        params,
      );
      if (scope !== 'TRUE') where.push(scope);
    } else if (user.organizationId) where.push(`cr.organization_id = $${params.push(user.organizationId)}`);
    else return page([], 0, q);
    if (orgId) where.push(`cr.organization_id = $${params.push(orgId)}`);
    if (q.status) where.push(`cr.status = $${params.push(q.status)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM change_report cr JOIN ${organizationsRelation('o')} ON o.id = cr.organization_id ${w}`,
      params,
    );
    const order = q.status === 'submitted' ? 'cr.filed_at, cr.id' : 'cr.filed_at DESC, cr.id';
    const rows: SqlRow[] = await this.ds.query(
      `${CHANGE_REPORT_SQL} ${w} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(rows.map(changeReportView), total, q);
  }

  /** One organization's reports: its members, or an officer who sees the organization (404 otherwise). */
  async listForOrganization(user: AuthUser, orgId: string, q: ChangeReportListQuery): Promise<Page<ChangeReportView>> {
    if (user.roles.includes('officer')) {
      const [org]: { province_code: string }[] = await this.ds.query(
        `SELECT o.province_code FROM ${organizationsRelation('o')} WHERE o.id = $1`,
        [orgId],
      );
      if (!org || !officerSeesOrganization(user, { provinceCode: org.province_code }))
        throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    } else if (user.organizationId !== orgId) throw IDENTITY_ERRORS['ORGANIZATION.NOT_FOUND']();
    return this.list(user, q, orgId);
  }

  async get(user: AuthUser, id: string): Promise<ChangeReportView> {
    return changeReportView(await this.visibleRow(this.ds.manager, user, id));
  }

  /** The licence as uploaded, honouring `Range`. */
  async licence(user: AuthUser, id: string, rangeHeader: string | undefined): Promise<StoredBytes> {
    const r = await this.visibleRow(this.ds.manager, user, id);
    const v = changeReportView(r);
    const range = parseRange(rangeHeader, v.licence.size);
    const key: string = r.licence_storage_key;
    return {
      attachment: { size: v.licence.size, mimeType: v.licence.mimeType, fileName: v.licence.fileName },
      etag: id,
      range,
      open: () => this.storage.get(key, range === 'unsatisfiable' ? undefined : range),
    };
  }

  /**
   * The officer's decision, one transaction: the report's status through the transition table (409 when already
   * decided), and for an accepted rename the organization's new name (identity's `rename`, with its history row) and
   * every active 认定 certificate of the organization reissued today under its number (awards' `reissueCertificate`);
   * the organization's members are told by mail (the outbox, in the same transaction).
   */
  async decide(user: AuthUser, id: string, to: 'accepted' | 'returned', note: string): Promise<ChangeReportView> {
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      await m.query(`SELECT id FROM change_report WHERE id = $1 FOR UPDATE`, [id]);
      const r = await this.visibleRow(m, user, id);
      assertChangeReportTransition(r.status, to);
      let reissuedOn: string | null = null;
      const reissued: string[] = [];
      if (to === 'accepted' && r.kind === 'rename') {
        const reason = `变更报告 ${id}：${r.detail}`.slice(0, 2000);
        await this.organizations.rename(m, r.organization_id, r.new_name, reason, user.id);
        for (const c of await this.certificatesOf(m, r.organization_id)) {
          reissuedOn = (await this.certificates.reissueCertificate(tx, c.id, `更名：${r.new_name}`, user.id)).issuedOn;
          reissued.push(c.id);
        }
      }
      await m.query(
        `UPDATE change_report SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5, reissued_on = $6,
                version = version + 1
          WHERE id = $1`,
        [id, to, user.id, this.clock.now(), note.trim(), reissuedOn],
      );
      await this.audit.record(m, {
        actorId: user.id,
        action: to === 'accepted' ? 'change-report.accepted' : 'change-report.returned',
        entityType: 'change_report',
        entityId: id,
        data: { kind: r.kind, note: note.trim(), reissuedAwards: reissued, reissuedOn },
      });
      await mailOrganization(
        this.mail,
        tx,
        r.organization_id,
        changeReportDecided({
          organization: r.kind === 'rename' && to === 'accepted' ? r.new_name : r.organization_name,
          kind: r.kind,
          effectiveOn: r.effective_day,
          accepted: to === 'accepted',
          note: note.trim(),
          newName: r.new_name ?? null,
          reissuedOn,
        }),
        `/my/awards/${r.award_id}`,
      );
    });
    return this.load(this.ds.manager, id);
  }

  /** The row, or 404 for a report of another organization or outside the officer's scope. */
  private async visibleRow(m: EntityManager, user: AuthUser, id: string): Promise<SqlRow> {
    const [r]: SqlRow[] = await m.query(`${CHANGE_REPORT_SQL} WHERE cr.id = $1`, [id]);
    if (!r) throw FOLLOWUP_ERRORS['CHANGE_REPORT.NOT_FOUND']();
    const visible = user.roles.includes('officer')
      ? officerMaySeeApplication(user, { programCode: r.program_code, provinceCode: r.province_code })
      : !!user.organizationId && user.organizationId === r.organization_id;
    if (!visible) throw FOLLOWUP_ERRORS['CHANGE_REPORT.NOT_FOUND']();
    return r;
  }

  private async load(m: EntityManager, id: string): Promise<ChangeReportView> {
    const [r]: SqlRow[] = await m.query(`${CHANGE_REPORT_SQL} WHERE cr.id = $1`, [id]);
    return changeReportView(r);
  }
}

import { Injectable } from '@nestjs/common';
import { randomUUID, createHash } from 'crypto';
import { Readable } from 'stream';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  ErrorDetail,
  inTransaction,
  MailService,
  page,
  Page,
  PortalConfig,
  shanghaiDay,
  Tx,
  uploadedFileName,
} from '@portal/platform';
import { officerApplicationsCondition } from '@portal/applications';
import { findAwardOwner } from '@portal/awards';
import { holdForOverdueReport, InstalmentHolds, PaymentPlans } from '@portal/payments';
import { mailOrganization, reportAccepted, reportReturned } from '@portal/notifications';
import { ProgramDefinition, ProgramRegistry, ReportDefinition, validateDtoPayload } from '@portal/programs';
import { StorageService } from '@portal/storage';
import { FOLLOWUP_ERRORS } from '../errors';
import {
  AWARD_FACTS_COLS,
  AWARD_FACTS_FROM,
  AwardFacts,
  awardFactsOf,
  daysBetween,
  maySeeAward,
  readAwardFacts,
  reportDueOn,
} from './award-facts';
import {
  EDITABLE_REPORT_STATUSES,
  isOverdueReport,
  overdueReportSql,
  reportTransition,
  ReportStatus,
} from './report-status';
import {
  AwardReportsResponse,
  EvaluationResponse,
  ReportAttachmentResponse,
  ReportListQuery,
  ReportQueueItemResponse,
  ReportResponse,
} from './reports.dto';

/** The multer file of an attachment upload (memory storage). */
export interface ReportUpload {
  buffer: Buffer;
  originalname: string;
  size: number;
}

interface ReportRow {
  id: string;
  award_id: string;
  kind: string;
  due_on: string | null;
  status: ReportStatus;
  payload: Record<string, unknown>;
  version: number;
  submitted_at: Date | null;
  decided_at: Date | null;
  note: string | null;
}

const REPORT_COLS = `r.id, r.award_id, r.kind, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.status, r.payload, r.version,
  r.submitted_at, r.decided_at, r.note`;

/** The largest report file this route takes (memory upload): a document's limit. */
export const REPORT_FILE_MAX_BYTES = 50 * 1024 * 1024;

/** PDF, JPEG, PNG or an MP4 / QuickTime file, judged by the first bytes. */
export function sniffReportFile(buf: Buffer): string | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (buf.length >= 12 && buf.subarray(4, 8).toString('latin1') === 'ftyp')
    return buf.subarray(8, 10).toString('latin1') === 'qt' ? 'video/quicktime' : 'video/mp4';
  return null;
}

/**
 * Reports after the award (issue 13): the schedule of the award's program (rows kept in `award_report`, one per kind,
 * their due days kept current), the grantee's draft, files and submission, the officer's return or acceptance — which
 * releases the overdue hold of the report and makes its instalment due (payments' `makeDue`), in one transaction.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly programs: ProgramRegistry,
    private readonly plans: PaymentPlans,
    private readonly holds: InstalmentHolds,
    private readonly storage: StorageService,
    private readonly config: PortalConfig,
  ) {}

  today(): string {
    return shanghaiDay(this.clock.now());
  }

  /** The award the user may see (404 otherwise) and its program. */
  private async visibleAward(m: EntityManager, user: AuthUser, awardId: string) {
    const f = await readAwardFacts(m, awardId);
    if (!f || !maySeeAward(user, f)) throw FOLLOWUP_ERRORS['AWARD_FOLLOWUP.NOT_FOUND']();
    const def = this.programs.get(f.programCode);
    if (!def) throw FOLLOWUP_ERRORS['AWARD_FOLLOWUP.NOT_FOUND']();
    return { f, def };
  }

  /** The program's reports when the award's call requires them, else none. */
  scheduleOf(def: ProgramDefinition, f: AwardFacts): ReportDefinition[] {
    return f.reportsRequired ? (def.reports ?? []) : [];
  }

  /** Writes the schedule's rows (one per kind) and keeps the due day of those not yet accepted current. */
  async ensureSchedule(m: EntityManager, def: ProgramDefinition, f: AwardFacts): Promise<void> {
    const defs = this.scheduleOf(def, f);
    if (!defs.length) return;
    const dues: (string | null)[] = [];
    for (const r of defs) dues.push(await reportDueOn(m, def, f, r));
    const now = this.clock.now();
    await m.query(
      `INSERT INTO award_report (award_id, kind, due_on, created_at, updated_at)
       SELECT $1::uuid, k, d, $4, $4 FROM unnest($2::text[], $3::date[]) AS x(k, d)
       ON CONFLICT (award_id, kind) DO UPDATE SET due_on = EXCLUDED.due_on
        WHERE award_report.status <> 'accepted' AND award_report.due_on IS DISTINCT FROM EXCLUDED.due_on`,
      [f.id, defs.map((r) => r.kind), dues, now],
    );
  }

  private view(
    row: ReportRow,
    r: ReportDefinition | undefined,
    today: string,
    files: ReportAttachmentResponse[],
  ): ReportResponse {
    const daysLeft = row.due_on ? daysBetween(today, row.due_on) : null;
    return {
      id: row.id,
      awardId: row.award_id,
      kind: row.kind,
      name: r ? { ...r.name } : { zh: row.kind, en: row.kind },
      dueOn: row.due_on,
      daysLeft,
      overdue: isOverdueReport(
        row.status,
        row.due_on,
        row.submitted_at ? shanghaiDay(new Date(row.submitted_at)) : null,
        today,
      ),
      status: row.status,
      payload: row.payload ?? {},
      version: Number(row.version),
      submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
      decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
      note: row.note,
      releasesInstalmentNo: r?.releasesInstalmentNo ?? null,
      closing: r?.closing === true,
      attachments: files,
    };
  }

  private async filesOf(m: EntityManager, reportIds: string[]): Promise<Map<string, ReportAttachmentResponse[]>> {
    const out = new Map<string, ReportAttachmentResponse[]>();
    if (!reportIds.length) return out;
    const rows: {
      id: string;
      report_id: string;
      kind: string;
      filename: string;
      mime_type: string;
      size_bytes: string;
      sha256: string;
      created_at: Date;
    }[] = await m.query(
      `SELECT id, report_id, kind, filename, mime_type, size_bytes, sha256, created_at FROM report_attachment
        WHERE report_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [reportIds],
    );
    for (const a of rows) {
      const list = out.get(a.report_id) ?? [];
      list.push({
        id: a.id,
        kind: a.kind,
        filename: a.filename,
        mimeType: a.mime_type,
        sizeBytes: Number(a.size_bytes),
        sha256: a.sha256,
        createdAt: new Date(a.created_at).toISOString(),
      });
      out.set(a.report_id, list);
    }
    return out;
  }

  /** GET /api/awards/:id/reports: the schedule with due days, countdowns, statuses, files, holds and the evaluation. */
  async forAward(user: AuthUser, awardId: string): Promise<AwardReportsResponse> {
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const { f, def } = await this.visibleAward(m, user, awardId);
      if (f.status === 'active') await this.ensureSchedule(m, def, f);
      const rows: ReportRow[] = await m.query(`SELECT ${REPORT_COLS} FROM award_report r WHERE r.award_id = $1`, [
        awardId,
      ]);
      const order = (def.reports ?? []).map((r) => r.kind);
      rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
      const files = await this.filesOf(
        m,
        rows.map((r) => r.id),
      );
      const today = this.today();
      const reports = rows.map((row) =>
        this.view(
          row,
          def.reports?.find((r) => r.kind === row.kind),
          today,
          files.get(row.id) ?? [],
        ),
      );
      const evaluation = await evaluationOf(m, awardId);
      const closingAccepted = reports.some((r) => r.closing && r.status === 'accepted');
      return {
        awardId,
        programCode: f.programCode,
        awardStatus: f.status,
        reportsRequired: f.reportsRequired,
        today,
        reports,
        instalments: await this.holds.of(m, awardId),
        evaluationOpen: !!def.evaluation && closingAccepted && !evaluation && f.status === 'active',
        evaluation,
      };
    });
  }

  /** The grantee's report row of a kind, locked; checks the award, the call's setting and the kind. */
  private async granteeReport(tx: Tx, user: AuthUser, awardId: string, kind: string) {
    const m = tx.manager;
    const { f, def } = await this.visibleAward(m, user, awardId);
    const r = this.scheduleOf(def, f).find((x) => x.kind === kind);
    if (!f.reportsRequired) throw FOLLOWUP_ERRORS['REPORT.NOT_REQUIRED']();
    if (!r) throw FOLLOWUP_ERRORS['REPORT.NOT_FOUND']();
    const owner = await findAwardOwner(m, awardId, true); // FOR SHARE: no revocation meanwhile
    if (!owner || owner.status === 'revoked') throw FOLLOWUP_ERRORS['REPORT.AWARD_REVOKED']();
    await this.ensureSchedule(m, def, f);
    const rows: ReportRow[] = await m.query(
      `SELECT ${REPORT_COLS} FROM award_report r WHERE r.award_id = $1 AND r.kind = $2 FOR UPDATE`,
      [awardId, kind],
    );
    return { f, def, r, row: rows[0] };
  }

  private assertEditable(status: ReportStatus): void {
    if (status === 'submitted') throw FOLLOWUP_ERRORS['REPORT.PENDING']();
    if (status === 'accepted') throw FOLLOWUP_ERRORS['REPORT.ALREADY_ACCEPTED']();
    if (!EDITABLE_REPORT_STATUSES.includes(status)) throw FOLLOWUP_ERRORS['REPORT.PENDING']();
  }

  /** PUT /api/awards/:id/reports/:kind: the draft, checked like an application's draft (400 with the fields). */
  async saveDraft(
    user: AuthUser,
    awardId: string,
    kind: string,
    payload: Record<string, unknown>,
  ): Promise<ReportResponse> {
    return inTransaction(this.ds, async (tx) => {
      const { r, row } = await this.granteeReport(tx, user, awardId, kind);
      this.assertEditable(row.status);
      const { details } = validateDtoPayload(r.payloadDto, payload, 'draft');
      if (details.length) throw FOLLOWUP_ERRORS['REPORT.PAYLOAD_INVALID']({ details });
      await tx.manager.query(`UPDATE award_report SET payload = $2, updated_at = $3 WHERE id = $1`, [
        row.id,
        JSON.stringify(payload),
        this.clock.now(),
      ]);
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'report.saved',
        entityType: 'award_report',
        entityId: row.id,
        data: { awardId, kind },
      });
      return this.one(tx.manager, row.id, r);
    });
  }

  /** POST /api/awards/:id/reports/:kind/attachments: a file of one of the report's kinds, stored before the row. */
  async attach(
    user: AuthUser,
    awardId: string,
    kind: string,
    fileKind: string | undefined,
    file: ReportUpload | undefined,
  ): Promise<ReportAttachmentResponse> {
    if (!file) throw FOLLOWUP_ERRORS['REPORT.NO_FILE']({ details: [{ path: 'file', message: 'required' }] });
    const id = randomUUID();
    const key = `reports/${id}`;
    let stored = false;
    try {
      return await inTransaction(this.ds, async (tx) => {
        const { r, row } = await this.granteeReport(tx, user, awardId, kind);
        this.assertEditable(row.status);
        const k = r.attachmentKinds.find((x) => x.kind === fileKind);
        if (!k)
          throw FOLLOWUP_ERRORS['REPORT.ATTACHMENT_KIND']({
            details: [{ path: 'kind', message: `one of: ${r.attachmentKinds.map((x) => x.kind).join(', ')}` }],
          });
        const mime = sniffReportFile(file.buffer);
        if (!mime || !k.mimeTypes.includes(mime))
          throw FOLLOWUP_ERRORS['REPORT.ATTACHMENT_TYPE']({
            details: [{ path: 'file', message: `accepted: ${k.mimeTypes.join(', ')}` }],
          });
        await this.storage.put(key, Readable.from(file.buffer));
        stored = true;
        const sha256 = createHash('sha256').update(file.buffer).digest('hex');
        const now = this.clock.now();
        const filename = uploadedFileName(file.originalname, 'file', 255);
        await tx.manager.query(
          `INSERT INTO report_attachment (id, report_id, kind, filename, mime_type, size_bytes, sha256, storage_key, uploaded_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [id, row.id, k.kind, filename, mime, file.size, sha256, key, user.id, now],
        );
        await this.audit.record(tx.manager, {
          actorId: user.id,
          action: 'report.attachment-added',
          entityType: 'award_report',
          entityId: row.id,
          data: { attachmentId: id, kind: k.kind, sha256, sizeBytes: file.size },
        });
        return {
          id,
          kind: k.kind,
          filename,
          mimeType: mime,
          sizeBytes: file.size,
          sha256,
          createdAt: now.toISOString(),
        };
      });
    } catch (err) {
      if (stored) await this.storage.delete(key).catch(() => undefined);
      throw err;
    }
  }

  /** The bytes of a report's file, for whoever may see the award. */
  async file(
    user: AuthUser,
    attachmentId: string,
  ): Promise<{ stream: Readable; filename: string; mimeType: string; size: number }> {
    const rows: { award_id: string; filename: string; mime_type: string; size_bytes: string; storage_key: string }[] =
      await this.ds.query(
        `SELECT r.award_id, a.filename, a.mime_type, a.size_bytes, a.storage_key
           FROM report_attachment a JOIN award_report r ON r.id = a.report_id WHERE a.id = $1`,
        [attachmentId],
      );
    if (!rows.length) throw FOLLOWUP_ERRORS['REPORT.NOT_FOUND']();
    await this.visibleAward(this.ds.manager, user, rows[0].award_id).catch(() => {
      throw FOLLOWUP_ERRORS['REPORT.NOT_FOUND']();
    });
    const a = rows[0];
    return {
      stream: await this.storage.get(a.storage_key),
      filename: a.filename,
      mimeType: a.mime_type,
      size: Number(a.size_bytes),
    };
  }

  /** POST /api/awards/:id/reports/:kind/submit: the form complete (422 with what is missing), the required files there. */
  async submit(user: AuthUser, awardId: string, kind: string): Promise<ReportResponse> {
    return inTransaction(this.ds, async (tx) => {
      const { f, r, row } = await this.granteeReport(tx, user, awardId, kind);
      this.assertEditable(row.status);
      const t = reportTransition(row.status, 'submitted', 'grantee');
      if (!t) throw FOLLOWUP_ERRORS['REPORT.PENDING']();
      const details: ErrorDetail[] = [...validateDtoPayload(r.payloadDto, row.payload ?? {}, 'submit').details];
      if (!details.length && r.checks) details.push(...r.checks(row.payload ?? {}, f.applicationPayload));
      const have: { kind: string }[] = await tx.manager.query(
        `SELECT DISTINCT kind FROM report_attachment WHERE report_id = $1`,
        [row.id],
      );
      for (const k of r.attachmentKinds)
        if (f.track && k.required.includes(f.track) && !have.some((h) => h.kind === k.kind))
          details.push({ path: `attachments.${k.kind}`, message: `${k.name.zh}：必须上传 / ${k.name.en}: required` });
      if (details.length) throw FOLLOWUP_ERRORS['REPORT.INCOMPLETE']({ details });
      const now = this.clock.now();
      await tx.manager.query(
        `UPDATE award_report SET status = 'submitted', submitted_at = $2, submitted_by = $3, version = version + 1, updated_at = $2
          WHERE id = $1 AND status = $4`,
        [row.id, now, user.id, row.status],
      );
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: t.audit,
        entityType: 'award_report',
        entityId: row.id,
        data: { awardId, kind, version: Number(row.version) + 1 },
      });
      return this.one(tx.manager, row.id, r);
    });
  }

  /** The officer's report, locked, with its award (404 outside the officer's scope). */
  private async officerReport(tx: Tx, user: AuthUser, reportId: string) {
    const rows: ReportRow[] = await tx.manager.query(
      `SELECT ${REPORT_COLS} FROM award_report r WHERE r.id = $1 FOR UPDATE`,
      [reportId],
    );
    if (!rows.length) throw FOLLOWUP_ERRORS['REPORT.NOT_FOUND']();
    const row = rows[0];
    const f = await readAwardFacts(tx.manager, row.award_id);
    if (!f || !maySeeAward(user, f)) throw FOLLOWUP_ERRORS['REPORT.NOT_FOUND']();
    const def = this.programs.get(f.programCode);
    const r = def?.reports?.find((x) => x.kind === row.kind);
    if (!def || !r) throw FOLLOWUP_ERRORS['REPORT.NOT_FOUND']();
    const owner = await findAwardOwner(tx.manager, row.award_id, true);
    if (!owner || owner.status === 'revoked') throw FOLLOWUP_ERRORS['REPORT.AWARD_REVOKED']();
    if (row.status === 'accepted') throw FOLLOWUP_ERRORS['REPORT.ALREADY_ACCEPTED']();
    if (row.status !== 'submitted') throw FOLLOWUP_ERRORS['REPORT.NOT_SUBMITTED']();
    return { row, f, def, r, owner };
  }

  private link(awardId: string): string {
    return `${this.config.PUBLIC_URL}/my/awards/${awardId}`;
  }

  /**
   * POST /api/reports/:id/accept: accepted; its overdue hold released; the instalment it releases made due today
   * (409 when that instalment is already due, on its way or paid, or held for another reason).
   */
  async accept(user: AuthUser, reportId: string, note: string): Promise<ReportResponse> {
    return inTransaction(this.ds, async (tx) => {
      const { row, f, r, owner } = await this.officerReport(tx, user, reportId);
      const t = reportTransition(row.status, 'accepted', 'officer')!;
      const released = await this.holds.release(tx, f.id, holdForOverdueReport(r.kind), user.id);
      let instalmentId: string | null = null;
      if (r.releasesInstalmentNo !== undefined) {
        const inst = (await this.holds.of(tx.manager, f.id)).find((i) => i.instalmentNo === r.releasesInstalmentNo);
        const due: { due: boolean }[] = await tx.manager.query(
          `SELECT due_on IS NOT NULL AS due FROM instalment WHERE award_id = $1 AND instalment_no = $2`,
          [f.id, r.releasesInstalmentNo],
        );
        if (inst && inst.status === 'held')
          throw FOLLOWUP_ERRORS['REPORT.INSTALMENT_HELD']({ reasons: inst.reasons.join(', ') });
        if (inst && (inst.status !== 'planned' || due[0]?.due))
          throw FOLLOWUP_ERRORS['REPORT.INSTALMENT_PAID']({
            details: [{ path: 'instalment', message: `instalment ${inst.instalmentNo}: ${inst.status}` }],
          });
        if (inst)
          instalmentId = await this.plans.makeDue(
            tx,
            f.id,
            inst.instalmentNo,
            user.id,
            `${r.name.zh}通过 / ${r.name.en} accepted${note ? `: ${note}` : ''}`,
            owner.status,
          );
      }
      const now = this.clock.now();
      await tx.manager.query(
        `UPDATE award_report SET status = 'accepted', decided_at = $2, decided_by = $3, note = $4, updated_at = $2
          WHERE id = $1 AND status = 'submitted'`,
        [row.id, now, user.id, note || null],
      );
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: t.audit,
        entityType: 'award_report',
        entityId: row.id,
        data: { awardId: f.id, kind: r.kind, note, releasedHolds: released, instalmentId },
      });
      await mailOrganization(
        this.mail,
        tx,
        f.organizationId,
        reportAccepted({
          organization: f.organizationName,
          number: f.number,
          title: f.title,
          reportName: r.name,
          dueOn: row.due_on ?? '-',
          url: this.link(f.id),
          note,
        }),
        `/my/awards/${f.id}`,
      );
      return this.one(tx.manager, row.id, r);
    });
  }

  /** POST /api/reports/:id/return: back to the grantee with the officer's note. */
  async return(user: AuthUser, reportId: string, note: string): Promise<ReportResponse> {
    return inTransaction(this.ds, async (tx) => {
      const { row, f, r } = await this.officerReport(tx, user, reportId);
      const t = reportTransition(row.status, 'returned', 'officer')!;
      const now = this.clock.now();
      await tx.manager.query(
        `UPDATE award_report SET status = 'returned', decided_at = $2, decided_by = $3, note = $4, updated_at = $2
          WHERE id = $1 AND status = 'submitted'`,
        [row.id, now, user.id, note],
      );
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: t.audit,
        entityType: 'award_report',
        entityId: row.id,
        data: { awardId: f.id, kind: r.kind, note },
      });
      await mailOrganization(
        this.mail,
        tx,
        f.organizationId,
        reportReturned({
          organization: f.organizationName,
          number: f.number,
          title: f.title,
          reportName: r.name,
          dueOn: row.due_on ?? '-',
          url: this.link(f.id),
          note,
        }),
        `/my/awards/${f.id}`,
      );
      return this.one(tx.manager, row.id, r);
    });
  }

  private async one(m: EntityManager, reportId: string, r: ReportDefinition): Promise<ReportResponse> {
    const rows: ReportRow[] = await m.query(`SELECT ${REPORT_COLS} FROM award_report r WHERE r.id = $1`, [reportId]);
    const files = await this.filesOf(m, [reportId]);
    return this.view(rows[0], r, this.today(), files.get(reportId) ?? []);
  }

  /** GET /api/reports: the officer's queue (`?status=submitted`, `?overdue=true`), in the officer's scope. */
  async queue(user: AuthUser, q: ReportListQuery): Promise<Page<ReportQueueItemResponse>> {
    const params: unknown[] = [];
    const where: string[] = [`aw.status = 'active'`];
    const scope = officerApplicationsCondition(
      user,
      { program: 'aw.program_code', province: 'o.province_code', level: 'a.level' },
      params,
    );
    if (scope !== 'TRUE') where.push(scope);
    if (q.status) where.push(`r.status = $${params.push(q.status)}`);
    if (q.overdue === 'true') where.push(overdueReportSql('r', `$${params.push(this.today())}::date`));
    const from = `FROM award_report r JOIN ${AWARD_FACTS_FROM} ON aw.id = r.award_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: (Record<string, unknown> & { report: ReportRow })[] = await this.ds.query(
      `SELECT ${AWARD_FACTS_COLS}, json_build_object('id', r.id, 'award_id', r.award_id, 'kind', r.kind,
              'due_on', to_char(r.due_on, 'YYYY-MM-DD'), 'status', r.status, 'payload', r.payload, 'version', r.version,
              'submitted_at', r.submitted_at, 'decided_at', r.decided_at, 'note', r.note) AS report
         ${from} ORDER BY r.due_on NULLS LAST, r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const files = await this.filesOf(
      this.ds.manager,
      rows.map((x) => x.report.id),
    );
    const today = this.today();
    return page(
      rows.map((x) => {
        const f = awardFactsOf(x as never);
        const def = this.programs.get(f.programCode);
        const r = def?.reports?.find((d) => d.kind === x.report.kind);
        return {
          ...this.view(x.report, r, today, files.get(x.report.id) ?? []),
          programCode: f.programCode,
          organizationId: f.organizationId,
          organizationName: f.organizationName,
          number: f.number,
          title: f.title,
        };
      }),
      total,
      q,
    );
  }
}

/** The award's evaluation, or null. */
export async function evaluationOf(m: EntityManager, awardId: string): Promise<EvaluationResponse | null> {
  const rows: {
    grade: EvaluationResponse['grade'];
    note: string;
    decided_at: Date;
    recovering_fen: string | null;
    barred_until: string | null;
  }[] = await m.query(
    `SELECT grade, note, decided_at, recovering_fen, to_char(barred_until, 'YYYY-MM-DD') AS barred_until
       FROM award_evaluation WHERE award_id = $1`,
    [awardId],
  );
  const e = rows[0];
  return e
    ? {
        awardId,
        grade: e.grade,
        note: e.note,
        decidedAt: new Date(e.decided_at).toISOString(),
        recoveringFen: e.recovering_fen === null ? null : Number(e.recovering_fen),
        barredUntil: e.barred_until,
      }
    : null;
}

import { createHash } from 'crypto';
import { Readable } from 'stream';
import { Injectable } from '@nestjs/common';
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
  SqlRow,
  Tx,
  uploadedFileName,
} from '@portal/platform';
import {
  AnnualReviewDefinition,
  EligibilityContext,
  evaluateRuleKeys,
  ProgramDefinition,
  ProgramRegistry,
  RuleResult,
  validateDtoPayload,
} from '@portal/programs';
import { organizationFacts, organizationsRelation } from '@portal/identity';
import { callsRelation, officerApplicationsCondition, officerMaySeeApplication } from '@portal/applications';
import { awardsRelation, CertificateLapses, CertificateReissue } from '@portal/awards';
import { StorageService } from '@portal/storage';
import { annualReviewDecided, annualReviewMissed, mailOrganization } from '@portal/notifications';
import { FOLLOWUP_ERRORS } from '../errors';
import { AnnualReviewQueueQuery } from './annual-review.dto';
import { AnnualReviewMachine } from './annual-review.machine';
import {
  AnnualReviewResponse,
  AnnualReviewAttachmentResponse,
  AwardAnnualReviewsResponse,
} from './annual-review.responses';
import { AnnualReviewStatus, certifiedBefore, exchangeDue, reviewWindow } from './annual-review-status';

/** The award, its call and its organization as the 年审 needs them (through their owners' relations). */
const AWARD_FACTS = `SELECT aw.id, aw.application_id, aw.call_id, aw.organization_id, aw.program_code, aw.track, aw.status,
       aw.certificate_no, to_char(aw.lapsed_at, 'YYYY-MM-DD') AS lapsed_on,
       to_char((aw.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS award_day,
       to_char(coalesce(aw.certificate_issued_on, (aw.created_at AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM-DD') AS certificate_day,
       c.annual_review, c.year AS call_year, c.closes_at, c.request_share_percent, o.name AS organization, o.province_code
  FROM ${awardsRelation('aw')} JOIN ${callsRelation('c')} ON c.id = aw.call_id
       JOIN ${organizationsRelation('o')} ON o.id = aw.organization_id`;

interface AwardFacts {
  id: string;
  application_id: string;
  call_id: string;
  organization_id: string;
  program_code: string;
  track: string | null;
  status: string;
  certificate_no: string | null;
  lapsed_on: string | null;
  award_day: string;
  certificate_day: string;
  annual_review: boolean;
  call_year: number;
  closes_at: Date;
  request_share_percent: number | null;
  organization: string;
  province_code: string | null;
}

const REVIEW_SQL = `SELECT r.*, aw.certificate_no, aw.program_code, o.name AS organization, o.province_code
  FROM annual_review r JOIN ${awardsRelation('aw')} ON aw.id = r.award_id
       JOIN ${organizationsRelation('o')} ON o.id = r.organization_id`;

/** An uploaded file's type by its first bytes (never by its name or declared type). */
function sniff(buf: Buffer): string | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

export const annualReviewKey = (attachmentId: string) => `annual-reviews/${attachmentId}`;

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/**
 * The 年审 of certificates (issue 13, item 6): each year from `opens` to `closes` (Asia/Shanghai) every certificate of a
 * call with the annual review on — of the program's reviewed tracks, certified before 1 January — files the previous
 * year's figures and the audited statements; the program's own rules run again on them (the same engine as
 * applications, "today" the filing day); the office passes or fails it. A failed review lapses the certificate that
 * day; a passed one that is due for exchange (换证) reissues it. Not filed by the end of the window: the lapse job.
 */
@Injectable()
export class AnnualReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
    private readonly storage: StorageService,
    private readonly machine: AnnualReviewMachine,
    private readonly lapses: CertificateLapses,
    private readonly reissue: CertificateReissue,
    private readonly mail: MailService,
    private readonly config: PortalConfig,
  ) {}

  // ---- reads ----

  async ofAward(user: AuthUser, awardId: string): Promise<AwardAnnualReviewsResponse> {
    const f = await this.facts(this.ds.manager, awardId);
    if (!f || !this.maySee(user, f)) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
    const today = shanghaiDay(this.clock.now());
    const year = Number(today.slice(0, 4));
    const def = this.programs.get(f.program_code);
    const form = this.formOf(def, f);
    const window = form ? reviewWindow(form, year) : { opensOn: `${year}-05-01`, closesOn: `${year}-07-31` };
    const rows = await this.ds.query(`${REVIEW_SQL} WHERE r.award_id = $1 ORDER BY r.year DESC`, [awardId]);
    const items = await Promise.all(rows.map((r: SqlRow) => this.view(this.ds.manager, r, form)));
    return {
      awardId: f.id,
      certificateNo: f.certificate_no,
      awardStatus: f.status,
      ...(f.lapsed_on ? { lapsedOn: f.lapsed_on } : {}),
      reviewed: !!form,
      year,
      dueThisYear: !!form && certifiedBefore(f.award_day, year),
      window,
      windowOpen: today >= window.opensOn && today <= window.closesOn,
      exchangeDue: !!form && exchangeDue(form, f.certificate_day, year),
      attachmentKinds: (form?.attachmentKinds ?? []).map((k) => ({
        kind: k.kind,
        name: k.name,
        required: k.required.length === 0 ? false : !f.track || k.required.includes(f.track),
      })),
      items,
    };
  }

  async get(user: AuthUser, id: string): Promise<AnnualReviewResponse> {
    const rows = await this.ds.query(`${REVIEW_SQL} WHERE r.id = $1`, [id]);
    const r = rows[0];
    if (!r) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
    const f = await this.facts(this.ds.manager, r.award_id);
    if (!f || !this.maySee(user, f)) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
    return this.view(this.ds.manager, r, this.formOf(this.programs.get(f.program_code), f));
  }

  /** The officer's queue `?year=&status=`, in the officer's scope (the organization's province). */
  async queue(user: AuthUser, q: AnnualReviewQueueQuery): Promise<Page<AnnualReviewResponse>> {
    const params: unknown[] = [];
    const where: string[] = [
      officerApplicationsCondition(user, { program: 'aw.program_code', province: 'o.province_code' }, params),
    ];
    if (q.year) where.push(`r.year = $${params.push(q.year)}`);
    if (q.status) where.push(`r.status = $${params.push(q.status)}`);
    const w = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM annual_review r JOIN ${awardsRelation('aw')} ON aw.id = r.award_id
         JOIN ${organizationsRelation('o')} ON o.id = r.organization_id ${w}`,
      params,
    );
    const rows = await this.ds.query(
      `${REVIEW_SQL} ${w} ORDER BY r.year DESC, (r.status = 'submitted') DESC, r.submitted_at NULLS LAST, aw.certificate_no, r.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items: AnnualReviewResponse[] = [];
    for (const r of rows)
      items.push(await this.view(this.ds.manager, r, this.programs.get(r.program_code)?.annualReviewForm));
    return page(items, total, q);
  }

  // ---- the enterprise ----

  /** Saves the year's draft (creating it on first save) and runs the rules on it; 409 for another year or a certificate not reviewed. */
  async saveDraft(
    user: AuthUser,
    awardId: string,
    year: number,
    payload: Record<string, unknown>,
  ): Promise<AnnualReviewResponse> {
    const id = await inTransaction(this.ds, async (tx) => {
      const { f, form, today } = await this.ownReviewable(tx, user, awardId, year);
      const { details } = validateDtoPayload(form.payloadDto, payload, 'draft');
      if (details.length) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.PAYLOAD_INVALID']({ details });
      const results = await this.check(
        tx.manager,
        f,
        form,
        payload,
        today,
        await this.kindsOf(tx.manager, awardId, year),
      );
      const existing = await this.row(tx.manager, awardId, year);
      if (existing) {
        if (existing.status !== 'draft') throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_DRAFT']({ status: existing.status });
        await this.machine.saveDraft(tx, existing.id, payload, results, user.id, this.clock.now());
        return existing.id;
      }
      return this.createDraft(tx, user, f, form, year, payload, results);
    });
    return this.get(user, id);
  }

  async upload(
    user: AuthUser,
    awardId: string,
    year: number,
    kind: string,
    file?: UploadedFile,
  ): Promise<AnnualReviewAttachmentResponse> {
    if (!file) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NO_FILE']({ details: [{ path: 'file', message: 'required' }] });
    const type = sniff(file.buffer);
    return inTransaction(this.ds, async (tx) => {
      const { f, form } = await this.ownReviewable(tx, user, awardId, year);
      const def = form.attachmentKinds.find((k) => k.kind === kind);
      if (!def)
        throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.UNKNOWN_KIND'](
          { kinds: form.attachmentKinds.map((k) => k.kind).join(', ') },
          { details: [{ path: 'kind', message: 'unknown kind' }] },
        );
      if (!type || !def.mimeTypes.includes(type)) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.FILE_TYPE']();
      let review = await this.row(tx.manager, awardId, year);
      if (!review) {
        await this.createDraft(tx, user, f, form, year, {}, null);
        review = await this.row(tx.manager, awardId, year);
      }
      if (!review) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
      if (review.status !== 'draft') throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_DRAFT']({ status: review.status });
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      const now = this.clock.now();
      const [row] = await tx.manager.query(
        `INSERT INTO annual_review_attachment (review_id, kind, file_name, content_type, size, sha256, storage_key, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8) RETURNING *`,
        [review.id, kind, uploadedFileName(file.originalname, 'file', 255), type, file.size, sha256, user.id, now],
      );
      const key = annualReviewKey(row.id);
      await tx.manager.query(`UPDATE annual_review_attachment SET storage_key = $2 WHERE id = $1`, [row.id, key]);
      await this.storage.put(key, Readable.from([file.buffer]));
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'annual-review.attachment-added',
        entityType: 'annual-review',
        entityId: review.id,
        data: { attachmentId: row.id, kind, sha256, size: file.size },
      });
      return attachmentView(row);
    });
  }

  async removeAttachment(user: AuthUser, awardId: string, year: number, attachmentId: string): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      await this.ownReviewable(tx, user, awardId, year);
      const review = await this.row(tx.manager, awardId, year);
      if (!review) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
      if (review.status !== 'draft') throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_DRAFT']({ status: review.status });
      const [rows]: [unknown[], number] = await tx.manager.query(
        `UPDATE annual_review_attachment SET deleted_at = $3 WHERE id = $1 AND review_id = $2 AND deleted_at IS NULL RETURNING id`,
        [attachmentId, review.id, this.clock.now()],
      );
      if (!rows.length) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'annual-review.attachment-removed',
        entityType: 'annual-review',
        entityId: review.id,
        data: { attachmentId },
      });
    });
  }

  /** An attachment's bytes for the enterprise or an officer in scope. */
  async download(
    user: AuthUser,
    reviewId: string,
    attachmentId: string,
  ): Promise<{ fileName: string; contentType: string; stream: Readable }> {
    await this.get(user, reviewId); // 404 outside
    const rows = await this.ds.query(
      `SELECT * FROM annual_review_attachment WHERE id = $1 AND review_id = $2 AND deleted_at IS NULL`,
      [attachmentId, reviewId],
    );
    if (!rows.length) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
    return {
      fileName: rows[0].file_name,
      contentType: rows[0].content_type,
      stream: await this.storage.get(rows[0].storage_key),
    };
  }

  /**
   * Files the year's review: 409 outside the window (naming it) or when already filed; 422 for missing figures or
   * required statements. Failing rules are stored and shown, not refused: the office judges.
   */
  async submit(user: AuthUser, awardId: string, year: number): Promise<AnnualReviewResponse> {
    const id = await inTransaction(this.ds, async (tx) => {
      const { f, form, today } = await this.ownReviewable(tx, user, awardId, year);
      const window = reviewWindow(form, year);
      if (today < window.opensOn || today > window.closesOn)
        throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.OUTSIDE_WINDOW'](window);
      const review = await this.row(tx.manager, awardId, year);
      if (!review) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
      if (review.status !== 'draft') throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_DRAFT']({ status: review.status });
      const kinds = await this.kindsOf(tx.manager, awardId, year);
      const details: ErrorDetail[] = validateDtoPayload(form.payloadDto, review.payload, 'submit').details;
      for (const k of form.attachmentKinds) {
        const required = k.required.length > 0 && (!f.track || k.required.includes(f.track));
        if (required && !kinds.includes(k.kind))
          details.push({
            path: `attachments.${k.kind}`,
            message: { zh: `请上传${k.name.zh}`, en: `${k.name.en} is required` },
          });
      }
      if (details.length) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.INCOMPLETE']({ details });
      const results = await this.check(tx.manager, f, form, review.payload, today, kinds);
      await this.machine.move(tx, review, 'submitted', { by: 'owner', userId: user.id }, this.clock.now(), {
        ruleResults: results,
      });
      return review.id;
    });
    return this.get(user, id);
  }

  // ---- the office ----

  /** pass: a review due for exchange reissues the certificate (换证); fail: the certificate lapses today. */
  async decide(
    user: AuthUser,
    reviewId: string,
    outcome: 'passed' | 'failed',
    note: string,
  ): Promise<AnnualReviewResponse> {
    await inTransaction(this.ds, async (tx) => {
      const rows = await tx.manager.query(`SELECT * FROM annual_review WHERE id = $1`, [reviewId]);
      const r = rows[0];
      if (!r) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
      const f = await this.facts(tx.manager, r.award_id);
      if (!f || !this.maySee(user, f)) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
      await this.lock(tx, r.award_id);
      const fresh = (await tx.manager.query(`SELECT id, status FROM annual_review WHERE id = $1`, [reviewId]))[0];
      if (fresh.status !== 'submitted') throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_SUBMITTED']({ status: fresh.status });
      const now = this.clock.now();
      await this.machine.move(tx, fresh, outcome, { by: 'officer', userId: user.id }, now, { note: note.trim() });
      if (outcome === 'failed') {
        await this.lapses.lapseCertificate(
          tx,
          r.award_id,
          shanghaiDay(now),
          `${r.year} 年度年审未通过：${note.trim()}`,
          user.id,
        );
      } else if (r.exchange_due) {
        await this.reissue.reissueCertificate(tx, r.award_id, `换证：${r.year} 年度年审通过`, user.id);
      }
      await mailOrganization(
        this.mail,
        tx,
        f.organization_id,
        annualReviewDecided({
          ...this.mailFacts(f, Number(r.year)),
          passed: outcome === 'passed',
          note: note.trim(),
          lapsedOn: outcome === 'failed' ? shanghaiDay(now) : null,
          exchanged: outcome === 'passed' && !!r.exchange_due,
        }),
        `/my/awards/${r.award_id}`,
      );
    });
    return this.get(user, reviewId);
  }

  // ---- the lapse job ----

  /**
   * After the window of this year closed: every certificate that should have filed and did not (no review, or a draft
   * never submitted) gets its review `missed` and lapses on the day after the window's last day. Idempotent: a second
   * run finds nothing to do. Returns the awards lapsed by this run.
   */
  async lapseMissed(): Promise<string[]> {
    const today = shanghaiDay(await this.clock.current());
    const year = Number(today.slice(0, 4));
    const lapsed: string[] = [];
    for (const def of this.programs.list()) {
      const form = def.annualReviewForm;
      if (!form) continue;
      const window = reviewWindow(form, year);
      if (today <= window.closesOn) continue;
      const lapseDay = nextDayOf(window.closesOn);
      const params: unknown[] = [def.code, year];
      const tracks = form.tracks ? `AND aw.track = ANY($${params.push(form.tracks)})` : '';
      const rows: { award_id: string }[] = await this.ds.query(
        `SELECT aw.id AS award_id FROM ${awardsRelation('aw')} JOIN ${callsRelation('c')} ON c.id = aw.call_id
           LEFT JOIN annual_review r ON r.award_id = aw.id AND r.year = $2
          WHERE aw.program_code = $1 AND c.annual_review AND aw.status = 'active' ${tracks}
            AND (aw.created_at AT TIME ZONE 'Asia/Shanghai')::date < make_date($2, 1, 1)
            AND (r.id IS NULL OR r.status = 'draft')
          ORDER BY aw.id`,
        params,
      );
      for (const { award_id } of rows) {
        const done = await inTransaction(this.ds, async (tx) => {
          await this.lock(tx, award_id);
          const f = await this.facts(tx.manager, award_id);
          if (!f || f.status !== 'active') return false;
          const review = await this.row(tx.manager, award_id, year);
          const now = await this.clock.current();
          if (review && review.status !== 'draft') return false;
          if (review) await this.machine.move(tx, review, 'missed', { by: 'system', userId: null }, now);
          else
            await this.machine.create(
              tx,
              'missed',
              {
                awardId: award_id,
                organizationId: f.organization_id,
                year,
                payload: {},
                ruleResults: null,
                exchangeDue: exchangeDue(form, f.certificate_day, year),
              },
              { by: 'system', userId: null },
              now,
            );
          const outcome = await this.lapses.lapseCertificate(
            tx,
            award_id,
            lapseDay,
            `未在 ${window.opensOn} 至 ${window.closesOn} 参加 ${year} 年度年审`,
            null,
          );
          if (outcome === 'lapsed')
            await mailOrganization(
              this.mail,
              tx,
              f.organization_id,
              annualReviewMissed({ ...this.mailFacts(f, year), ...window, lapsedOn: lapseDay }),
              `/my/awards/${award_id}`,
            );
          return outcome === 'lapsed';
        });
        if (done) lapsed.push(award_id);
      }
    }
    return lapsed;
  }

  // ---- helpers ----

  private mailFacts(f: AwardFacts, year: number) {
    return {
      organization: f.organization,
      year,
      certificateNo: f.certificate_no,
      url: `${this.config.PUBLIC_URL}/my/awards/${f.id}`,
    };
  }

  private async facts(m: EntityManager, awardId: string): Promise<AwardFacts | null> {
    const rows: AwardFacts[] = await m.query(`${AWARD_FACTS} WHERE aw.id = $1`, [awardId]);
    return rows[0] ?? null;
  }

  /** The owner organization, or an officer whose scope covers the organization's province and the program. */
  private maySee(user: AuthUser, f: AwardFacts): boolean {
    if (user.roles.includes('officer'))
      return officerMaySeeApplication(user, { programCode: f.program_code, provinceCode: f.province_code });
    return !!user.organizationId && f.organization_id === user.organizationId;
  }

  /** The program's 年审 when this award takes part in it (a call with annualReview on, a reviewed track). */
  private formOf(def: ProgramDefinition | undefined, f: AwardFacts): AnnualReviewDefinition | undefined {
    const form = def?.annualReviewForm;
    if (!form || !f.annual_review) return undefined;
    if (form.tracks && !(f.track && form.tracks.includes(f.track))) return undefined;
    return form;
  }

  /** One act at a time on an award's reviews (save, upload, submit, decision, the lapse job). */
  private async lock(tx: Tx, awardId: string): Promise<void> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('annual_review:' || $1))`, [awardId]);
  }

  /** The enterprise's own certificate, reviewed in `year`, which is this year; its review form. 404 / 409 otherwise. */
  private async ownReviewable(tx: Tx, user: AuthUser, awardId: string, year: number) {
    const f = await this.facts(tx.manager, awardId);
    if (!f || !user.organizationId || f.organization_id !== user.organizationId)
      throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']();
    await this.lock(tx, awardId);
    const today = shanghaiDay(this.clock.now());
    const current = Number(today.slice(0, 4));
    const form = this.formOf(this.programs.get(f.program_code), f);
    if (!form || !certifiedBefore(f.award_day, year)) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_REVIEWED']({ year });
    if (year !== current) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.WRONG_YEAR']({ year, current });
    if (f.status !== 'active') throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.CERTIFICATE_NOT_ACTIVE']();
    return { f, form, today };
  }

  private async createDraft(
    tx: Tx,
    user: AuthUser,
    f: AwardFacts,
    form: AnnualReviewDefinition,
    year: number,
    payload: Record<string, unknown>,
    results: RuleResult[] | null,
  ): Promise<string> {
    const id = await this.machine.create(
      tx,
      'draft',
      {
        awardId: f.id,
        organizationId: f.organization_id,
        year,
        payload,
        ruleResults: results,
        exchangeDue: exchangeDue(form, f.certificate_day, year),
      },
      { by: 'owner', userId: user.id },
      this.clock.now(),
    );
    if (!id) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_DRAFT']({ status: 'draft' });
    return id;
  }

  private async row(
    m: EntityManager,
    awardId: string,
    year: number,
  ): Promise<{ id: string; status: AnnualReviewStatus; payload: Record<string, unknown> } | null> {
    const rows = await m.query(`SELECT id, status, payload FROM annual_review WHERE award_id = $1 AND year = $2`, [
      awardId,
      year,
    ]);
    return rows[0] ?? null;
  }

  private async kindsOf(m: EntityManager, awardId: string, year: number): Promise<string[]> {
    const rows: { kind: string }[] = await m.query(
      `SELECT DISTINCT t.kind FROM annual_review_attachment t JOIN annual_review r ON r.id = t.review_id
        WHERE r.award_id = $1 AND r.year = $2 AND t.deleted_at IS NULL`,
      [awardId, year],
    );
    return rows.map((r) => r.kind);
  }

  /** The program's rules named by the form, run on the filing with the applications' engine; "today" the filing day. */
  private async check(
    m: EntityManager,
    f: AwardFacts,
    form: AnnualReviewDefinition,
    payload: Record<string, unknown>,
    today: string,
    kinds: string[],
  ): Promise<RuleResult[]> {
    const def = this.programs.get(f.program_code);
    if (!def) return [];
    const org = await organizationFacts(m, f.organization_id);
    const ctx: EligibilityContext = {
      organization: {
        id: f.organization_id,
        name: org?.name ?? f.organization,
        creditCode: org?.creditCode ?? '',
        businessTypes: org?.businessTypes ?? [],
        flags: [],
      },
      application: { id: f.application_id, callId: f.call_id, track: f.track, payload, attachmentKinds: kinds },
      call: {
        id: f.call_id,
        year: Number(f.call_year),
        closesAt: new Date(f.closes_at),
        requestSharePercent: f.request_share_percent,
      },
      today,
      organizationHistory: [],
      programAwards: [],
    };
    return evaluateRuleKeys(def, form.ruleKeys, ctx);
  }

  private async view(
    m: EntityManager,
    r: SqlRow,
    form: AnnualReviewDefinition | undefined,
  ): Promise<AnnualReviewResponse> {
    const atts = await m.query(
      `SELECT * FROM annual_review_attachment WHERE review_id = $1 AND deleted_at IS NULL ORDER BY uploaded_at, id`,
      [r.id],
    );
    const results: RuleResult[] | null = r.rule_results ?? null;
    const year = Number(r.year);
    return {
      id: r.id,
      awardId: r.award_id,
      organizationId: r.organization_id,
      organization: r.organization,
      certificateNo: r.certificate_no ?? null,
      province: r.province_code ?? null,
      year,
      status: r.status,
      payload: r.payload ?? {},
      ruleResults: results,
      rulesPassed: results ? results.every((x) => x.passed) : null,
      exchangeDue: r.exchange_due === true,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      note: r.note ?? null,
      window: form ? reviewWindow(form, year) : { opensOn: `${year}-05-01`, closesOn: `${year}-07-31` },
      attachments: atts.map(attachmentView),
      version: Number(r.version),
    };
  }
}

function attachmentView(r: SqlRow): AnnualReviewAttachmentResponse {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  };
}

function nextDayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  ClockService,
  inTransaction,
  MailService,
  page,
  Page,
  PLATFORM_ERRORS,
  PortalConfig,
  RateLimiter,
  RateRule,
  uploadedFileName,
} from '@portal/platform';
import { emailOf, entryRemoved, mailOrganization, objectionAnswered } from '@portal/notifications';
import { lockApplicationForAwards, parseRange, StoredBytes } from '@portal/applications';
import { assertNotFinalized, loadCall } from '../shared/call-facts';
import { StorageService } from '@portal/storage';
import { ApplicationOutcome } from '../shared/application-outcome';
import { ObjectionDto, ObjectionListQuery, ResolutionDto } from './objection.dto';
import { OBJECTION_SQL, objectionView, ObjectionView } from './objection.view';
import { EvidenceUpload, sniffEvidence } from './evidence-file';
import { AWARD_ERRORS } from '../errors';
import { scopeJoin, staffMaySee, staffScopeCondition } from '../shared/officer-scope';
import { APPLICATION_ERRORS } from '@portal/applications';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FiledObjection {
  id: string;
  noticeId: string;
  entryApplicationId: string;
  createdAt: string;
  status: 'open';
}

/** Real-name objections to a public notice, accepted only inside its window, each answered by an officer. */
const objectionRateLimited = (seconds: number) =>
  AWARD_ERRORS['OBJECTION.RATE_LIMITED']({ headers: { 'Retry-After': String(seconds) } });

@Injectable()
export class ObjectionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly config: PortalConfig,
    private readonly outcome: ApplicationOutcome,
    private readonly storage: StorageService,
    private readonly limits: RateLimiter,
  ) {}

  /**
   * An objection. Its evidence file was streamed into storage only once the notice, the window and the fields were
   * checked (admitEvidence); it is removed again when the filing is refused all the same (e.g. a field after the file).
   */
  async file(
    noticeId: string,
    dto: ObjectionDto,
    file: EvidenceUpload | undefined,
    clientIp: string | null,
  ): Promise<FiledObjection> {
    try {
      return await this.record(noticeId, dto, file, clientIp);
    } catch (err) {
      if (file) await this.storage.delete(file.key).catch(() => undefined);
      throw err;
    }
  }

  /**
   * The checks an evidence file waits for before a byte of it is stored (EvidenceInterceptor and EvidenceStorage):
   * without a body, the notice and its window (run before the multipart body is read); with the fields that came
   * before the file, also those fields (400), the entry and the address's rate. The filing checks all again.
   */
  async admitEvidence(
    noticeId: string,
    fields?: Record<string, unknown>,
    clientIp: string | null = null,
  ): Promise<void> {
    if (!UUID.test(noticeId)) throw AWARD_ERRORS['NOTICE.NOT_FOUND']();
    if (!fields) {
      await this.openNotice(noticeId);
      return;
    }
    const dto = plainToInstance(ObjectionDto, { ...fields });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const details = errors.map((e) => ({
        path: e.property,
        message: Object.values(e.constraints ?? {}).join('; ') || 'invalid',
      }));
      details.push({
        path: 'file',
        message: 'the fields must come before the file in the form / 表单字段须在文件之前发送，且须完整有效',
      });
      throw PLATFORM_ERRORS['VALIDATION.MALFORMED']({ details });
    }
    await this.admissible(noticeId, dto, clientIp);
  }

  /** The notice, when it exists and its window is open now (404, 409). */
  private async openNotice(noticeId: string): Promise<{ call_id: string }> {
    const now = this.clock.now();
    const notices = await this.ds.query(`SELECT id, call_id, starts_at, ends_at FROM public_notice WHERE id = $1`, [
      noticeId,
    ]);
    if (!notices.length) throw AWARD_ERRORS['NOTICE.NOT_FOUND']();
    const n = notices[0];
    if (now.getTime() < new Date(n.starts_at).getTime() || now.getTime() >= new Date(n.ends_at).getTime())
      throw AWARD_ERRORS['NOTICE.WINDOW_CLOSED']({ startsAt: n.starts_at, endsAt: n.ends_at });
    return n;
  }

  /** Whether this objection may be filed now: the notice and its window, the entry, the address's rate. */
  private async admissible(noticeId: string, dto: ObjectionDto, clientIp: string | null): Promise<{ call_id: string }> {
    const n = await this.openNotice(noticeId);
    const entries = await this.ds.query(
      `SELECT removed_at FROM notice_entry WHERE notice_id = $1 AND application_id = $2`,
      [noticeId, dto.entryApplicationId],
    );
    if (!entries.length || entries[0].removed_at) {
      const err = AWARD_ERRORS['OBJECTION.UNKNOWN_ENTRY']();
      err.details.push({ path: 'entryApplicationId', message: err.text });
      throw err;
    }
    if (clientIp) await this.limits.check(this.objectionRule(clientIp), objectionRateLimited);
    return n;
  }

  private objectionRule(clientIp: string): RateRule {
    return { rule: 'objection:ip', subject: clientIp, limit: this.config.OBJECTION_RATE_PER_HOUR, windowSeconds: 3600 };
  }

  private async record(
    noticeId: string,
    dto: ObjectionDto,
    file: EvidenceUpload | undefined,
    clientIp: string | null,
  ): Promise<FiledObjection> {
    const now = this.clock.now();
    const n = await this.admissible(noticeId, dto, clientIp);
    const id = file?.id ?? randomUUID();
    let stored: { key: string; mime: string; name: string; size: number; hash: string } | null = null;
    if (file) {
      if (file.size > this.config.OBJECTION_EVIDENCE_MAX_BYTES)
        throw AWARD_ERRORS['OBJECTION.EVIDENCE_TOO_LARGE'](
          { maxBytes: this.config.OBJECTION_EVIDENCE_MAX_BYTES },
          { details: [{ path: 'file', message: 'too large' }] },
        );
      const mime = sniffEvidence(file.sample);
      if (!mime)
        throw AWARD_ERRORS['OBJECTION.EVIDENCE_TYPE']({ details: [{ path: 'file', message: 'type not allowed' }] });
      stored = {
        key: file.key,
        mime,
        name: uploadedFileName(file.originalname, 'evidence'),
        size: file.size,
        hash: file.sha256,
      };
    }
    if (clientIp)
      // objections that passed every other check, per address: counted before compared, so a burst of parallel ones
      // cannot all pass; on real time (the counter store's clock, not the staging clock): this protects from floods
      await this.limits.take(this.objectionRule(clientIp), objectionRateLimited);
    await inTransaction(this.ds, async (tx) => {
      await tx.manager.query(
        `INSERT INTO objection (id, notice_id, call_id, entry_application_id, name, contact, reason, evidence, evidence_file_name, evidence_mime_type,
                                evidence_size, evidence_sha256, evidence_storage_key, client_ip, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          id,
          noticeId,
          n.call_id,
          dto.entryApplicationId,
          dto.name.trim(),
          dto.contact.trim(),
          dto.reason.trim(),
          dto.evidence?.trim() || null,
          stored?.name ?? null,
          stored?.mime ?? null,
          stored?.size ?? null,
          stored?.hash ?? null,
          stored?.key ?? null,
          clientIp,
          now,
        ],
      );
      await this.audit.record(tx.manager, {
        actorId: null,
        action: 'objection.filed',
        entityType: 'objection',
        entityId: id,
        data: {
          noticeId,
          entryApplicationId: dto.entryApplicationId,
          evidenceFile: stored ? { sha256: stored.hash, size: stored.size } : null,
        },
      });
    });
    return { id, noticeId, entryApplicationId: dto.entryApplicationId, createdAt: now.toISOString(), status: 'open' };
  }

  /** The officer's list: only objections to entries in their scope (issue 12). */
  async list(user: AuthUser, q: ObjectionListQuery): Promise<Page<ObjectionView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const scope = staffScopeCondition(user, params);
    if (scope !== 'TRUE') where.push(scope);
    if (q.province) where.push(`so.province_code = $${params.push(q.province)}`);
    if (q.callId) where.push(`ob.call_id = $${params.push(q.callId)}`);
    if (q.noticeId) where.push(`ob.notice_id = $${params.push(q.noticeId)}`);
    if (q.status) where.push(q.status === 'open' ? 'ob.resolved_at IS NULL' : 'ob.resolved_at IS NOT NULL');
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM objection ob ${scopeJoin('ob.entry_application_id')} ${w}`,
      params,
    );
    const rows = await this.ds.query(
      `${OBJECTION_SQL} ${w} ORDER BY ob.created_at, ob.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return page(rows.map(objectionView), total, q);
  }

  /** One objection; 404 outside the officer's scope (issue 12). */
  async get(user: AuthUser, id: string): Promise<ObjectionView> {
    const rows = await this.ds.query(`${OBJECTION_SQL} WHERE ob.id = $1`, [id]);
    if (!rows.length || !staffMaySee(user, rows[0])) throw AWARD_ERRORS['OBJECTION.NOT_FOUND']();
    return objectionView(rows[0]);
  }

  /** The evidence file from storage, or the range of it that `Range` asks for; 404 outside the officer's scope. */
  async evidence(user: AuthUser, id: string, rangeHeader: string | undefined): Promise<StoredBytes> {
    const rows = await this.ds.query(`${OBJECTION_SQL} WHERE ob.id = $1`, [id]);
    if (!rows.length || !staffMaySee(user, rows[0])) throw AWARD_ERRORS['OBJECTION.NOT_FOUND']();
    const file = objectionView(rows[0]).evidenceFile;
    const key: string | null = rows[0].evidence_storage_key;
    if (!file || !key) throw AWARD_ERRORS['EVIDENCE.NOT_FOUND']();
    const range = parseRange(rangeHeader, file.size);
    return {
      attachment: file,
      etag: id,
      range,
      open: () => this.storage.get(key, range === 'unsatisfiable' ? undefined : range),
    };
  }

  /**
   * The officer's answer. Upheld: the entry is removed from the list, the application goes back to `reviewed` with a
   * decision of reject, and the applicant is told. The objector gets the answer by mail when the contact is an e-mail.
   */
  async resolve(user: AuthUser, id: string, dto: ResolutionDto): Promise<ObjectionView> {
    const now = this.clock.now();
    await inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      const rows = await m.query(`${OBJECTION_SQL} WHERE ob.id = $1 FOR UPDATE OF ob`, [id]);
      if (!rows.length || !staffMaySee(user, rows[0])) throw AWARD_ERRORS['OBJECTION.NOT_FOUND']();
      const o = rows[0];
      if (o.resolved_at) throw AWARD_ERRORS['OBJECTION.ALREADY_ANSWERED']();
      const call = await loadCall(m, o.call_id, true);
      assertNotFinalized(call);
      await m.query(
        `UPDATE objection SET upheld = $2, response = $3, resolved_by = $4, resolved_at = $5 WHERE id = $1`,
        [id, dto.upheld, dto.response.trim(), user.id, now],
      );
      if (dto.upheld && !o.removed_at) {
        await m.query(
          `UPDATE notice_entry SET removed_at = $3, removed_reason = $4 WHERE notice_id = $1 AND application_id = $2`,
          [o.notice_id, o.entry_application_id, now, dto.response.trim()],
        );
        const app = await lockApplicationForAwards(m, o.entry_application_id);
        if (!app) throw APPLICATION_ERRORS['APPLICATION.NOT_FOUND']();
        if (app.status === 'proposed')
          await this.outcome.move(tx, app, 'reviewed', user.id, `异议成立 / objection upheld: ${dto.response.trim()}`, {
            objectionId: id,
          });
        await m.query(
          `UPDATE award_decision SET outcome = 'reject', tier = NULL, amount_fen = 0, note = $2, source = 'objection',
                  decided_by = $3, decided_at = $4, version = version + 1
            WHERE application_id = $1`,
          [o.entry_application_id, dto.response.trim(), user.id, now],
        );
        await mailOrganization(
          this.mail,
          tx,
          app.organizationId,
          entryRemoved({
            organization: o.organization_name,
            number: o.number,
            title: o.title,
            callTitle: call.title,
            response: dto.response.trim(),
          }),
          `/applications/${app.id}`,
        );
      }
      const to = emailOf(o.contact);
      if (to) {
        const text = objectionAnswered({
          name: o.name,
          entryTitle: o.title,
          upheld: dto.upheld,
          response: dto.response.trim(),
        });
        await this.mail.queueMail(tx, {
          to,
          subject: text.subject,
          text: text.text,
          template: text.template,
          link: `/public/notices/${o.notice_id}`,
        });
      }
      await this.audit.record(m, {
        actorId: user.id,
        action: 'objection.resolved',
        entityType: 'objection',
        entityId: id,
        data: { upheld: dto.upheld, entryApplicationId: o.entry_application_id },
      });
    });
    return this.get(user, id);
  }
}

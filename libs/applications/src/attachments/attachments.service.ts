import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { IncomingMessage } from 'http';
import { Readable } from 'stream';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, PortalConfig, runParts, SqlPart } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { assertEditable, assertOwner, isOwner } from '../applications/application-access';
import { Application } from '../applications/application.entity';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationsService } from '../applications/applications.service';
import { EXPERT_ACCESS, ExpertAccess } from '../applications/expert-access.port';
import { ByteRange, StorageService } from '@portal/storage';
import { UploadRows } from '../tus/upload-rows';
import { assertKindSize, assertTypeAllowed, kindProblem } from './attachment-kinds';
import { Attachment, attachmentView, AttachmentView } from './attachment.entity';
import { sniffMime } from './file-sniffer';
import { parseRange } from './http-bytes';
import { malformed, receiveMultipart, tooLarge } from './multipart-receiver';
import { signLink, verifyLink } from './signed-link';

export interface NewAttachment {
  id: string;
  application: Application;
  kind: string;
  fileName: string;
  size: number;
  sha256: string;
  mimeType: string;
  storageKey: string;
  uploadId?: string;
  userId: string;
}

export interface Download {
  attachment: Attachment;
  /** See StoredBytes.etag: the attachment's id. */
  etag: string;
  /** undefined = the whole file, 'unsatisfiable' = 416. */
  range: ByteRange | 'unsatisfiable' | undefined;
  open(): Promise<Readable>;
}

/** Multipart uploads, downloads with Range, signed playback links and deletion. Resumable uploads are in tus/. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly config: PortalConfig,
    private readonly storage: StorageService,
    private readonly repo: ApplicationRepository,
    private readonly applications: ApplicationsService,
    private readonly uploads: UploadRows,
    @Optional() @Inject(EXPERT_ACCESS) private readonly experts: ExpertAccess | null,
  ) {}

  static key(applicationId: string, attachmentId: string): string {
    return `applications/${applicationId}/${attachmentId}`;
  }

  /** The application, if the caller may add files to it now (owner, draft or returned). */
  async editableApplication(user: AuthUser, applicationId: string): Promise<Application> {
    const app = await this.repo.findById(applicationId);
    assertOwner(user, app);
    assertEditable(app);
    return app;
  }

  async upload(user: AuthUser, applicationId: string, req: IncomingMessage): Promise<AttachmentView> {
    const app = await this.editableApplication(user, applicationId);
    const def = this.applications.program(app.programCode);
    const max = this.config.UPLOAD_MAX_BYTES;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max + 1024 * 1024) {
      req.resume();
      throw tooLarge(max);
    }
    // the quota, before a byte is stored (checked again, under the organization's lock, when the file is recorded)
    await this.uploads.assertRoom(this.ds, app.organizationId, Math.max(0, declared - 1024 * 1024)).catch((err) => {
      req.resume();
      throw err;
    });
    const id = randomUUID();
    const key = AttachmentsService.key(app.id, id);
    try {
      const file = await receiveMultipart(req, {
        maxBytes: max,
        storage: this.storage,
        key,
        rejectKind: (k) => kindProblem(def, k),
      });
      if (file.kind === null) throw malformed('the `kind` field is missing', '缺少附件类别（字段 kind）', 'kind');
      const problem = kindProblem(def, file.kind);
      if (problem) throw problem;
      assertKindSize(def, file.kind, file.size);
      const mimeType = assertTypeAllowed(def, file.kind, await sniffMime(file.sample));
      const row = await this.register({
        id,
        application: app,
        kind: file.kind,
        fileName: file.fileName,
        size: file.size,
        sha256: file.sha256,
        mimeType,
        storageKey: key,
        userId: user.id,
      });
      return attachmentView(row);
    } catch (err) {
      await this.storage.delete(key).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Records a stored file as an attachment, re-checking under lock that the application is still editable.
   * With an uploadId, a second call for the same upload returns the first attachment.
   */
  async register(a: NewAttachment): Promise<Attachment> {
    return inTransaction(this.ds, async (tx) => {
      const app = await this.repo.lockById(tx.manager, a.application.id);
      if (!app) throw APPLICATION_ERRORS['APPLICATION.NOT_FOUND']();
      if (a.uploadId) {
        const existing = await tx.manager.getRepository(Attachment).findOneBy({ uploadId: a.uploadId });
        if (existing) {
          await this.uploads.remove(tx.manager, a.uploadId);
          return existing;
        }
      }
      assertEditable(app);
      // a resumable upload's room was taken when it was created and passes to the attachment now; any other file
      // takes its room here, under the organization's quota lock
      if (a.uploadId) await this.uploads.remove(tx.manager, a.uploadId);
      else await this.uploads.assertRoom(tx.manager, app.organizationId, a.size, true);
      // the row, the application's files_rev (a submit reading the files before this commits starts again) and the
      // audit event in one statement
      await runParts(
        tx.manager,
        [
          {
            name: 'f',
            sql: `INSERT INTO attachment (id, application_id, kind, file_name, size, sha256, mime_type, storage_key, upload_id, created_by, created_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            params: [
              a.id,
              app.id,
              a.kind,
              a.fileName,
              a.size,
              a.sha256,
              a.mimeType,
              a.storageKey,
              a.uploadId ?? null,
              a.userId,
              this.clock.now(),
            ],
          },
          filesChanged(app.id),
          ...this.audit.parts({
            actorId: a.userId,
            action: 'attachment.added',
            entityType: 'application',
            entityId: app.id,
            data: {
              attachmentId: a.id,
              kind: a.kind,
              fileName: a.fileName,
              size: a.size,
              sha256: a.sha256,
              mimeType: a.mimeType,
              resumable: !!a.uploadId,
            },
          }),
        ],
        'SELECT 1',
      );
      return (await tx.manager.getRepository(Attachment).findOneBy({ id: a.id }))!;
    });
  }

  /** The attachment a resumable upload became, if it was recorded. */
  async byUpload(uploadId: string): Promise<Attachment | null> {
    return this.ds.getRepository(Attachment).findOneBy({ uploadId });
  }

  /** The attachment if the caller may read the application (owner, officer in scope, assigned expert). */
  async readable(user: AuthUser, applicationId: string, attachmentId: string): Promise<Attachment> {
    const app = await this.repo.findById(applicationId);
    // owner, or an officer whose scope covers the application (officer-visibility's answer)
    let allowed = !!app && (isOwner(user, app) || (await this.applications.officerMaySee(user, app)));
    // the review feature's one answer (a live assignment only); a database error propagates (500/503), never a 404
    const assignment =
      app && !allowed && user.roles.includes('expert') && this.experts
        ? await this.experts.assignment(user.id, app.id)
        : null;
    if (assignment) allowed = true;
    if (!allowed) throw APPLICATION_ERRORS['APPLICATION.NOT_FOUND']();
    const found = await this.find(applicationId, attachmentId);
    if (assignment) {
      // an expert gets the name of their JSON view, never the uploaded one (it may carry an ID number or, blind, the
      // company's name); a blind reviewer gets no identity-bearing file at all
      const name = await this.experts!.expertFileName(found, assignment.blind);
      if (name === null) throw APPLICATION_ERRORS['ATTACHMENT.NOT_FOUND']();
      found.fileName = name;
    }
    return found;
  }

  download(attachment: Attachment, rangeHeader: string | undefined): Download {
    const range = parseRange(rangeHeader, attachment.size);
    return {
      attachment,
      etag: attachment.id,
      range,
      open: () => this.storage.get(attachment.storageKey, range === 'unsatisfiable' ? undefined : range),
    };
  }

  /** A URL usable without a bearer header for 10 minutes (e.g. <video src>). Link lifetimes keep real time, like tokens. */
  link(attachment: Attachment): { url: string; expiresAt: string } {
    // `attachment.fileName` is already the one an expert may see (see readable()).
    const { expires, signature } = signLink(this.config.JWT_SECRET, attachment.id, Date.now(), attachment.fileName);
    const name = encodeURIComponent(attachment.fileName);
    return {
      url: `/api/attachment-links/${attachment.id}?expires=${expires}&name=${name}&signature=${signature}`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  async byLink(attachmentId: string, expires: number, signature: string, fileName: string): Promise<Attachment> {
    if (!verifyLink(this.config.JWT_SECRET, attachmentId, expires, signature, Date.now(), fileName))
      throw APPLICATION_ERRORS['ATTACHMENT.LINK_INVALID']();
    const row = await this.ds.getRepository(Attachment).findOneBy({ id: attachmentId });
    if (!row || row.deletedAt) throw APPLICATION_ERRORS['ATTACHMENT.NOT_FOUND']();
    row.fileName = fileName; // the name the link was signed with
    return row;
  }

  async remove(user: AuthUser, applicationId: string, attachmentId: string): Promise<void> {
    const key = await inTransaction(this.ds, async (tx) => {
      const app = await this.repo.lockById(tx.manager, applicationId);
      assertOwner(user, app);
      const row = await this.find(applicationId, attachmentId);
      assertEditable(app);
      await runParts(
        tx.manager,
        [
          { name: 'f', sql: `UPDATE attachment SET deleted_at = $2 WHERE id = $1`, params: [row.id, this.clock.now()] },
          filesChanged(app.id),
          ...this.audit.parts({
            actorId: user.id,
            action: 'attachment.removed',
            entityType: 'application',
            entityId: app.id,
            data: { attachmentId: row.id, kind: row.kind, fileName: row.fileName, sha256: row.sha256 },
          }),
        ],
        'SELECT 1',
      );
      return row.storageKey;
    });
    await this.storage.delete(key).catch(() => undefined);
  }

  private async find(applicationId: string, attachmentId: string): Promise<Attachment> {
    const row = await this.ds.getRepository(Attachment).findOneBy({ id: attachmentId, applicationId });
    if (!row || row.deletedAt) throw APPLICATION_ERRORS['ATTACHMENT.NOT_FOUND']();
    return row;
  }
}

/** Bumps the application's files_rev: a submit that read the attachments before this change commits starts again. */
function filesChanged(applicationId: string): SqlPart {
  return {
    name: 'files_rev',
    sql: `UPDATE application SET files_rev = files_rev + 1 WHERE id = $1`,
    params: [applicationId],
  };
}

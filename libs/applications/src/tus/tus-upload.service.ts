import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Server } from '@tus/server';
import type { Upload } from '@tus/utils';
import { randomBytes, randomUUID } from 'crypto';
import { existsSync } from 'fs';
import { readdir, rm, stat } from 'fs/promises';
import { join } from 'path';
import { IncomingMessage, ServerResponse } from 'http';
import { DataSource } from 'typeorm';
import { STATUS_CODES } from 'http';
import { DomainError, importEsm, PortalConfig, RedisService } from '@portal/platform';
import { applicationNotFound } from '../applications/application-access';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationsService } from '../applications/applications.service';
import { assertKindSize, assertTypeAllowed, kindProblem } from '../attachments/attachment-kinds';
import { Attachment } from '../attachments/attachment.entity';
import { AttachmentsService } from '../attachments/attachments.service';
import { sniffFile } from '../attachments/file-sniffer';
import { cleanFileName } from '../attachments/http-bytes';
import { StorageService } from '@portal/storage';
import { APPLICATION_ERRORS } from '../errors';
import { createHashingFileStore, HashingStore } from './hashing-file-store';
import { LeaseTusLocker } from './lease-locker';
import { PostgresTusLocker } from './postgres-locker';
import { RedisTusLocker } from './redis-locker';
import { FinishingUpload, UploadRow, UploadRows } from './upload-rows';

/** What the middleware established about the request before tus handles it. */
export interface UploadContext {
  applicationId: string;
  userId: string;
}
export const UPLOAD_CONTEXT = Symbol('portal.upload');
/** The Node request as TusMiddleware leaves it for tus: marked with its UploadContext. */
export type ContextCarrier = { [UPLOAD_CONTEXT]?: UploadContext };

export const UPLOAD_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_[0-9a-f]{32}$/;
/** Response header naming the attachment created when the upload completed. */
export const ATTACHMENT_ID_HEADER = 'Upload-Attachment-Id';

/** A DomainError as tus wants it thrown from its hooks: status and body (the API's error JSON). */
export function tusError(err: DomainError): { status_code: number; body: string } {
  return {
    status_code: err.status,
    body: JSON.stringify({
      statusCode: err.status,
      error: STATUS_CODES[err.status],
      message: err.text,
      code: err.code,
      details: err.details,
    }),
  };
}

type TusOptions = ConstructorParameters<typeof Server>[0];
/** What tus hands its hooks: srvx's web Request, which on Node carries the IncomingMessage it was made from. */
type TusRequest = Parameters<NonNullable<TusOptions['onUploadCreate']>>[0];

function contextOf(req: TusRequest): UploadContext {
  // srvx moved `req.node` to `req.runtime.node`; tus still sets the old name for older callers
  const legacy = (req as { node?: { req: unknown } }).node;
  const ctx = ((req.runtime?.node ?? legacy)?.req as ContextCarrier | undefined)?.[UPLOAD_CONTEXT];
  if (!ctx) throw new Error('tus request without upload context');
  return ctx;
}

/**
 * Resumable uploads (tus 1.0 via @tus/server 2, file store in STORAGE_DIR/uploads). Upload ids start with the
 * application's id, so a request naming another application's upload is refused before tus sees it. A creation is
 * held to the kind's size limit and the organization's quota (a `tus_upload` row holds its room). On completion the
 * bytes are sniffed, their running sha256 taken, moved into storage and recorded as an attachment in resumable steps
 * (complete()); the worker's upload sweep finishes what a failure interrupted and expires abandoned uploads.
 */
@Injectable()
export class TusUploadService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TusUploads');
  private server!: Server;
  private store!: HashingStore;
  private locker: LeaseTusLocker | null = null;

  constructor(
    private readonly config: PortalConfig,
    private readonly storage: StorageService,
    private readonly repo: ApplicationRepository,
    private readonly applications: ApplicationsService,
    private readonly attachments: AttachmentsService,
    private readonly redis: RedisService,
    private readonly ds: DataSource,
    private readonly uploads: UploadRows,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.locker?.close();
  }

  async onModuleInit(): Promise<void> {
    const { Server } = await importEsm<typeof import('@tus/server')>('@tus/server');
    this.store = await createHashingFileStore(this.storage.scratchDir('uploads'));
    // one lock per upload across every API process and replica: on Redis, or in PostgreSQL when queues run there
    this.locker = this.redis.client
      ? new RedisTusLocker(this.redis.client, { prefix: this.redis.key('uploads') })
      : new PostgresTusLocker((text, params) => this.ds.query(text, params), { databaseUrl: this.config.DATABASE_URL });
    const options: TusOptions = {
      path: '/api/applications/uploads',
      datastore: this.store,
      maxSize: this.config.TUS_MAX_BYTES,
      exposedHeaders: [ATTACHMENT_ID_HEADER],
      locker: this.locker,
      namingFunction: (req) => `${contextOf(req).applicationId}_${randomBytes(16).toString('hex')}`,
      generateUrl: (_req, { id }) => `/api/applications/${UPLOAD_ID.exec(id)![1]}/uploads/${id}`,
      getFileIdFromRequest: (_req, lastPath) => (lastPath && UPLOAD_ID.test(lastPath) ? lastPath : undefined),
      onUploadCreate: (req, upload) => this.onCreate(req, upload),
      onUploadFinish: (req, upload) => this.onFinish(req, upload),
    };
    this.server = new Server(options);
  }

  handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.server.handle(req, res);
  }

  /**
   * Refused before a byte is stored: an unknown kind (422), no Upload-Length (400: a deferred length would dodge the
   * limits), more than the kind takes (413: documents 50 MB, work samples 4 GiB), or more than the organization's
   * quota has left (413). The upload then holds its declared length of the quota until it is recorded or expires.
   */
  private async onCreate(req: TusRequest, upload: Upload) {
    const ctx = contextOf(req);
    const app = await this.repo.findById(ctx.applicationId);
    const def = this.applications.program(app!.programCode);
    const kind = upload.metadata?.kind ?? '';
    const problem = kind
      ? kindProblem(def, kind)
      : APPLICATION_ERRORS['ATTACHMENT.MALFORMED'](
          { zh: '缺少附件类别（元数据 kind）', en: 'Upload-Metadata needs `kind`' },
          { details: [{ path: 'kind', message: 'required' }] },
        );
    if (problem) throw tusError(problem);
    if (upload.size === undefined)
      throw tusError(
        APPLICATION_ERRORS['ATTACHMENT.MALFORMED'](
          {
            zh: '请在 Upload-Length 中给出文件大小',
            en: 'Upload-Length is required (a deferred length is not accepted)',
          },
          { details: [{ path: 'Upload-Length', message: 'required' }] },
        ),
      );
    const fileName = cleanFileName(upload.metadata?.filename);
    try {
      assertKindSize(def, kind, upload.size);
      await this.uploads.open({
        id: upload.id,
        applicationId: app!.id,
        organizationId: app!.organizationId,
        kind,
        fileName,
        size: upload.size,
        createdBy: ctx.userId,
      });
    } catch (err) {
      if (err instanceof DomainError) throw tusError(err);
      throw err;
    }
    return {
      metadata: { ...upload.metadata, kind, filename: fileName, applicationId: ctx.applicationId, userId: ctx.userId },
    };
  }

  private async onFinish(req: TusRequest, upload: Upload) {
    const ctx = contextOf(req);
    if (UPLOAD_ID.exec(upload.id)?.[1] !== ctx.applicationId) throw tusError(applicationNotFound());
    try {
      const row = await this.complete(upload.id);
      if (!row) throw applicationNotFound();
      return { headers: { [ATTACHMENT_ID_HEADER]: row.id } };
    } catch (err) {
      if (err instanceof DomainError) throw tusError(err);
      if (isTusError(err)) throw err;
      this.logger.warn(
        { err },
        `upload ${upload.id} is complete but not recorded yet; the upload sweep will record it`,
      );
      throw notRecordedYet();
    }
  }

  /**
   * Whether a HEAD or PATCH naming this upload must be answered by complete() rather than by tus: the upload's
   * bytes left the upload directory (moved into storage, or never there), so tus alone would answer 404 or 410.
   */
  needsRecovery(uploadId: string): boolean {
    return !existsSync(this.store.filePath(uploadId)) || !existsSync(`${this.store.filePath(uploadId)}.json`);
  }

  /**
   * Records a complete upload as an attachment, resuming wherever an earlier attempt stopped (under the upload's
   * lock, so the final PATCH, a client's retry and the sweep never do it twice):
   * 1. sniff and hash the bytes, then name the attachment in the upload's row (attachment id, sha256, type);
   * 2. move the bytes into storage under that attachment's key;
   * 3. insert the attachment and delete the upload's row in one transaction.
   * A failure between the steps (a database blip) leaves the row saying where the bytes are, so a later call finishes
   * the job: nothing that was received is lost. Returns null for an upload that is unknown or not complete yet.
   * A DomainError means the upload is refused for good (wrong type, application no longer editable): it is removed.
   */
  async complete(uploadId: string): Promise<Attachment | null> {
    return this.withLock(uploadId, async () => {
      const recorded = await this.attachments.byUpload(uploadId);
      if (recorded) {
        await this.uploads.remove(this.ds, uploadId);
        await this.store.forget(uploadId).catch(() => undefined);
        return recorded;
      }
      const row = await this.uploads.find(uploadId);
      if (!row) return null;
      const app = await this.repo.findById(row.applicationId);
      if (!app) {
        await this.discard(row, null);
        return null;
      }
      const path = this.store.filePath(uploadId);
      let finishing: FinishingUpload | null = row.attachmentId ? (row as FinishingUpload) : null;
      if (!finishing) {
        if ((await fileSize(path)) !== row.size) return null; // still being uploaded
        const def = this.applications.program(app.programCode);
        let mimeType: string;
        try {
          mimeType = assertTypeAllowed(def, row.kind, await sniffFile(path));
        } catch (err) {
          if (err instanceof DomainError) await this.discard(row, null);
          throw err;
        }
        const sha256 = await this.store.digest(uploadId, row.size);
        finishing = await this.uploads.markFinishing(uploadId, { attachmentId: randomUUID(), sha256, mimeType });
        if (!finishing) return null;
      }
      const key = AttachmentsService.key(app.id, finishing.attachmentId);
      if ((await fileSize(path)) !== null) await this.storage.adoptFile(path, key);
      else if ((await this.storage.size(key)) !== row.size) {
        this.logger.error(`upload ${uploadId}: its bytes are neither in the upload directory nor at ${key}`);
        return null;
      }
      try {
        const att = await this.attachments.register({
          id: finishing.attachmentId,
          application: app,
          kind: row.kind,
          fileName: row.fileName,
          size: row.size,
          sha256: finishing.sha256,
          mimeType: finishing.mimeType,
          storageKey: key,
          uploadId,
          userId: row.createdBy,
        });
        if (att.id !== finishing.attachmentId) await this.storage.delete(key); // this upload was already recorded
        await this.store.forget(uploadId).catch(() => undefined);
        return att;
      } catch (err) {
        if (err instanceof DomainError) await this.discard(row, key);
        throw err;
      }
    });
  }

  /**
   * The upload sweep (a BullMQ job scheduler in the worker, UPLOAD_SWEEP_EVERY_MS): uploads not finished within
   * UPLOAD_EXPIRE_HOURS are deleted (bytes, row, lock); complete uploads that a failure left unrecorded are recorded;
   * files in the upload directory without a row, older than the expiry, are deleted.
   */
  async sweep(limit = 1000): Promise<{ expired: number; recorded: number; orphans: number }> {
    const out = { expired: 0, recorded: 0, orphans: 0 };
    for (const row of await this.uploads.list(limit)) {
      try {
        if (row.expired && !row.attachmentId) {
          await this.withLock(row.id, () => this.discard(row, null));
          out.expired++;
        } else if (row.attachmentId || (await fileSize(this.store.filePath(row.id))) === row.size) {
          if (await this.complete(row.id)) out.recorded++;
        }
      } catch (err) {
        this.logger.warn({ err }, `upload sweep: upload ${row.id} left for the next run`);
      }
    }
    out.orphans = await this.removeOrphans();
    return out;
  }

  /** Files of the upload directory whose upload has no row and that were last written before the expiry. */
  private async removeOrphans(): Promise<number> {
    const dir = this.store.filePath('');
    const before = Date.now() - this.config.UPLOAD_EXPIRE_HOURS * 3600_000;
    const ids = new Set<string>();
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const id = name.replace(/\.json$/, '');
      if (!UPLOAD_ID.test(id)) continue;
      const st = await stat(join(dir, name)).catch(() => null);
      if (st && st.mtimeMs < before) ids.add(id);
    }
    const known = await this.uploads.known([...ids]);
    let removed = 0;
    for (const id of ids) {
      if (known.has(id)) continue;
      await rm(this.store.filePath(id), { force: true });
      await rm(`${this.store.filePath(id)}.json`, { force: true });
      removed++;
    }
    return removed;
  }

  /** Deletes an upload: its bytes (in the upload directory, and at `key` when they had moved) and its row. */
  private async discard(row: UploadRow, key: string | null): Promise<void> {
    if (key) await this.storage.delete(key).catch(() => undefined);
    await rm(this.store.filePath(row.id), { force: true });
    await this.store.forget(row.id).catch(() => undefined);
    await this.uploads.remove(this.ds, row.id);
  }

  /** Runs `work` holding the upload's lock (the one tus takes for its requests), released (and so deleted) after. */
  private async withLock<T>(uploadId: string, work: () => Promise<T>): Promise<T> {
    const lock = this.locker!.newLock(uploadId);
    await lock.lock(new AbortController().signal, () => undefined);
    try {
      return await work();
    } finally {
      await lock.unlock().catch(() => undefined);
    }
  }
}

/** The size of a file, or null when there is none. */
async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

function isTusError(err: unknown): err is { status_code: number; body: string } {
  return typeof err === 'object' && err !== null && 'status_code' in err;
}

/** 503: the bytes arrived and are kept, but recording them failed (the database); they are recorded shortly. */
export function notRecordedYet(): { status_code: number; body: string } {
  return {
    status_code: 503,
    body: JSON.stringify({
      statusCode: 503,
      error: STATUS_CODES[503],
      message: {
        zh: '文件已完整接收，正在登记，请稍后刷新（无需重新上传）',
        en: 'The file was received in full and will be recorded shortly; there is no need to upload it again',
      },
      code: 'ATTACHMENT.NOT_RECORDED_YET',
      details: [],
    }),
  };
}

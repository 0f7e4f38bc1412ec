import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Server } from '@tus/server';
import type { Upload } from '@tus/utils';
import { randomBytes, randomUUID } from 'crypto';
import { IncomingMessage, ServerResponse } from 'http';
import { DataSource } from 'typeorm';
import { STATUS_CODES } from 'http';
import { DomainError, importEsm, PortalConfig, RedisService } from '@portal/platform';
import { applicationNotFound } from '../applications/application-access';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationsService } from '../applications/applications.service';
import { assertTypeAllowed, kindProblem } from '../attachments/attachment-kinds';
import { AttachmentsService } from '../attachments/attachments.service';
import { sniffFile } from '../attachments/file-sniffer';
import { cleanFileName } from '../attachments/http-bytes';
import { StorageService } from '@portal/storage';
import { APPLICATION_ERRORS } from '../errors';
import { createHashingFileStore, HashingStore } from './hashing-file-store';
import { LeaseTusLocker } from './lease-locker';
import { PostgresTusLocker } from './postgres-locker';
import { RedisTusLocker } from './redis-locker';

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
 * application's id, so a request naming another application's upload is refused before tus sees it. On completion
 * the bytes are sniffed, their running sha256 taken, moved into storage and recorded as an attachment.
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
    return {
      metadata: {
        ...upload.metadata,
        kind,
        filename: cleanFileName(upload.metadata?.filename),
        applicationId: ctx.applicationId,
        userId: ctx.userId,
      },
    };
  }

  private async onFinish(req: TusRequest, upload: Upload) {
    const ctx = contextOf(req);
    const meta = upload.metadata ?? {};
    const path = this.store.filePath(upload.id);
    const app = await this.repo.findById(ctx.applicationId);
    if (!app || meta.applicationId !== ctx.applicationId) throw tusError(applicationNotFound());
    const def = this.applications.program(app.programCode);
    let mimeType: string;
    try {
      mimeType = assertTypeAllowed(def, meta.kind!, await sniffFile(path));
    } catch (err) {
      await this.store.remove(upload.id).catch(() => undefined);
      if (err instanceof DomainError) throw tusError(err);
      throw err;
    }
    const size = upload.size ?? upload.offset;
    const sha256 = await this.store.digest(upload.id, size);
    const id = randomUUID();
    const key = AttachmentsService.key(app.id, id);
    await this.storage.adoptFile(path, key);
    await this.store.forget(upload.id);
    try {
      const row = await this.attachments.register({
        id,
        application: app,
        kind: meta.kind!,
        fileName: meta.filename ?? 'file',
        size,
        sha256,
        mimeType,
        storageKey: key,
        uploadId: upload.id,
        userId: ctx.userId,
      });
      if (row.id !== id) await this.storage.delete(key); // this upload was already recorded
      return { headers: { [ATTACHMENT_ID_HEADER]: row.id } };
    } catch (err) {
      await this.storage.delete(key).catch(() => undefined);
      this.logger.warn(`upload ${upload.id} finished but was not recorded: ${(err as Error).message}`);
      if (err instanceof DomainError) throw tusError(err);
      throw err;
    }
  }
}

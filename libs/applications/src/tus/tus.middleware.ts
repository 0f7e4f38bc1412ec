import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Request, Response } from 'express';
import { createSecretKey, KeyObject } from 'crypto';
import { STATUS_CODES } from 'http';
import { AccountStatusCache, IDENTITY_ERRORS } from '@portal/identity';
import { AuthUser, DomainError, PLATFORM_ERRORS, PortalConfig } from '@portal/platform';
import { applicationNotFound, assertEditable, assertOwner } from '../applications/application-access';
import { ApplicationRepository } from '../applications/application.repository';
import {
  ATTACHMENT_ID_HEADER,
  ContextCarrier,
  notRecordedYet,
  TusUploadService,
  UPLOAD_CONTEXT,
  UPLOAD_ID,
  UploadContext,
} from './tus-upload.service';

const PATH = /^\/api\/applications\/([^/]+)\/uploads(?:\/([^/?]+))?\/?(?:\?.*)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function send(res: Response, err: DomainError) {
  res.status(err.status).json({
    statusCode: err.status,
    error: STATUS_CODES[err.status],
    message: err.text,
    code: err.code,
    details: err.details,
  });
}

/** The access token's claims, as identity signs them (JwtStrategy reads the same). */
interface TokenPayload {
  sub: string;
  roles?: AuthUser['roles'];
  org?: string | null;
}

/**
 * `/api/applications/:id/uploads[/:uploadId]` — the tus endpoint. The global guard does not run for middleware, so
 * this checks the bearer token, ownership (404 otherwise) and that the application is editable (409) before tus.
 */
@Injectable()
export class TusMiddleware implements NestMiddleware {
  private readonly jwt = new JwtService({});
  private readonly logger = new Logger('TusUploads');
  private key?: KeyObject;

  constructor(
    private readonly config: PortalConfig,
    private readonly repo: ApplicationRepository,
    private readonly tus: TusUploadService,
    private readonly accounts: AccountStatusCache,
  ) {}

  async use(req: Request, res: Response): Promise<void> {
    try {
      const m = PATH.exec(req.originalUrl);
      if (req.method === 'OPTIONS') return await this.tus.handle(req, res);
      if (!m || !UUID.test(m[1])) throw applicationNotFound();
      const applicationId = m[1].toLowerCase();
      const user = await this.authenticate(req);
      const app = await this.repo.findById(applicationId);
      assertOwner(user, app);
      const uploadId = m[2] ? decodeURIComponent(m[2]) : null;
      if (uploadId && UPLOAD_ID.exec(uploadId)?.[1] !== applicationId) throw applicationNotFound();
      assertEditable(app);
      (req as Request & ContextCarrier)[UPLOAD_CONTEXT] = { applicationId, userId: user.id } satisfies UploadContext;
      if (uploadId && (req.method === 'HEAD' || req.method === 'PATCH') && this.tus.needsRecovery(uploadId))
        if (await this.answerRecorded(uploadId, req, res)) return;
      await this.tus.handle(req, res);
    } catch (err) {
      if (res.headersSent) return void res.end();
      if (err instanceof DomainError) return send(res, err);
      this.logger.error({ err }, 'upload request failed');
      res.status(500).json({
        statusCode: 500,
        error: 'Internal Server Error',
        message: { zh: '服务器内部错误', en: 'Internal error' },
        details: [],
      });
    }
  }

  /**
   * A HEAD or PATCH for an upload whose bytes already left the upload directory: a client resuming after the final
   * PATCH failed (e.g. a 503 while the database was away). Finishes the recording if need be and answers as for a
   * complete upload (offset = length, with the attachment's id), so the client neither waits nor sends it again.
   * False when there is no such upload: tus answers (404 / 410).
   */
  private async answerRecorded(uploadId: string, req: Request, res: Response): Promise<boolean> {
    let row;
    try {
      row = await this.tus.complete(uploadId);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      this.logger.warn({ err }, `upload ${uploadId}: recording failed again`);
      const { status_code, body } = notRecordedYet();
      res.status(status_code).setHeader('Retry-After', '5').type('application/json').send(body);
      return true;
    }
    if (!row) return false;
    res
      .status(req.method === 'HEAD' ? 200 : 204)
      .set({
        'Tus-Resumable': '1.0.0',
        'Cache-Control': 'no-store',
        'Upload-Offset': String(row.size),
        'Upload-Length': String(row.size),
        [ATTACHMENT_ID_HEADER]: row.id,
        'Access-Control-Expose-Headers': `Upload-Offset, Upload-Length, Tus-Resumable, ${ATTACHMENT_ID_HEADER}`,
      })
      .end();
    req.resume();
    return true;
  }

  /** The token, then its account's current roles and status (as JwtStrategy: a disabled account gets 401). */
  private async authenticate(req: Request): Promise<AuthUser> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let payload: TokenPayload;
    try {
      // a KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a PEM key on every call
      this.key ??= createSecretKey(Buffer.from(this.config.JWT_SECRET));
      payload = this.jwt.verify<TokenPayload>(token ?? '', {
        // @nestjs/jwt's types name only string | Buffer, though it hands the key to jsonwebtoken, which takes a KeyObject
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the types lag behind the library
        secret: this.key as any,
        algorithms: ['HS256'],
      });
    } catch {
      throw PLATFORM_ERRORS['AUTH.UNAUTHENTICATED']();
    }
    const account = typeof payload.sub === 'string' ? await this.accounts.current(payload.sub) : null;
    if (!account || account.disabled) throw IDENTITY_ERRORS['AUTH.ACCOUNT_DISABLED']();
    return { id: payload.sub, roles: account.roles, organizationId: account.organizationId };
  }
}

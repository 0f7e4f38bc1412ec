import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Request, Response } from 'express';
import { createSecretKey, KeyObject } from 'crypto';
import { STATUS_CODES } from 'http';
import { AuthUser, DomainError, PLATFORM_ERRORS, PortalConfig } from '@portal/platform';
import { applicationNotFound, assertEditable, assertOwner } from '../applications/application-access';
import { ApplicationRepository } from '../applications/application.repository';
import { ContextCarrier, TusUploadService, UPLOAD_CONTEXT, UPLOAD_ID, UploadContext } from './tus-upload.service';

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
  ) {}

  async use(req: Request, res: Response): Promise<void> {
    try {
      const m = PATH.exec(req.originalUrl);
      if (req.method === 'OPTIONS') return await this.tus.handle(req, res);
      if (!m || !UUID.test(m[1])) throw applicationNotFound();
      const applicationId = m[1].toLowerCase();
      const user = this.authenticate(req);
      const app = await this.repo.findById(applicationId);
      assertOwner(user, app);
      if (m[2] && UPLOAD_ID.exec(decodeURIComponent(m[2]))?.[1] !== applicationId) throw applicationNotFound();
      assertEditable(app);
      (req as Request & ContextCarrier)[UPLOAD_CONTEXT] = { applicationId, userId: user.id } satisfies UploadContext;
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

  private authenticate(req: Request): AuthUser {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    try {
      // a KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a PEM key on every call
      this.key ??= createSecretKey(Buffer.from(this.config.JWT_SECRET));
      const payload = this.jwt.verify<TokenPayload>(token ?? '', {
        // @nestjs/jwt's types name only string | Buffer, though it hands the key to jsonwebtoken, which takes a KeyObject
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the types lag behind the library
        secret: this.key as any,
        algorithms: ['HS256'],
      });
      return { id: payload.sub, roles: payload.roles ?? [], organizationId: payload.org ?? null };
    } catch {
      throw PLATFORM_ERRORS['AUTH.UNAUTHENTICATED']();
    }
  }
}

import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { randomUUID } from 'crypto';
import type { Request } from 'express';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { Readable } from 'stream';
import { InspectStream } from '@portal/applications';
import { AuthUser } from '@portal/platform';
import { StorageService } from '@portal/storage';
import { ChangeReportsService } from './change-reports.service';
import { LICENCE_MAX_BYTES, licenceKey, LicenceUpload } from './licence-file';

const UPLOAD_CAP = LICENCE_MAX_BYTES + 1024 * 1024;

type Done = (err: unknown, info?: Omit<LicenceUpload, 'originalname'>) => void;

/**
 * multer storage engine for the licence: asks the gate first (the caller's organization, its certificate), then streams
 * the file into StorageService while hashing it, never holding it in memory, stopping at the limit.
 */
class LicenceStorage {
  constructor(
    private readonly storage: StorageService,
    private readonly gate: (req: Request) => Promise<void>,
  ) {}

  _handleFile(req: Request, file: { stream: Readable }, done: Done): void {
    this.gate(req).then(
      () => this.store(file, done),
      (err) => {
        file.stream.resume();
        done(err);
      },
    );
  }

  private store(file: { stream: Readable }, done: Done): void {
    const id = randomUUID();
    const key = licenceKey(id);
    const inspect = new InspectStream(LICENCE_MAX_BYTES);
    file.stream.on('error', (err) => inspect.destroy(err));
    this.storage.put(key, file.stream.pipe(inspect)).then(
      ({ size }) => done(null, { id, key, size, sha256: inspect.digest(), sample: inspect.sample }),
      (err) => {
        if (inspect.bytes <= LICENCE_MAX_BYTES) return done(err);
        file.stream.resume();
        done(null, { id, key, size: inspect.bytes, sha256: '', sample: inspect.sample });
      },
    );
  }

  _removeFile(_req: unknown, file: Partial<LicenceUpload>, done: (err: Error | null) => void): void {
    if (!file.key) return done(null);
    this.storage.delete(file.key).then(() => done(null), done);
  }
}

/**
 * multer for the change report's `file`. Nothing is stored for a caller who may not report (another organization: 404;
 * no certificate: 409); a request refused after the file was stored (a field that fails validation, a rule of the
 * report) removes the object again, so no licence outlives a refused report.
 */
@Injectable()
export class LicenceInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(
    private readonly storage: StorageService,
    private readonly reports: ChangeReportsService,
  ) {
    const Multer = FileInterceptor('file', {
      limits: { fileSize: UPLOAD_CAP, files: 1, fields: 10 },
      storage: new LicenceStorage(storage, (req) =>
        reports.admit(req.user as AuthUser | undefined, String(req.params?.id ?? '')).then(() => undefined),
      ),
    });
    this.multer = new Multer();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { file?: LicenceUpload }>();
    return from(this.reports.admit(req.user as AuthUser | undefined, String(req.params.id ?? ''))).pipe(
      switchMap(() => from(this.multer.intercept(context, next))),
      switchMap((o) => o),
      catchError((err) => {
        const key = req.file?.key;
        if (!key) return throwError(() => err);
        return from(this.storage.delete(key).catch(() => undefined)).pipe(switchMap(() => throwError(() => err)));
      }),
    );
  }
}

import busboy from 'busboy';
import { IncomingMessage } from 'http';
import { DomainError } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { StorageService } from '@portal/storage';
import { cleanFileName } from './http-bytes';
import { InspectStream, TooLargeError } from './inspect-stream';

export interface ReceivedFile {
  kind: string | null;
  fileName: string;
  size: number;
  sha256: string;
  /** The first bytes, for judging the type. */
  sample: Buffer;
}

export function tooLarge(limit: number): DomainError {
  return APPLICATION_ERRORS['ATTACHMENT.TOO_LARGE']({ limit });
}

export function malformed(en: string, zh: string, path = 'file'): DomainError {
  return APPLICATION_ERRORS['ATTACHMENT.MALFORMED']({ zh, en }, { details: [{ path, message: { zh, en } }] });
}

/**
 * Reads a multipart/form-data request with one `file` part and a `kind` field, streaming the file into storage
 * under `key` while hashing it — never holding it in memory. `kind` may come before or after the file; when it
 * comes first and `rejectKind` refuses it, the file is not stored at all. A file over `maxBytes` is 413.
 */
export function receiveMultipart(
  req: IncomingMessage,
  opts: { maxBytes: number; storage: StorageService; key: string; rejectKind: (kind: string) => DomainError | null },
): Promise<ReceivedFile> {
  return new Promise<ReceivedFile>((resolve, reject) => {
    let settled = false;
    let storing: Promise<Omit<ReceivedFile, 'kind'>> | null = null;
    /** Rejects once the storage write (if any) has settled, so the caller's clean-up never races it. */
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      const pending = storing;
      if (pending)
        pending.then(
          () => reject(err),
          () => reject(err),
        );
      else reject(err);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: opts.maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
      });
    } catch {
      req.resume();
      return fail(
        malformed(
          'expected multipart/form-data with a `file` part and a `kind` field',
          '请以 multipart/form-data 上传文件（字段 file 和 kind）',
        ),
      );
    }
    let kind: string | null = null;
    let kindError: DomainError | null = null;

    parser.on('field', (name, value) => {
      if (name !== 'kind') return;
      kind = value;
      if (!storing) kindError = opts.rejectKind(value);
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || storing || kindError) {
        stream.resume();
        return;
      }
      const inspect = new InspectStream(opts.maxBytes);
      stream.on('limit', () => inspect.destroy(new TooLargeError(opts.maxBytes)));
      stream.on('error', (err) => inspect.destroy(err));
      storing = opts.storage.put(opts.key, stream.pipe(inspect)).then(({ size }) => ({
        fileName: cleanFileName(info.filename),
        size,
        sha256: inspect.digest(),
        sample: inspect.sample,
      }));
      storing.catch((err) => fail(err instanceof TooLargeError ? tooLarge(opts.maxBytes) : err));
    });
    parser.on('error', () => fail(malformed('the multipart body is malformed', '上传内容格式有误')));
    parser.on('close', () => {
      if (settled) return;
      if (kindError) return fail(kindError);
      if (!storing) return fail(malformed('the `file` part is missing', '缺少文件（字段 file）'));
      storing.then(
        (file) => {
          if (settled) return;
          settled = true;
          resolve({ ...file, kind });
        },
        () => undefined, // already reported
      );
    });
    req.on('aborted', () => fail(malformed('the upload was interrupted', '上传中断')));
    req.pipe(parser);
  });
}

import { randomUUID } from 'crypto';
import { Readable } from 'stream';
import { InspectStream } from '@portal/applications';
import { StorageService } from '@portal/storage';

/** Evidence files may be PDF, JPEG or PNG, judged by their first bytes (never by the name or the declared type). */
export function sniffEvidence(buf: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

/** Evidence is the storage object objections/<objection id> (StorageService: STORAGE_DIR/objects/… or the S3 bucket). */
export function evidenceKey(objectionId: string): string {
  return `objections/${objectionId}`;
}

/** The evidence `file` of a multipart objection, as EvidenceStorage hands it to the controller. */
export interface EvidenceUpload {
  originalname: string;
  /** The id the objection will get: the bytes are stored under evidenceKey(id). */
  id: string;
  key: string;
  /** Bytes read; over the limit, reading stopped there and nothing was kept (the service answers 413 in its turn). */
  size: number;
  sha256: string;
  /** The first bytes, for sniffEvidence. */
  sample: Buffer;
}

/** Resolves when the request may store its evidence (the fields that came before the file included), else rejects. */
export type EvidenceGate = (req: EvidenceRequest) => Promise<void>;
/** What the gate reads of the request: the notice id, the fields parsed so far, the client's address. */
export interface EvidenceRequest {
  params?: Record<string, string>;
  body?: Record<string, unknown>;
  ip?: string;
}

/**
 * multer storage engine for evidence: asks the gate first (notice, window, the fields before the file, entry, rate),
 * and only then streams the file into StorageService while hashing it (never holding it in memory), stopping at
 * `maxBytes`. A refused request stores nothing; whoever fails the request afterwards removes the object
 * (`_removeFile`, or the service's own clean-up).
 */
export class EvidenceStorage {
  constructor(
    private readonly storage: StorageService,
    private readonly maxBytes: number,
    private readonly gate: EvidenceGate,
  ) {}

  _handleFile(
    req: EvidenceRequest,
    file: { stream: Readable },
    done: (err: unknown, info?: Omit<EvidenceUpload, 'originalname'>) => void,
  ): void {
    this.gate(req).then(
      () => this.store(file, done),
      (err) => {
        file.stream.resume(); // read and dropped: nothing of it is written anywhere
        done(err);
      },
    );
  }

  private store(
    file: { stream: Readable },
    done: (err: unknown, info?: Omit<EvidenceUpload, 'originalname'>) => void,
  ): void {
    const id = randomUUID();
    const key = evidenceKey(id);
    const inspect = new InspectStream(this.maxBytes);
    file.stream.on('error', (err) => inspect.destroy(err));
    this.storage.put(key, file.stream.pipe(inspect)).then(
      ({ size }) => done(null, { id, key, size, sha256: inspect.digest(), sample: inspect.sample }),
      (err) => {
        if (inspect.bytes <= this.maxBytes) return done(err);
        file.stream.resume(); // the rest is read and dropped (multer's hard cap still applies)
        done(null, { id, key, size: inspect.bytes, sha256: '', sample: inspect.sample });
      },
    );
  }

  _removeFile(_req: unknown, file: Partial<EvidenceUpload>, done: (err: Error | null) => void): void {
    if (!file.key) return done(null);
    this.storage.delete(file.key).then(() => done(null), done);
  }
}

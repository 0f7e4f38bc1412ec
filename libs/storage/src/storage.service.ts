import { Readable } from 'stream';

/** Inclusive byte range, as in `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where attachment and objection-evidence bytes live. Keys are opaque paths (`applications/<id>/<attachmentId>`,
 * `objections/<objectionId>`). The local directory is the default; an S3-compatible bucket is the scale-out option
 * (STORAGE_DRIVER=s3).
 */
export abstract class StorageService {
  /** Streams `body` into `key` (never holding it in memory); the object appears only once complete. Returns its size. */
  abstract put(key: string, body: Readable): Promise<{ size: number }>;
  /** Moves a finished local file (e.g. a completed resumable upload) into `key`. The file is gone afterwards. */
  abstract adoptFile(localPath: string, key: string): Promise<void>;
  /** The object's bytes, or a range of them. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size, or null when it does not exist. */
  abstract size(key: string): Promise<number | null>;
  /** Removes the object (no error when already gone). */
  abstract delete(key: string): Promise<void>;
  /** A local scratch directory for resumable uploads (on the storage volume when the storage is local). */
  abstract scratchDir(name: string): string;
}

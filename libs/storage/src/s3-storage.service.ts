import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream, mkdirSync } from 'fs';
import { rm } from 'fs/promises';
import { join } from 'path';
import { Readable, Transform } from 'stream';
import { ByteRange, StorageService } from './storage.service';

export interface S3Settings {
  /** e.g. http://minio:9000 for an S3-compatible server; unset for AWS itself. */
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Local directory for resumable uploads in progress (assembled there, streamed up on completion). */
  scratchDir: string;
}

/** Parts of a multipart upload: memory per upload stays within PART_SIZE × (QUEUE + 1). */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE = 2;

/**
 * The S3-compatible option (STORAGE_DRIVER=s3, for several API replicas): objects in one bucket under the same
 * keys as the local directory. Streams go up as a multipart upload (an object appears only once complete; a failed
 * stream aborts it); reads pass `Range` through to the server.
 */
export class S3StorageService extends StorageService {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: !!settings.endpoint,
      credentials: settings.accessKeyId
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey ?? '' }
        : undefined,
    });
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    body.on('error', (err) => counted.destroy(err));
    body.pipe(counted);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: counted },
      partSize: PART_SIZE,
      queueSize: QUEUE,
      leavePartsOnError: false,
    });
    await upload.done();
    return { size };
  }

  async adoptFile(localPath: string, key: string): Promise<void> {
    await this.put(key, createReadStream(localPath, { highWaterMark: 1024 * 1024 }));
    await rm(localPath, { force: true });
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const res = await this.client.send(
      new GetObjectCommand({
        Bucket: this.settings.bucket,
        Key: key,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    return res.Body as Readable;
  }

  async size(key: string): Promise<number | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return res.ContentLength ?? null;
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
      if (e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
  }

  scratchDir(name: string): string {
    const dir = join(this.settings.scratchDir, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
}

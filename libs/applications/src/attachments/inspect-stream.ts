import { createHash, Hash } from 'crypto';
import { Transform, TransformCallback } from 'stream';
import { SNIFF_BYTES } from './file-sniffer';

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/** Passes bytes through while hashing them (sha256), counting them and keeping the first few KiB for type sniffing. */
export class InspectStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  bytes = 0;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {
    super();
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(new TooLargeError(this.limit));
    this.hash.update(chunk);
    if (this.headBytes < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headBytes);
      this.head.push(Buffer.from(part));
      this.headBytes += part.length;
    }
    done(null, chunk);
  }

  get sample(): Buffer {
    return Buffer.concat(this.head);
  }

  /** Hex digest; call once, after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

import type { FileStore } from '@tus/file-store';
import { createHash, Hash } from 'crypto';
import { createReadStream } from 'fs';
import { open } from 'fs/promises';
import { join } from 'path';
import { Readable } from 'stream';
import { importEsm } from '@portal/platform';

/** Bytes gathered before one write (fewer, larger writes; the hash runs while the write is in flight). */
const BATCH_BYTES = 1024 * 1024;

export interface HashingStore extends FileStore {
  /** Where the upload's bytes are while it is in progress. */
  filePath(id: string): string;
  /** sha256 of the complete upload: from the running hash when it covers every byte, else by reading the file. */
  digest(id: string, size: number): Promise<string>;
  /** Drops the upload's bookkeeping (its file has been moved away). */
  forget(id: string): Promise<void>;
}

async function hashFile(path: string, hash: Hash, bytes: number): Promise<void> {
  if (bytes <= 0) return;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
}

/**
 * The tus FileStore, writing each PATCH body itself so that a running sha256 follows exactly the bytes on disk:
 * after a cut connection the hash still covers the persisted prefix, and the next PATCH continues it. A process that
 * did not see the earlier bytes (restart, another replica) catches up by reading the prefix once.
 */
export async function createHashingFileStore(directory: string): Promise<HashingStore> {
  const { FileStore: Base } = await importEsm<typeof import('@tus/file-store')>('@tus/file-store');

  class HashingFileStore extends Base implements HashingStore {
    private readonly running = new Map<string, { hash: Hash; offset: number }>();

    filePath(id: string): string {
      return join(this.directory, id);
    }

    private async hashAt(id: string, offset: number) {
      const state = this.running.get(id);
      if (state && state.offset === offset) return state;
      const hash = createHash('sha256');
      await hashFile(this.filePath(id), hash, offset);
      return { hash, offset };
    }

    async write(readable: Readable, id: string, offset: number): Promise<number> {
      const path = this.filePath(id);
      const state = await this.hashAt(id, offset);
      this.running.delete(id); // in use; put back below if it still matches the file
      const fh = await open(path, 'r+');
      let pos = offset;
      let batch: Buffer[] = [];
      let batched = 0;
      const flush = async () => {
        if (!batched) return;
        const chunks = batch;
        const bytes = batched;
        batch = [];
        batched = 0;
        const writing = fh.writev(chunks, pos);
        try {
          for (const c of chunks) state.hash.update(c); // while the write is in flight
          const { bytesWritten } = await writing;
          if (bytesWritten !== bytes) throw new Error(`short write: ${bytesWritten} of ${bytes} bytes`);
        } catch (err) {
          state.offset = -1; // the hash no longer matches the file: recompute next time
          throw err;
        }
        pos += bytes;
        state.offset = pos;
      };
      try {
        for await (const chunk of readable) {
          batch.push(chunk as Buffer);
          batched += (chunk as Buffer).length;
          if (batched >= BATCH_BYTES) await flush();
        }
        await flush();
      } catch (err) {
        // keep what did arrive (fewer bytes to re-send), then report the failure
        await flush().catch(() => undefined);
        throw err;
      } finally {
        await fh.close();
        if (state.offset === pos) this.running.set(id, state);
      }
      return pos;
    }

    async digest(id: string, size: number): Promise<string> {
      const state = this.running.get(id);
      this.running.delete(id);
      if (state && state.offset === size) return state.hash.digest('hex');
      const hash = createHash('sha256');
      await hashFile(this.filePath(id), hash, size);
      return hash.digest('hex');
    }

    async forget(id: string): Promise<void> {
      this.running.delete(id);
      await this.configstore.delete(id);
    }

    async remove(id: string): Promise<void> {
      this.running.delete(id);
      await super.remove(id);
    }
  }

  return new HashingFileStore({ directory });
}

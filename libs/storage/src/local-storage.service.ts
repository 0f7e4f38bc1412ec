import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync } from 'fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'fs/promises';
import { randomUUID } from 'crypto';
import { dirname, join, resolve, sep } from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { ByteRange, StorageService } from './storage.service';

/** Objects as files under STORAGE_DIR/objects; writes go to STORAGE_DIR/tmp first and are renamed into place after fsync. */
export class LocalStorageService extends StorageService {
  private readonly root: string;

  constructor(dir: string) {
    super();
    this.root = resolve(dir);
    mkdirSync(join(this.root, 'objects'), { recursive: true });
    mkdirSync(join(this.root, 'tmp'), { recursive: true });
    this.adoptLegacyEvidence();
  }

  /**
   * Objection evidence used to be written to STORAGE_DIR/objections/<id>, outside the object store; it is now the
   * object objections/<id>. Files left there by an older version are moved in once, at start (same volume: renames).
   */
  private adoptLegacyEvidence() {
    const legacy = join(this.root, 'objections');
    if (!existsSync(legacy)) return;
    const target = join(this.root, 'objects', 'objections');
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(legacy))
      if (!existsSync(join(target, name))) renameSync(join(legacy, name), join(target, name));
    if (!readdirSync(legacy).length) rmdirSync(legacy);
  }

  private path(key: string): string {
    const p = resolve(this.root, 'objects', key);
    if (!p.startsWith(join(this.root, 'objects') + sep))
      throw new Error(`storage key escapes the storage directory: ${key}`);
    return p;
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    const tmp = join(this.root, 'tmp', randomUUID());
    try {
      await pipeline(body, createWriteStream(tmp, { flags: 'wx' }));
      await this.sync(tmp);
      const target = this.path(key);
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
      return { size: (await stat(target)).size };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async adoptFile(localPath: string, key: string): Promise<void> {
    await this.sync(localPath);
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(localPath, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.code !== 'EXDEV') throw err;
      await copyFile(localPath, target); // another volume: copy, then drop the original
      await rm(localPath, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.path(key);
    await stat(path); // ENOENT before any byte is promised
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.path(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  scratchDir(name: string): string {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private async sync(path: string) {
    const fh = await open(path, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

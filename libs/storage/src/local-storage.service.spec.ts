import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { LocalStorageService } from './local-storage.service';

describe('LocalStorageService', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function text(s: LocalStorageService, key: string, range?: { start: number; end: number }) {
    const chunks: Buffer[] = [];
    for await (const c of await s.get(key, range)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  it('stores, reads ranges of and deletes objects under STORAGE_DIR/objects', async () => {
    const s = new LocalStorageService(dir);
    expect(await s.put('a/b.txt', Readable.from([Buffer.from('hello world')]))).toEqual({ size: 11 });
    expect(readFileSync(join(dir, 'objects', 'a', 'b.txt'), 'utf8')).toBe('hello world');
    expect(await text(s, 'a/b.txt', { start: 6, end: 10 })).toBe('world');
    await s.delete('a/b.txt');
    expect(await s.size('a/b.txt')).toBeNull();
    await expect(s.put('../../escape', Readable.from([Buffer.from('x')]))).rejects.toThrow(/escapes/);
  });

  it('moves objection evidence an older version wrote outside the object store into it, once', async () => {
    mkdirSync(join(dir, 'objections'), { recursive: true });
    writeFileSync(join(dir, 'objections', '0b6c1c7e-0000-4000-8000-000000000001'), '%PDF-1.4 old evidence');
    const s = new LocalStorageService(dir);
    expect(await text(s, 'objections/0b6c1c7e-0000-4000-8000-000000000001')).toBe('%PDF-1.4 old evidence');
    expect(existsSync(join(dir, 'objections'))).toBe(false);
    new LocalStorageService(dir); // a second start finds nothing to move
    expect(await text(s, 'objections/0b6c1c7e-0000-4000-8000-000000000001')).toBe('%PDF-1.4 old evidence');
  });
});

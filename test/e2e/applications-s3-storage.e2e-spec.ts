/* The S3-compatible storage against an in-process fake S3 server (s3rver): put, ranged get, size, adopt, delete. */
import { createHash, randomBytes } from 'crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { S3StorageService } from '../../libs/storage/src/s3-storage.service';
import { InspectStream } from '../../libs/applications/src/attachments/inspect-stream';
import { S3rver, S3rverServer } from './s3rver';

async function bytes(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('S3-compatible storage (STORAGE_DRIVER=s3)', () => {
  let server: S3rverServer;
  let dir: string;
  let storage: S3StorageService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3rver-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: join(dir, 'data'),
      configureBuckets: [{ name: 'portal' }],
    });
    const { port } = await server.run();
    storage = new S3StorageService({
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'portal',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      scratchDir: join(dir, 'scratch'),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams an object up in parts, serves ranges, reports its size and deletes it', async () => {
    const file = randomBytes(20 * 1024 * 1024 + 17); // three parts
    const inspect = new InspectStream();
    expect(await storage.put('applications/a/1', Readable.from([file]).pipe(inspect))).toEqual({ size: file.length });
    expect(inspect.digest()).toBe(createHash('sha256').update(file).digest('hex'));
    expect(await storage.size('applications/a/1')).toBe(file.length);
    expect(
      Buffer.compare(
        await bytes(await storage.get('applications/a/1', { start: 100, end: 1123 })),
        file.subarray(100, 1124),
      ),
    ).toBe(0);
    expect(Buffer.compare(await bytes(await storage.get('applications/a/1')), file)).toBe(0);
    await storage.delete('applications/a/1');
    expect(await storage.size('applications/a/1')).toBeNull();
  });

  it('keeps nothing when the stream fails (e.g. over the size limit)', async () => {
    const inspect = new InspectStream(1024);
    await expect(
      storage.put('applications/a/2', Readable.from([randomBytes(4096)]).pipe(inspect)),
    ).rejects.toBeDefined();
    expect(await storage.size('applications/a/2')).toBeNull();
  });

  it('adopts a finished local file (a completed resumable upload) and removes it locally', async () => {
    const local = join(storage.scratchDir('uploads'), 'done');
    writeFileSync(local, 'hello');
    await storage.adoptFile(local, 'applications/a/3');
    expect(existsSync(local)).toBe(false);
    expect((await bytes(await storage.get('applications/a/3'))).toString()).toBe('hello');
  });
});

/*
 * Objection evidence with STORAGE_DRIVER=s3, against an in-process fake S3 server (s3rver): the evidence file of a
 * multipart objection goes through StorageService into the bucket (nothing on the replica's local disk), comes back
 * with Range like an attachment, and is removed again when the objection is refused.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { auth, startPortal, TestPortal } from '../support/portal';
import { binary, ReviewedApp, reviewedCall, setClock, setupStaff, Staff } from './awards-fixtures';

import { S3rver, S3rverServer } from './s3rver';

jest.setTimeout(60_000);

const MAX = 256 * 1024;
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('objection evidence in S3-compatible storage (STORAGE_DRIVER=s3)', () => {
  let server: S3rverServer;
  let dir: string;
  let s3: S3Client;
  let p: TestPortal;
  let staff: Staff;
  let apps: ReviewedApp[];
  let noticeId: string;
  const http = () => p.http();

  /** Keys of the evidence objects in the bucket. */
  async function evidenceObjects(): Promise<string[]> {
    const res = await s3.send(new ListObjectsV2Command({ Bucket: 'portal', Prefix: 'objections/' }));
    return (res.Contents ?? []).map((o) => o.Key!).sort();
  }

  function object(
    filed: { name: string; entryApplicationId: string; contact?: string },
    file: Buffer,
    fileName = '证据.pdf',
  ) {
    return http()
      .post(`/api/public/notices/${noticeId}/objections`)
      .field('name', filed.name)
      .field('contact', filed.contact ?? '13900139000')
      .field('entryApplicationId', filed.entryApplicationId)
      .field('reason', '申报材料中的获奖情况与事实不符。')
      .attach('file', file, { filename: fileName, contentType: 'application/pdf' });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3rver-evidence-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: join(dir, 'data'),
      configureBuckets: [{ name: 'portal' }],
    });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    p = await startPortal({
      env: {
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: endpoint,
        S3_BUCKET: 'portal',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        OBJECTION_EVIDENCE_MAX_BYTES: String(MAX),
      },
    });
    staff = await setupStaff(p, 'ev');
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    let callId: string;
    ({ callId, apps } = await reviewedCall(p, staff, 'jingpin', 2, { firstCompany: 7101 }));
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    const d = await http()
      .put(`/api/calls/${callId}/decisions/${apps[0].id}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '一等', amountFen: 10_000_000, note: '优秀' });
    expect(d.status).toBe(200);
    const notice = await http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    expect(notice.status).toBe(201);
    noticeId = notice.body.id;
  }, 180_000);

  afterAll(async () => {
    await p?.close();
    s3?.destroy();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let evidence: Buffer;
  let objectionId: string;

  it('streams the evidence into the bucket, not onto the local disk, with its size and sha256', async () => {
    evidence = pdf(200_000);
    const res = await object({ name: '李明理', entryApplicationId: apps[0].id }, evidence);
    expect(res.status).toBe(201);
    objectionId = res.body.id;
    expect(await evidenceObjects()).toEqual([`objections/${objectionId}`]);
    const files = readdirSync(p.storageDir, { recursive: true }).map(String);
    expect(files.filter((f) => f.includes('objections') || f.includes(objectionId))).toEqual([]);
    const o = await http().get(`/api/objections/${objectionId}`).set(auth(staff.officer));
    expect(o.body.evidenceFile).toEqual({
      fileName: '证据.pdf',
      size: evidence.length,
      mimeType: 'application/pdf',
      sha256: sha256(evidence),
    });
  });

  it('serves the evidence back from the bucket, whole or a Range of it (206, 416)', async () => {
    const whole = await http()
      .get(`/api/objections/${objectionId}/evidence`)
      .set(auth(staff.officer))
      .buffer(true)
      .parse(binary);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('证据.pdf')}`);
    expect(Buffer.compare(whole.body, evidence)).toBe(0);

    const part = await http()
      .get(`/api/objections/${objectionId}/evidence`)
      .set(auth(staff.officer))
      .set('Range', 'bytes=100-1123')
      .buffer(true)
      .parse(binary);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1123/${evidence.length}`);
    expect(Buffer.compare(part.body, evidence.subarray(100, 1124))).toBe(0);

    const outside = await http()
      .get(`/api/objections/${objectionId}/evidence`)
      .set(auth(staff.officer))
      .set('Range', `bytes=${evidence.length}-`);
    expect(outside.status).toBe(416);
    expect((await http().get(`/api/objections/${objectionId}/evidence`).set(auth(apps[0].company.token))).status).toBe(
      403,
    );
  });

  it('keeps nothing in the bucket for a refused objection: wrong type (415), too large (413), invalid (400), not on the list (422)', async () => {
    const wrongType = await object(
      { name: '李明理', entryApplicationId: apps[0].id },
      Buffer.concat([Buffer.from('MZ'), randomBytes(1000)]),
      'x.pdf',
    );
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('OBJECTION.EVIDENCE_TYPE');
    const tooLarge = await object({ name: '李明理', entryApplicationId: apps[0].id }, pdf(MAX + 1));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('OBJECTION.EVIDENCE_TOO_LARGE');
    const invalid = await object(
      { name: '李明理', entryApplicationId: apps[0].id, contact: 'not a contact' },
      pdf(1000),
    );
    expect(invalid.status).toBe(400);
    const notOnList = await object({ name: '李明理', entryApplicationId: apps[1].id }, pdf(1000));
    expect(notOnList.status).toBe(422);
    expect(notOnList.body.code).toBe('OBJECTION.UNKNOWN_ENTRY');

    // the 400 (refused by the validation pipe) is cleaned up by multer once its response has gone
    const until = Date.now() + 5000;
    while ((await evidenceObjects()).length > 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await evidenceObjects()).toEqual([`objections/${objectionId}`]);
    const list = await http().get(`/api/objections?noticeId=${noticeId}`).set(auth(staff.officer));
    expect(list.body.total).toBe(1);
  });
});

/*
 * Issue 11, points 7 and 10: uploads an attacker or an outage cannot abuse.
 * - Objection evidence (a public route) is written to storage only once the notice, its window and the fields were
 *   checked; a refused request stores nothing.
 * - tus uploads obey the kind's size limit at creation, the organization's storage quota (stored attachments plus
 *   unfinished uploads), and expire when abandoned (the worker's upload sweep, a BullMQ job scheduler).
 * - A finished tus upload survives a database failure while it is being recorded: the sweep, or the client's next
 *   request, records it from where it was left.
 */
import { createHash } from 'crypto';
import { existsSync, readdirSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { AttachmentsService } from '../../libs/applications/src/attachments/attachments.service';
import { UploadRows } from '../../libs/applications/src/tus/upload-rows';
import { StorageService } from '../../libs/storage/src/storage.service';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { draft, makeOfficer, mp4, openCall, pdf, raw, upload } from './applications-fixtures';
import { reviewedCall, setClock, setupStaff } from './awards-fixtures';

jest.setTimeout(180_000);

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every file (not directory) under `dir`, relative. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

describe('tus uploads: kind limits, the storage quota, expiry, and recovery after a database failure', () => {
  let p: TestPortal;
  let port: number;
  let officer: string;
  let jingpinCallId: string;

  beforeAll(async () => {
    p = await startPortal({ env: { ORG_STORAGE_QUOTA_BYTES: String(100 * MiB), UPLOAD_SWEEP_EVERY_MS: '300' } });
    const server = p.app.getHttpServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    port = (server.address() as AddressInfo).port;
    officer = await makeOfficer(p);
    jingpinCallId = (await openCall(p, officer, 'jingpin')).id;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await p?.close();
  });

  const create = (token: string, appId: string, kind: string, length: number | null, name = 'f.bin') =>
    raw(port, 'POST', `/api/applications/${appId}/uploads`, {
      Authorization: `Bearer ${token}`,
      ...(length === null ? { 'Upload-Defer-Length': '1' } : { 'Upload-Length': String(length) }),
      'Upload-Metadata': `kind ${b64(kind)},filename ${b64(name)}`,
    });
  const patch = (token: string, location: string, offset: number, body: Buffer) =>
    raw(
      port,
      'PATCH',
      location,
      {
        Authorization: `Bearer ${token}`,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      body,
    );
  const uploadRow = async (id: string) =>
    ((await p.ds.query(`SELECT * FROM tus_upload WHERE id = $1`, [id])) as unknown[])[0] ?? null;

  it('refuses at creation what the kind does not take: a document over 50 MB, a deferred length (413, 400)', async () => {
    const a = await registerCompany(p, 501);
    const app = await draft(p, a.token, jingpinCallId, {}, 'product', '限额测试');
    const big = await create(a.token, app.id, 'business-licence', 50 * MiB + 1, 'licence.pdf');
    expect([big.status, JSON.parse(big.body).code]).toEqual([413, 'ATTACHMENT.KIND_TOO_LARGE']);
    expect((await create(a.token, app.id, 'declaration', 2 * 1024 * MiB, 'x.pdf')).status).toBe(413);
    const deferred = await create(a.token, app.id, 'work-sample', null);
    expect(deferred.status).toBe(400);
    // at the limit it is fine, and a work sample may be far larger
    expect((await create(a.token, app.id, 'business-licence', 50 * MiB, 'licence.pdf')).status).toBe(201);
    expect((await create(a.token, app.id, 'work-sample', 40 * MiB, 'ep1.mp4')).status).toBe(201);
  });

  it('keeps each organization within its quota, counting unfinished uploads; abandoned uploads expire', async () => {
    const a = await registerCompany(p, 502);
    const b = await registerCompany(p, 503);
    const app = await draft(p, a.token, jingpinCallId, {}, 'product', '配额测试');
    const first = await create(a.token, app.id, 'work-sample', 60 * MiB, 'ep1.mp4');
    expect(first.status).toBe(201);
    const over = await create(a.token, app.id, 'work-sample', 45 * MiB, 'ep2.mp4');
    expect([over.status, JSON.parse(over.body).code]).toEqual([413, 'ATTACHMENT.QUOTA_EXCEEDED']);
    const second = await create(a.token, app.id, 'work-sample', 39 * MiB, 'ep2.mp4');
    expect(second.status).toBe(201);
    // a multipart file counts against the same quota (99 MiB are taken)
    const small = await upload(p, a.token, app.id, 'other', pdf(2 * MiB));
    expect([small.status, small.body.code]).toEqual([413, 'ATTACHMENT.QUOTA_EXCEEDED']);
    // another organization has its own quota
    const appB = await draft(p, b.token, jingpinCallId, {}, 'product', '别家');
    expect((await create(b.token, appB.id, 'work-sample', 60 * MiB, 'ep1.mp4')).status).toBe(201);

    // the first upload was abandoned a day ago: the worker's sweep deletes its bytes, row and lock
    const location = first.headers.location!;
    const uploadId = location.split('/').pop()!;
    await patch(a.token, location, 0, mp4(64 * 1024)); // some bytes, then the client goes away
    const scratch = join(p.storageDir, 'uploads');
    expect(filesUnder(scratch)).toEqual(expect.arrayContaining([uploadId, `${uploadId}.json`]));
    await p.ds.query(`UPDATE tus_upload SET created_at = now() - interval '25 hours' WHERE id = $1`, [uploadId]);
    await until('the sweep to expire the upload', async () => (await uploadRow(uploadId)) === null);
    expect(filesUnder(scratch).filter((f) => f.startsWith(uploadId))).toEqual([]);
    expect((await raw(port, 'HEAD', location, { Authorization: `Bearer ${a.token}` })).status).toBe(404);
    const locks = await p.ds.query(`SELECT count(*)::int AS n FROM upload_lock WHERE upload_id = $1`, [uploadId]);
    expect(locks[0].n).toBe(0);
    // its room is free again
    expect((await create(a.token, app.id, 'work-sample', 45 * MiB, 'ep3.mp4')).status).toBe(201);
  });

  it('records a finished upload whose attachment row failed to write (the sweep adopts it)', async () => {
    const a = await registerCompany(p, 504);
    const app = await draft(p, a.token, jingpinCallId, {}, 'product', '断库测试');
    const video = mp4(300 * 1024 + 7);
    const created = await create(a.token, app.id, 'work-sample', video.length, '样片.mp4');
    expect(created.status).toBe(201);
    const location = created.headers.location!;
    const uploadId = location.split('/').pop()!;

    // the database step after the move into storage fails once, as when the connection drops
    const register = jest
      .spyOn(p.app.get(AttachmentsService), 'register')
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    const fin = await patch(a.token, location, 0, video);
    expect(register).toHaveBeenCalledTimes(1);
    register.mockRestore();
    expect(fin.status).toBe(503);
    expect(JSON.parse(fin.body).code).toBe('ATTACHMENT.NOT_RECORDED_YET');

    // the worker's sweep records it, from the row that says where the bytes went
    const recorded = await until('the sweep to record the upload', async () => {
      const view = await p.http().get(`/api/applications/${app.id}`).set(auth(a.token));
      return view.body.attachments?.length ? view.body.attachments : null;
    });
    expect(recorded).toEqual([
      expect.objectContaining({ kind: 'work-sample', fileName: '样片.mp4', size: video.length, sha256: sha(video) }),
    ]);
    expect(await uploadRow(uploadId)).toBeNull();
    const back = await p
      .http()
      .get(`/api/applications/${app.id}/attachments/${recorded[0].id}`)
      .set(auth(a.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(sha(back.body as Buffer)).toBe(sha(video));
    // a client resuming now learns that the upload is complete, and which attachment it became
    const head = await raw(port, 'HEAD', location, { Authorization: `Bearer ${a.token}` });
    expect([head.status, head.headers['upload-offset'], head.headers['upload-attachment-id']]).toEqual([
      200,
      String(video.length),
      recorded[0].id,
    ]);
  });

  it('records a finished upload when the client retries after a database failure before the move', async () => {
    const a = await registerCompany(p, 505);
    const app = await draft(p, a.token, jingpinCallId, {}, 'product', '重试测试');
    const video = mp4(200 * 1024 + 3);
    const created = await create(a.token, app.id, 'work-sample', video.length, 'clip.mp4');
    const location = created.headers.location!;
    const mark = jest
      .spyOn(p.app.get(UploadRows), 'markFinishing')
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    const fin = await patch(a.token, location, 0, video);
    mark.mockRestore();
    expect(fin.status).toBe(503);
    // the retry of the final PATCH (no bytes left to send) gets the attachment, whoever recorded it
    const retry = await patch(a.token, location, video.length, Buffer.alloc(0));
    expect(retry.status).toBe(204);
    const id = retry.headers['upload-attachment-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const view = await p.http().get(`/api/applications/${app.id}`).set(auth(a.token));
    expect(view.body.attachments).toEqual([expect.objectContaining({ id, size: video.length, sha256: sha(video) })]);
  });
});

describe('objection evidence is stored only after the notice, its window and the fields were checked', () => {
  let p: TestPortal;
  let noticeId: string;
  let entryId: string;
  let admin: string;
  let endsAt: string;
  let put: jest.SpyInstance;

  beforeAll(async () => {
    p = await startPortal();
    const staff = await setupStaff(p, 'up');
    admin = staff.admin;
    await setClock(p, staff.admin, '2026-03-02T10:00:00+08:00');
    const { callId, apps } = await reviewedCall(p, staff, 'jingpin', 1, { firstCompany: 7301 });
    entryId = apps[0].id;
    await setClock(p, staff.admin, '2026-04-01T10:00:00+08:00');
    const d = await p
      .http()
      .put(`/api/calls/${callId}/decisions/${entryId}`)
      .set(auth(staff.officer))
      .send({ outcome: 'award', tier: '一等', amountFen: 10_000_000, note: '优秀' });
    expect(d.status).toBe(200);
    const notice = await p.http().post(`/api/calls/${callId}/notices`).set(auth(staff.officer)).send({});
    expect(notice.status).toBe(201);
    noticeId = notice.body.id;
    endsAt = notice.body.endsAt;
    put = jest.spyOn(p.app.get(StorageService), 'put');
  }, 240_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await p?.close();
  });

  const evidenceFiles = () => filesUnder(join(p.storageDir, 'objects')).filter((f) => f.startsWith('objections'));
  const fields = { name: '李明理', contact: '13900139000', reason: '申报材料中的获奖情况与事实不符。' };
  function object(id: string, over: Record<string, string> = {}, fileFirst = false) {
    const f = { ...fields, entryApplicationId: entryId, ...over };
    let req = p.http().post(`/api/public/notices/${id}/objections`);
    const attach = () =>
      (req = req.attach('file', pdf(64 * 1024), { filename: '证据.pdf', contentType: 'application/pdf' }));
    if (fileFirst) attach();
    for (const [k, v] of Object.entries(f)) req = req.field(k, v);
    if (!fileFirst) attach();
    return req;
  }

  it('a refused objection writes nothing: unknown notice (404), bad fields (400), unknown entry (422), file first (400)', async () => {
    put.mockClear();
    expect((await object('not-a-notice')).status).toBe(404);
    expect((await object('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await object(noticeId, { reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'reason' })]));
    expect((await object(noticeId, { entryApplicationId: '00000000-0000-4000-8000-000000000001' })).status).toBe(422);
    const first = await object(noticeId, {}, true);
    expect(first.status).toBe(400);
    expect(first.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'file' })]));
    await new Promise((r) => setTimeout(r, 300)); // any late clean-up would have run by now
    expect(put).not.toHaveBeenCalled();
    expect(evidenceFiles()).toEqual([]);
  });

  it('an admissible objection stores its evidence once', async () => {
    put.mockClear();
    const ok = await object(noticeId);
    expect(ok.status).toBe(201);
    expect(put).toHaveBeenCalledTimes(1);
    expect(evidenceFiles()).toEqual([join('objections', ok.body.id)]);
  });

  it('outside the window nothing is read into storage (409)', async () => {
    await setClock(p, admin, new Date(new Date(endsAt).getTime() + 1000).toISOString());
    put.mockClear();
    const late = await object(noticeId, { name: '王后来' });
    expect(late.status).toBe(409);
    expect(put).not.toHaveBeenCalled();
    expect(evidenceFiles()).toHaveLength(1);
  });
});

import { createHash } from 'crypto';
import http from 'http';
import { AddressInfo } from 'net';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';
import { draft, makeOfficer, mp4, openCall, pdf, raw, upload } from './applications-fixtures';

jest.setTimeout(120_000);

const LIMIT = 64 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Sends `body` as a PATCH from `offset` but cuts the connection after `cutAfter` bytes. */
function cutPatch(
  port: number,
  path: string,
  token: string,
  offset: number,
  body: Buffer,
  cutAfter: number,
): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'PATCH',
      path,
      headers: {
        'Tus-Resumable': '1.0.0',
        Authorization: `Bearer ${token}`,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(body.length),
      },
    });
    req.on('error', () => resolve());
    req.write(body.subarray(0, cutAfter), () =>
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200),
    );
  });
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('attachments and resumable uploads', () => {
  let p: TestPortal;
  let port: number;
  let a: Awaited<ReturnType<typeof registerCompany>>;
  let appId: string;
  let officer: string;

  beforeAll(async () => {
    p = await startPortal({ env: { UPLOAD_MAX_BYTES: String(LIMIT) } });
    const server = p.app.getHttpServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    port = (server.address() as AddressInfo).port;
    officer = await makeOfficer(p);
    a = await registerCompany(p, 31);
    const call = await openCall(p, officer, 'rending');
    appId = (await draft(p, a.token, call.id)).id;
  });
  afterAll(async () => {
    await p.close();
  });

  it('stores a multipart file with the sha256 of its bytes and serves it back, whole and by Range', async () => {
    const file = pdf(40_000);
    const res = await upload(p, a.token, appId, 'audit-report', file, '审计报告（2025 年度）.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      kind: 'audit-report',
      fileName: '审计报告（2025 年度）.pdf',
      size: 40_000,
      sha256: sha(file),
      mimeType: 'application/pdf',
      createdAt: expect.any(String),
    });
    const url = `/api/applications/${appId}/attachments/${res.body.id}`;

    const whole = await p.http().get(url).set(auth(a.token)).buffer(true).parse(binary);
    expect(whole.status).toBe(200);
    expect(Buffer.compare(whole.body, file)).toBe(0);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('审计报告（2025 年度）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );

    const part = await p.http().get(url).set(auth(a.token)).set('Range', 'bytes=100-1123').buffer(true).parse(binary);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-1123/40000');
    expect(part.headers['content-length']).toBe('1024');
    expect(Buffer.compare(part.body, file.subarray(100, 1124))).toBe(0);
    const tail = await p.http().get(url).set(auth(a.token)).set('Range', 'bytes=-16').buffer(true).parse(binary);
    expect([tail.status, Buffer.compare(tail.body, file.subarray(-16))]).toEqual([206, 0]);
    const beyond = await p.http().get(url).set(auth(a.token)).set('Range', 'bytes=40000-');
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */40000');

    // officers read it too; a signed link works without a bearer header, and only with its signature
    expect((await p.http().get(url).set(auth(officer))).status).toBe(200);
    const link = await p.http().get(`${url}/link`).set(auth(a.token));
    expect(link.status).toBe(200);
    const viaLink = await p.http().get(link.body.url).set('Range', 'bytes=0-3').buffer(true).parse(binary);
    expect([viaLink.status, viaLink.body.toString()]).toEqual([206, '%PDF']);
    expect(viaLink.headers['content-disposition']).toMatch(/^inline/);
    expect((await p.http().get(link.body.url.replace(/signature=./, 'signature=A'))).status).toBe(403);
    expect((await p.http().get(link.body.url.replace(/expires=\d+/, 'expires=1'))).status).toBe(403);
  });

  it('refuses files over the limit (413), types the kind does not allow by their bytes (415), unknown kinds (422)', async () => {
    expect((await upload(p, a.token, appId, 'other', pdf(LIMIT + 1))).status).toBe(413);
    expect((await upload(p, a.token, appId, 'other', pdf(3 * 1024 * 1024))).status).toBe(413);
    const text = await upload(
      p,
      a.token,
      appId,
      'other',
      Buffer.from('这不是 PDF，只是一段文字。'.repeat(50)),
      '伪装.pdf',
    );
    expect(text.status).toBe(415);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201b2a8f5a10000000049454e44ae426082',
      'hex',
    );
    expect((await upload(p, a.token, appId, 'business-licence', png, 'licence.png')).status).toBe(201);
    expect((await upload(p, a.token, appId, 'business-licence', mp4(4096), 'clip.mp4')).status).toBe(415); // video is for work samples
    const unknown = await upload(p, a.token, appId, 'nonesuch');
    expect(unknown.status).toBe(422);
    expect(unknown.body.details[0].path).toBe('kind');
    expect(
      (await p.http().post(`/api/applications/${appId}/attachments`).set(auth(a.token)).attach('file', pdf(), 'x.pdf'))
        .status,
    ).toBe(400);
    expect(
      (await p.http().post(`/api/applications/${appId}/attachments`).set(auth(a.token)).send({ kind: 'other' })).status,
    ).toBe(400);
    const kinds = (await p.http().get(`/api/applications/${appId}`).set(auth(a.token))).body.attachments
      .map((x: any) => x.kind)
      .sort();
    expect(kinds).toEqual(['audit-report', 'business-licence']); // nothing refused was kept
  });

  it('deletes an attachment of an editable application', async () => {
    const made = await upload(p, a.token, appId, 'other');
    expect(
      (await p.http().delete(`/api/applications/${appId}/attachments/${made.body.id}`).set(auth(a.token))).status,
    ).toBe(204);
    expect(
      (await p.http().get(`/api/applications/${appId}/attachments/${made.body.id}`).set(auth(a.token))).status,
    ).toBe(404);
    expect(
      (await p.http().delete(`/api/applications/${appId}/attachments/${made.body.id}`).set(auth(a.token))).status,
    ).toBe(404);
  });

  it('takes a video sample by tus, resumes after a cut from the server offset, and records it with its sha256', async () => {
    const jp = await openCall(p, officer, 'jingpin');
    const app = await draft(p, a.token, jp.id, {}, 'product', '精品产品');
    const video = mp4(6 * 1024 * 1024 + 123);
    const created = await raw(port, 'POST', `/api/applications/${app.id}/uploads`, {
      Authorization: `Bearer ${a.token}`,
      'Upload-Length': String(video.length),
      'Upload-Metadata': `kind ${b64('work-sample')},filename ${b64('样片 第1集.mp4')}`,
    });
    expect(created.status).toBe(201);
    const location = created.headers.location!;
    expect(location).toMatch(new RegExp(`^/api/applications/${app.id}/uploads/[\\w-]+$`));

    // no bearer, another organization, or a foreign upload id: refused before tus
    expect((await raw(port, 'HEAD', location, {})).status).toBe(401);
    const b = await registerCompany(p, 32);
    expect((await raw(port, 'HEAD', location, { Authorization: `Bearer ${b.token}` })).status).toBe(404);
    const tooBig = await raw(port, 'POST', `/api/applications/${app.id}/uploads`, {
      Authorization: `Bearer ${a.token}`,
      'Upload-Length': String(5 * 1024 ** 3),
      'Upload-Metadata': `kind ${b64('work-sample')},filename ${b64('big.mp4')}`,
    });
    expect(tooBig.status).toBe(413);
    const badKind = await raw(port, 'POST', `/api/applications/${app.id}/uploads`, {
      Authorization: `Bearer ${a.token}`,
      'Upload-Length': '10',
      'Upload-Metadata': `kind ${b64('nonesuch')}`,
    });
    expect(badKind.status).toBe(422);

    await cutPatch(port, location, a.token, 0, video, Math.floor(video.length * 0.6));
    let offset = 0;
    for (let i = 0; i < 50 && offset === 0; i++) {
      const head = await raw(port, 'HEAD', location, { Authorization: `Bearer ${a.token}` });
      expect(head.status).toBe(200);
      offset = Number(head.headers['upload-offset']);
      if (offset === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(Math.floor(video.length * 0.6));

    const rest = await raw(
      port,
      'PATCH',
      location,
      {
        Authorization: `Bearer ${a.token}`,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      video.subarray(offset),
    );
    expect(rest.status).toBe(204);
    expect(rest.headers['upload-offset']).toBe(String(video.length));
    const attachmentId = rest.headers['upload-attachment-id'] as string;
    expect(attachmentId).toMatch(/^[0-9a-f-]{36}$/);

    const view = await p.http().get(`/api/applications/${app.id}`).set(auth(a.token));
    expect(view.body.attachments).toEqual([
      expect.objectContaining({
        id: attachmentId,
        kind: 'work-sample',
        fileName: '样片 第1集.mp4',
        size: video.length,
        sha256: sha(video),
        mimeType: 'video/mp4',
      }),
    ]);
    const back = await p
      .http()
      .get(`/api/applications/${app.id}/attachments/${attachmentId}`)
      .set(auth(a.token))
      .buffer(true)
      .parse(binary);
    expect(sha(back.body)).toBe(sha(video));
    // moved into storage: a client resuming now is told the upload is complete, and which attachment it became
    const after = await raw(port, 'HEAD', location, { Authorization: `Bearer ${a.token}` });
    expect([after.status, after.headers['upload-offset'], after.headers['upload-attachment-id']]).toEqual([
      200,
      String(video.length),
      attachmentId,
    ]);
  });

  it('refuses a tus upload whose bytes are not a type the kind allows (415) and keeps nothing', async () => {
    const jp = await openCall(p, officer, 'jingpin');
    const app = await draft(p, a.token, jp.id, {}, 'idea', '精品创意');
    const bytes = Buffer.from('plain text pretending to be a video'.repeat(100));
    const created = await raw(port, 'POST', `/api/applications/${app.id}/uploads`, {
      Authorization: `Bearer ${a.token}`,
      'Upload-Length': String(bytes.length),
      'Upload-Metadata': `kind ${b64('work-sample')},filename ${b64('fake.mp4')}`,
    });
    const res = await raw(
      port,
      'PATCH',
      created.headers.location!,
      {
        Authorization: `Bearer ${a.token}`,
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
      },
      bytes,
    );
    expect(res.status).toBe(415);
    expect((await p.http().get(`/api/applications/${app.id}`).set(auth(a.token))).body.attachments).toEqual([]);
  });
});

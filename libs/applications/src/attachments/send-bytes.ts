import { Response } from 'express';
import { pipeline } from 'stream/promises';
import { Download } from './attachments.service';
import { contentDisposition } from './http-bytes';

/** What is sent: a stored file's description, the range asked for and its bytes (an attachment, an objection's evidence). */
export type StoredBytes = Pick<Download, 'range' | 'open'> & {
  attachment: { size: number; mimeType: string; fileName: string };
  /**
   * The validator sent as `ETag`: the stored file's id (a stored file never changes under its id). Never its sha256: a
   * checksum can be looked up, and a blind reviewer holding a company's published licence must not be able to match it.
   */
  etag: string;
};

/** Streams a stored file: 200 with the whole file, 206 with `Content-Range` for one range, 416 when unsatisfiable. */
export async function sendBytes(res: Response, d: StoredBytes, disposition: 'attachment' | 'inline'): Promise<void> {
  const a = d.attachment;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', `"${d.etag}"`);
  res.setHeader('Cache-Control', 'private, no-transform');
  if (d.range === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${a.size}`);
    res.json({
      statusCode: 416,
      error: 'Range Not Satisfiable',
      message: { zh: '请求的字节范围超出文件大小', en: `The requested range lies outside the file (${a.size} bytes)` },
      details: [],
    });
    return;
  }
  const body = await d.open();
  res.setHeader('Content-Type', a.mimeType);
  res.setHeader('Content-Disposition', contentDisposition(disposition, a.fileName));
  if (d.range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${d.range.start}-${d.range.end}/${a.size}`);
    res.setHeader('Content-Length', String(d.range.end - d.range.start + 1));
  } else {
    res.status(200);
    res.setHeader('Content-Length', String(a.size));
  }
  try {
    await pipeline(body, res);
  } catch {
    // the client went away (e.g. a <video> element seeking): nothing to answer
    body.destroy();
  }
}

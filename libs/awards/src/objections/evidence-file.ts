import { mkdir, readFile, writeFile } from 'fs/promises';
import { dirname, join } from 'path';
import { createHash } from 'crypto';

/** Evidence files may be PDF, JPEG or PNG, judged by their first bytes (never by the name or the declared type). */
export function sniffEvidence(buf: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/** Evidence lives under STORAGE_DIR/objections/<objection id>. */
export function evidenceKey(objectionId: string): string {
  return `objections/${objectionId}`;
}

export async function storeEvidence(storageDir: string, key: string, buf: Buffer): Promise<void> {
  const path = join(storageDir, key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, buf);
}

export function readEvidence(storageDir: string, key: string): Promise<Buffer> {
  return readFile(join(storageDir, key));
}

/** multer hands over the file name as latin1; a UTF-8 name (证据.pdf) is read back as UTF-8 when that is what it was. */
export function uploadedName(raw: string | undefined): string {
  const name = raw || 'evidence';
  if (![...name].every((ch) => ch.charCodeAt(0) <= 0xff)) return name;
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? name : utf8;
}

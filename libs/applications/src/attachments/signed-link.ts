import { createHmac, timingSafeEqual } from 'crypto';

/** Signed links let a <video> element fetch an attachment without a bearer header, for a few minutes. */
export const LINK_TTL_MS = 10 * 60 * 1000;

/** The file name the link serves is signed too, so a blind reviewer's link carries the anonymised name. */
function mac(secret: string, attachmentId: string, expires: number, fileName: string): string {
  return createHmac('sha256', secret)
    .update(`attachment-link:${attachmentId}:${expires}:${fileName}`)
    .digest('base64url');
}

export function signLink(
  secret: string,
  attachmentId: string,
  nowMs: number,
  fileName: string,
): { expires: number; signature: string } {
  const expires = nowMs + LINK_TTL_MS;
  return { expires, signature: mac(secret, attachmentId, expires, fileName) };
}

export function verifyLink(
  secret: string,
  attachmentId: string,
  expires: number,
  signature: string,
  nowMs: number,
  fileName: string,
): boolean {
  if (
    !Number.isSafeInteger(expires) ||
    expires < nowMs ||
    typeof signature !== 'string' ||
    typeof fileName !== 'string'
  )
    return false;
  const want = Buffer.from(mac(secret, attachmentId, expires, fileName));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

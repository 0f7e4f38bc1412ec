import { createHmac, timingSafeEqual } from 'crypto';

/** Signed links let a <video> element fetch an attachment without a bearer header, for a few minutes. */
export const LINK_TTL_MS = 10 * 60 * 1000;

function mac(secret: string, attachmentId: string, expires: number): string {
  return createHmac('sha256', secret).update(`attachment-link:${attachmentId}:${expires}`).digest('base64url');
}

export function signLink(secret: string, attachmentId: string, nowMs: number): { expires: number; signature: string } {
  const expires = nowMs + LINK_TTL_MS;
  return { expires, signature: mac(secret, attachmentId, expires) };
}

export function verifyLink(secret: string, attachmentId: string, expires: number, signature: string, nowMs: number): boolean {
  if (!Number.isSafeInteger(expires) || expires < nowMs || typeof signature !== 'string') return false;
  const want = Buffer.from(mac(secret, attachmentId, expires));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

import { createHmac, timingSafeEqual } from 'crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The check code printed on a 申报书 beside its QR code: HMAC-SHA-256 of the application number under the portal's
 * secret, its first 50 bits as 10 base-32 characters. Without the secret the sequential numbers cannot be turned into
 * working check links, so nobody can walk the numbers to read other applicants' titles.
 */
export function verifyCode(secret: string, number: string): string {
  const mac = createHmac('sha256', secret).update(`application-check:${number}`).digest();
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(mac[i]);
  bits >>= 6n; // 56 → 50 bits
  let out = '';
  for (let i = 9; i >= 0; i--) out += BASE32[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/** Whether `code` (any case, spaces and dashes ignored) is the number's check code; constant time. */
export function verifyCodeMatches(secret: string, number: string, code: string | undefined): boolean {
  if (typeof code !== 'string') return false;
  const given = Buffer.from(code.replace(/[\s-]/g, '').toUpperCase());
  const expected = Buffer.from(verifyCode(secret, number));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The address the QR code opens: the web's public check page. */
export function verifyUrl(publicBase: string, number: string, code: string): string {
  return `${publicBase.replace(/\/+$/, '')}/verify/${encodeURIComponent(number)}?c=${code}`;
}

import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { PortalConfig } from '../config/portal-config';

const PREFIX = 'pii:v1:';

/**
 * Personal data at rest (DESIGN rule 14): AES-256-GCM with the key from PII_KEY (see PortalConfig.piiKey). A sealed
 * value is a string `pii:v1:<base64url of iv | tag | ciphertext>`, so it can sit where the plain text was (inside a
 * jsonb payload) and a reader can tell sealed from plain without knowing the schema.
 */
@Injectable()
export class PersonalDataCipher {
  private readonly key: Buffer;
  constructor(config: PortalConfig) {
    this.key = config.piiKey;
  }

  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(PREFIX);
  }

  seal(plain: string): string {
    if (PersonalDataCipher.isSealed(plain)) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plain text of a sealed value; a plain value as it is. Throws when the key does not fit (another PII_KEY). */
  open(value: string): string {
    if (!PersonalDataCipher.isSealed(value)) return value;
    const raw = Buffer.from(value.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

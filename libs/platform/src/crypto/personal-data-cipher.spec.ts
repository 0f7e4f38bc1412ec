import { loadConfig } from '../config/portal-config';
import { PersonalDataCipher } from './personal-data-cipher';

const config = (PII_KEY?: string) =>
  loadConfig({ DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://y', JWT_SECRET: 'a'.repeat(32), PII_KEY });

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(config('p'.repeat(40)));

  it('seals with AES-256-GCM: no plain text inside, a fresh IV each time, opens back', () => {
    const a = cipher.seal('110105199001011234');
    const b = cipher.seal('110105199001011234');
    expect(a).toMatch(/^pii:v1:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('1990');
    expect(cipher.open(a)).toBe('110105199001011234');
    expect(cipher.seal(a)).toBe(a); // sealing twice changes nothing
    expect(cipher.open('13800138000')).toBe('13800138000'); // plain stays plain
  });

  it('refuses a tampered value or another key', () => {
    const sealed = cipher.seal('13800138000');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.open(tampered)).toThrow();
    expect(() => new PersonalDataCipher(config('q'.repeat(40))).open(sealed)).toThrow();
  });
});

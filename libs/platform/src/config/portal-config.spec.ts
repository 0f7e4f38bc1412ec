import { readFileSync } from 'fs';
import { join } from 'path';
import { ConfigError, loadConfig, parseTrustProxy } from './portal-config';

const base = { DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://y', JWT_SECRET: 'a'.repeat(32) };

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      PORT: 3000,
      PAYMENT_RAIL: 'sandbox',
      PORTAL_TEST_CLOCK: false,
      UPLOAD_MAX_BYTES: 50 * 1024 * 1024,
    });
  });

  it('fails with one line naming the bad variable', () => {
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrow(/^Configuration error: PORT=/);
    expect(() => loadConfig({ ...base, PAYMENT_RAIL: 'cash' })).toThrow(/PAYMENT_RAIL="cash"/);
    expect(() => loadConfig({ REDIS_URL: 'redis://y', JWT_SECRET: 'a'.repeat(32) })).toThrow(/DATABASE_URL/);
  });

  it('never prints a secret', () => {
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET=\(hidden\)/);
    const c = loadConfig({ ...base, DATABASE_URL: 'postgres://u:topsecret@h/db' });
    expect(JSON.stringify(c.describe())).not.toContain('topsecret');
  });

  it('reads the staging clock switch', () => {
    expect(loadConfig({ ...base, PORTAL_TEST_CLOCK: '1' }).PORTAL_TEST_CLOCK).toBe(true);
  });

  describe('production mode (NODE_ENV=production)', () => {
    const strong = 'k'.repeat(24) + 'Zq9!xY2#Lm7@';
    const prod = { ...base, NODE_ENV: 'production', JWT_SECRET: strong, PII_KEY: strong + 'pii' };
    // the placeholder as docker/compose.yml ships it (`${JWT_SECRET:-<placeholder>}`)
    const compose = readFileSync(join(__dirname, '../../../../docker/compose.yml'), 'utf8');
    const placeholder = /JWT_SECRET: \$\{JWT_SECRET:-([^}]+)\}/.exec(compose)?.[1] ?? '(compose.yml changed)';

    it('boots with strong secrets', () => {
      expect(loadConfig(prod).production).toBe(true);
    });

    it("refuses the compose file's placeholder JWT_SECRET with one clear line, secret hidden", () => {
      expect(placeholder.length).toBeGreaterThanOrEqual(32); // long enough: only the placeholder check catches it
      expect(() => loadConfig({ ...prod, JWT_SECRET: placeholder })).toThrow(ConfigError);
      expect(() => loadConfig({ ...prod, JWT_SECRET: placeholder })).toThrow(
        /^Configuration error: JWT_SECRET=\(hidden\) is not valid \(the placeholder from docker\/compose.yml/,
      );
      expect(() => loadConfig({ ...prod, JWT_SECRET: placeholder })).not.toThrow(new RegExp(placeholder));
      // outside production the same value is accepted
      expect(loadConfig({ ...base, JWT_SECRET: placeholder }).production).toBe(false);
    });

    it('refuses any secret under 32 bytes', () => {
      expect(() => loadConfig({ ...prod, JWT_SECRET: 'x'.repeat(31) })).toThrow(/JWT_SECRET=\(hidden\).*32 bytes/);
      expect(() => loadConfig({ ...prod, PII_KEY: 'x'.repeat(20) })).toThrow(/PII_KEY=\(hidden\).*32 bytes/);
      expect(() => loadConfig({ ...prod, METRICS_TOKEN: 'short-token' })).toThrow(/METRICS_TOKEN=\(hidden\)/);
      expect(loadConfig({ ...base, JWT_SECRET: 'x'.repeat(20) }).JWT_SECRET).toHaveLength(20);
    });

    it('requires PII_KEY in production; elsewhere a development key is used', () => {
      const { PII_KEY: _unused, ...noKey } = prod;
      expect(() => loadConfig(noKey)).toThrow(/PII_KEY=\(hidden\) is not valid \(required in production/);
      expect(loadConfig(base).piiKey).toHaveLength(32);
    });
  });

  describe('TRUST_PROXY', () => {
    it('parses false, hop counts and address lists the way Express takes them', () => {
      expect(loadConfig(base).trustProxy).toEqual(['loopback']);
      expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
      expect(parseTrustProxy('10.0.0.0/8, loopback, 192.168.1.7')).toEqual(['10.0.0.0/8', 'loopback', '192.168.1.7']);
    });

    it('refuses what Express would misread', () => {
      expect(() => loadConfig({ ...base, TRUST_PROXY: 'ingress' })).toThrow(
        /^Configuration error: TRUST_PROXY="ingress"/,
      );
      expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
    });
  });
});

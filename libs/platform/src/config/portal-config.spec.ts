import { ConfigError, loadConfig } from './portal-config';

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
});

/*
 * The tus upload lock shared by API processes (RedisTusLocker) on the real Redis: two lockers stand for two
 * processes, each with its own connections, as under `API_PROCESSES=2` or several replicas.
 */
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import IORedis from 'ioredis';
import { RedisTusLocker } from '../../libs/applications/src/tus/redis-locker';
import { testEnvFile } from '../support/paths';

jest.setTimeout(30_000);

describe('tus lock across processes (Redis)', () => {
  const { redisUrl } = JSON.parse(process.env.PORTAL_TEST_ENV ?? readFileSync(testEnvFile(), 'utf8')) as {
    redisUrl: string;
  };
  const prefix = `tlock${randomBytes(3).toString('hex')}`;
  let one: IORedis;
  let two: IORedis;
  let a: RedisTusLocker;
  let b: RedisTusLocker;

  beforeAll(() => {
    one = new IORedis(redisUrl);
    two = new IORedis(redisUrl);
    a = new RedisTusLocker(one, { prefix, acquireTimeoutMs: 3000, retryMs: 20 });
    b = new RedisTusLocker(two, { prefix, acquireTimeoutMs: 3000, retryMs: 20 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await one.quit();
    await two.quit();
  });

  it('asks the holder in the other process to release, then takes the lock', async () => {
    const events: string[] = [];
    const held = a.newLock('upload-1');
    await held.lock(new AbortController().signal, async () => {
      events.push('a asked to release');
      await held.unlock();
      events.push('a released');
    });
    expect(await one.get(a.key('upload-1'))).toMatch(/^[0-9a-f]{32}$/);
    const second = b.newLock('upload-1');
    await second.lock(new AbortController().signal, () => undefined);
    events.push('b holds');
    expect(events).toEqual(['a asked to release', 'a released', 'b holds']);
    await second.unlock();
    expect(await one.exists(a.key('upload-1'))).toBe(0);
  });

  it('gives up with tus lock-timeout when the holder does not let go, and on an aborted request', async () => {
    const stubborn = new RedisTusLocker(one, { prefix, acquireTimeoutMs: 300, retryMs: 20 });
    const held = a.newLock('upload-2');
    await held.lock(new AbortController().signal, () => undefined); // never releases
    await expect(
      new RedisTusLocker(two, { prefix, acquireTimeoutMs: 300, retryMs: 20 })
        .newLock('upload-2')
        .lock(new AbortController().signal, () => undefined),
    ).rejects.toEqual({
      status_code: 500,
      body: 'failed to acquire lock before timeout',
    });
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 50);
    await expect(b.newLock('upload-2').lock(aborted.signal, () => undefined)).rejects.toMatchObject({
      status_code: 500,
    });
    await held.unlock();
    await stubborn.close();
  });

  it('never deletes a lock another holder took after its own expired', async () => {
    const short = new RedisTusLocker(one, { prefix, ttlMs: 200, retryMs: 20 });
    const first = short.newLock('upload-3');
    await first.lock(new AbortController().signal, () => undefined);
    await one.pexpire(short.key('upload-3'), 1); // as if the holder's process had stalled past the TTL
    await new Promise((r) => setTimeout(r, 20));
    const next = b.newLock('upload-3');
    await next.lock(new AbortController().signal, () => undefined);
    const token = await two.get(b.key('upload-3'));
    await first.unlock(); // the stale holder lets go: must not remove the new holder's key
    expect(await two.get(b.key('upload-3'))).toBe(token);
    await next.unlock();
    expect(await two.exists(b.key('upload-3'))).toBe(0);
    await short.close();
  });
});

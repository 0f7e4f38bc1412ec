import { TtlCache } from './ttl-cache';

describe('TtlCache (the per-request account check: at most 5 s stale, invalidated on change)', () => {
  let t = 0;
  let loads: string[] = [];
  let value = 'v1';
  const make = (max?: number) =>
    new TtlCache<string, string>(
      async (k) => {
        loads.push(k);
        return `${k}:${value}`;
      },
      5_000,
      max,
      () => t,
    );
  beforeEach(() => {
    t = 0;
    loads = [];
    value = 'v1';
  });

  it('loads once within the TTL and again once it has passed', async () => {
    const c = make();
    expect(await c.get('u')).toBe('u:v1');
    value = 'v2';
    t = 4_999;
    expect(await c.get('u')).toBe('u:v1');
    t = 5_000;
    expect(await c.get('u')).toBe('u:v2');
    expect(loads).toEqual(['u', 'u']);
  });

  it('reloads at once after invalidate', async () => {
    const c = make();
    await c.get('u');
    value = 'v2';
    c.invalidate('u');
    expect(await c.get('u')).toBe('u:v2');
    expect(loads).toHaveLength(2);
  });

  it('shares one load between concurrent reads and does not keep a failed load', async () => {
    let fail = true;
    let calls = 0;
    const c = new TtlCache<string, string>(
      async () => {
        calls++;
        if (fail) throw new Error('db down');
        return 'ok';
      },
      5_000,
      10,
      () => t,
    );
    const both = await Promise.allSettled([c.get('u'), c.get('u')]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await new Promise((r) => setImmediate(r));
    fail = false;
    expect(await c.get('u')).toBe('ok');
    expect(calls).toBe(2);
  });

  it('stays within its size bound', async () => {
    const c = make(3);
    for (const k of ['a', 'b', 'c', 'd', 'e']) await c.get(k);
    expect(c.size).toBeLessThanOrEqual(3);
  });
});

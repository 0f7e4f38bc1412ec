import { DataSource } from 'typeorm';
import { PortalConfig } from '../config/portal-config';
import { ClockService } from './clock.service';

/**
 * A data source whose plain SELECTs of the clock answer only when the test lets them (one at a time, or all), each
 * with the value stored when it started; writes (and the write's locking read) answer at once.
 */
function heldDataSource() {
  let stored: string | null = null;
  const held: (() => void)[] = [];
  const ds = {
    query: async (sql: string, params?: unknown[]) => {
      if (sql.startsWith('INSERT')) stored = String(params![0]);
      else if (sql.startsWith('DELETE')) stored = null;
      else if (!sql.includes('FOR UPDATE')) {
        const seen = stored; // what the SELECT reads when it starts
        await new Promise<void>((r) => held.push(r));
        return seen ? [{ value: JSON.parse(seen) }] : [];
      }
      return [];
    },
  };
  return {
    ds: ds as unknown as DataSource,
    /** Another process's PUT: the stored value changes, this process is not told. */
    store: (iso: string | null) => (stored = iso ? JSON.stringify({ now: iso }) : null),
    release: () => held.splice(0).forEach((r) => r()),
    /** Lets the reads answer newest first. */
    releaseNewestFirst: () =>
      held
        .splice(0)
        .reverse()
        .forEach((r) => r()),
    pending: () => held.length,
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('ClockService (staging clock)', () => {
  it('a re-read that began before set() does not bring the old time back', async () => {
    const { ds, release } = heldDataSource();
    const clock = new ClockService({ PORTAL_TEST_CLOCK: true } as PortalConfig, ds);
    const init = clock.onModuleInit(); // its first re-read starts with no clock stored
    await clock.set(new Date('2027-03-31T09:30:00Z'));
    release();
    await init;
    expect(clock.now().toISOString()).toBe('2027-03-31T09:30:00.000Z');
    clock.onModuleDestroy();
  });

  it("another process's PUT: current() reads the stored time, and a re-read that began before it cannot undo it", async () => {
    const h = heldDataSource();
    h.store('2027-03-01T00:00:00Z');
    const clock = new ClockService({ PORTAL_TEST_CLOCK: true } as PortalConfig, h.ds);
    const init = clock.onModuleInit();
    await settle();
    h.release();
    await init;
    expect(clock.now().toISOString()).toBe('2027-03-01T00:00:00.000Z');
    // the periodic re-read starts (it will see March 1st), then another process moves the clock, then a decision reads
    const stale = (clock as unknown as { refresh(): Promise<void> }).refresh();
    h.store('2027-04-01T00:00:00Z');
    const decision = clock.current();
    await settle();
    expect(h.pending()).toBe(2);
    h.releaseNewestFirst(); // the decision's read answers first, the older re-read lands after it
    expect((await decision).toISOString()).toBe('2027-04-01T00:00:00.000Z');
    await stale;
    expect(clock.now().toISOString()).toBe('2027-04-01T00:00:00.000Z');
    clock.onModuleDestroy();
  });

  it('decisions asked for together share one read; a read already under way is not shared with a later one', async () => {
    const h = heldDataSource();
    h.store('2027-03-01T00:00:00Z');
    const clock = new ClockService({ PORTAL_TEST_CLOCK: true } as PortalConfig, h.ds);
    const together = Array.from({ length: 50 }, () => clock.current());
    await settle();
    expect(h.pending()).toBe(1); // one query for the 50 (it was 50 queries, one per request)
    // another process moves the clock while that read is under way; a decision asked for now must see the move
    h.store('2027-04-01T00:00:00Z');
    const later = clock.current();
    await settle();
    expect(h.pending()).toBe(2);
    h.release();
    expect((await Promise.all(together)).map((d) => d.toISOString())).toEqual(
      Array(50).fill('2027-03-01T00:00:00.000Z'),
    );
    expect((await later).toISOString()).toBe('2027-04-01T00:00:00.000Z');
  });

  it('production (staging clock off): current() is the system clock and runs no query', async () => {
    const query = jest.fn();
    const clock = new ClockService({ PORTAL_TEST_CLOCK: false } as PortalConfig, { query } as unknown as DataSource);
    const before = Date.now();
    const at = await clock.current();
    expect(at.getTime()).toBeGreaterThanOrEqual(before);
    expect(at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(query).not.toHaveBeenCalled();
  });
});

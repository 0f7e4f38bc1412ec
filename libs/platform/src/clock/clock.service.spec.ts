import { DataSource } from 'typeorm';
import { PortalConfig } from '../config/portal-config';
import { ClockService } from './clock.service';

/** A data source whose SELECT of the clock answers only when the test lets it, with the value stored at that moment. */
function heldDataSource() {
  let stored: string | null = null;
  const held: (() => void)[] = [];
  const ds = {
    query: async (sql: string, params?: unknown[]) => {
      if (sql.startsWith('INSERT')) stored = String(params![0]);
      else if (sql.startsWith('DELETE')) stored = null;
      else {
        const seen = stored; // what the SELECT reads when it starts
        await new Promise<void>((r) => held.push(r));
        return seen ? [{ value: JSON.parse(seen) }] : [];
      }
      return [];
    },
  };
  return { ds: ds as unknown as DataSource, release: () => held.splice(0).forEach((r) => r()) };
}

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
});

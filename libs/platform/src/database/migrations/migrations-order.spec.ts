import { readdirSync } from 'fs';
import { MIGRATIONS } from './index';

/**
 * TypeORM runs migrations by their timestamp, and a backup records them in that order; the restore compares that list
 * with MIGRATIONS as a prefix. So the list must be in timestamp order and hold every migration file (merges of parallel
 * branches appended lines out of order once).
 */
describe('the migrations list', () => {
  const epochOf = (name: string) => Number(/(\d{13})$/.exec(name)?.[1]);

  it('is in timestamp order, each timestamp once', () => {
    const epochs = MIGRATIONS.map((m) => epochOf(m.name));
    expect(epochs.every((e) => Number.isSafeInteger(e))).toBe(true);
    expect(epochs).toEqual([...new Set(epochs)].sort((a, b) => a - b));
  });

  it('lists every migration file of the folder', () => {
    const files = readdirSync(__dirname)
      .filter((f) => /^\d{13}-\w+\.ts$/.test(f))
      .map((f) => Number(f.slice(0, 13)))
      .sort((a, b) => a - b);
    expect(MIGRATIONS.map((m) => epochOf(m.name))).toEqual(files);
  });
});

import { EntityManager } from 'typeorm';
import type { CalendarService, HolidayFile } from '@portal/platform';
import holidays from './holidays-cn.json';

/**
 * Reference data every installation needs: the State Council's holiday calendar for the published years
 * (seeds/holidays-cn.json, copied from shared/). Years already present are left alone, so an admin's
 * corrections survive a restart.
 */
export async function seedReferenceData(manager: EntityManager, calendar: CalendarService): Promise<void> {
  const file = holidays as HolidayFile;
  const present: { year: number }[] = await manager.query(`SELECT year FROM calendar_year`);
  const have = new Set(present.map((r) => r.year));
  for (const [year, days] of Object.entries(file.years)) {
    if (have.has(Number(year))) continue;
    await calendar.putYear(
      manager,
      Number(year),
      file.source ?? 'seeds/holidays-cn.json',
      days.holidays,
      days.workdays,
    );
  }
}

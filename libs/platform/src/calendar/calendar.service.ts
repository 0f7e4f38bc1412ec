import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface HolidayFile {
  source?: string;
  years: Record<string, { holidays: string[]; workdays: string[] }>;
}

/** The State Council's published holidays and make-up working days, kept in Postgres. */
@Injectable()
export class CalendarService {
  constructor(private readonly ds: DataSource) {}

  /** The published years and where each was published, in order. */
  async years(m: DataSource | EntityManager = this.ds): Promise<{ year: number; source: string }[]> {
    const rows: { year: number | string; source: string }[] = await m.query(
      `SELECT year, source FROM calendar_year ORDER BY year`,
    );
    return rows.map((r) => ({ year: Number(r.year), source: r.source }));
  }

  /** Loads every published year (the shape of seeds/holidays-cn.json). */
  async load(m: DataSource | EntityManager = this.ds): Promise<HolidayFile> {
    const years = await this.years(m);
    const days: { day: string; kind: string; year: number }[] = await m.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, year FROM calendar_day ORDER BY day`,
    );
    const out: HolidayFile = { years: {} };
    for (const y of years) out.years[String(y.year)] = { holidays: [], workdays: [] };
    for (const d of days) out.years[String(d.year)][d.kind === 'holiday' ? 'holidays' : 'workdays'].push(d.day);
    return out;
  }

  /** Adds (or replaces) one published year. */
  async putYear(
    manager: EntityManager,
    year: number,
    source: string,
    holidays: string[],
    workdays: string[],
  ): Promise<void> {
    // one publisher of a year at a time: two at once both deleted nothing and the second insert was a 500
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('calendar_year'), $1)`, [year]);
    await manager.query(`DELETE FROM calendar_year WHERE year = $1`, [year]);
    await manager.query(`INSERT INTO calendar_year (year, source) VALUES ($1, $2)`, [year, source]);
    for (const d of holidays)
      await manager.query(`INSERT INTO calendar_day (day, kind, year) VALUES ($1, 'holiday', $2)`, [d, year]);
    for (const d of workdays)
      await manager.query(`INSERT INTO calendar_day (day, kind, year) VALUES ($1, 'workday', $2)`, [d, year]);
  }
}

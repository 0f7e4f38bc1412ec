import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PortalConfig } from '../config/portal-config';

/**
 * The portal's idea of "now". In production it is the system clock. With PORTAL_TEST_CLOCK=1 an admin can freeze it
 * at an instant (PUT /api/admin/clock); the value lives in Postgres so the API and every worker agree, and each
 * process re-reads it twice a second.
 */
@Injectable()
export class ClockService implements OnModuleInit, OnModuleDestroy {
  private frozen: Date | null = null;
  /** Bumped by every set(): a re-read that began before it must not bring the old value back. */
  private generation = 0;
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger('Clock');

  constructor(
    private readonly config: PortalConfig,
    @Optional() private readonly ds?: DataSource,
  ) {}

  now(): Date {
    return this.frozen ? new Date(this.frozen.getTime()) : new Date();
  }

  get testClockEnabled(): boolean {
    return this.config.PORTAL_TEST_CLOCK;
  }

  async onModuleInit(): Promise<void> {
    if (!this.testClockEnabled || !this.ds) return;
    await this.refresh();
    this.timer = setInterval(() => this.refresh().catch(() => undefined), 500);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Freezes the clock (null = real time again). Only with PORTAL_TEST_CLOCK=1. */
  async set(at: Date | null): Promise<void> {
    if (!this.testClockEnabled || !this.ds) throw new Error('the staging clock is off');
    if (at) {
      await this.ds.query(
        `INSERT INTO system_setting (key, value, updated_at) VALUES ('clock', $1, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [JSON.stringify({ now: at.toISOString() })],
      );
    } else {
      await this.ds.query(`DELETE FROM system_setting WHERE key = 'clock'`);
    }
    this.generation++;
    this.frozen = at;
    this.logger.log(at ? `staging clock frozen at ${at.toISOString()}` : 'staging clock back to real time');
  }

  private async refresh(): Promise<void> {
    const generation = this.generation;
    const rows = await this.ds!.query(`SELECT value FROM system_setting WHERE key = 'clock'`);
    // a set() in this process while the SELECT ran is newer than what the SELECT saw
    if (generation !== this.generation) return;
    this.frozen = rows.length ? new Date(rows[0].value.now) : null;
  }
}

/** YYYY-MM-DD of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

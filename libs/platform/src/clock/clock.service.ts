import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PortalConfig } from '../config/portal-config';
import { MicroBatcher } from '../queue/micro-batch';

/** Anything that runs SQL: the data source, or a transaction's manager (the read then sees that transaction's data). */
export interface ClockReader {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const READ_CLOCK = `SELECT value FROM system_setting WHERE key = 'clock'`;

/**
 * The portal's idea of "now". In production it is the system clock. With PORTAL_TEST_CLOCK=1 an admin can freeze it
 * at an instant (PUT /api/admin/clock); the value lives in Postgres (`system_setting`), the one source every process
 * (API replicas, workers) decides with:
 * - `current()` reads it at the moment of deciding (in the caller's transaction when given one): a time decision made
 *   after the PUT answered sees the new time, in any process. The worker's decisions and, through the API's
 *   `StagingClockSync` interceptor, every request take the time this way. In production it is the system clock, no query.
 * - `now()` is the last value this process read (or set), kept fresh by a re-read twice a second: for timestamps and
 *   for code that already called `current()` in the same request or job.
 * Reads are ordered by when they started: a read (or a set) that started later is never overwritten by one that started
 * earlier and finished later, so neither a slow re-read nor a PUT in another process can bring an old time back.
 */
@Injectable()
export class ClockService implements OnModuleInit, OnModuleDestroy {
  private frozen: Date | null = null;
  /** Tickets handed to reads and sets, in the order they started. */
  private tickets = 0;
  /** The ticket of the read or set whose value `frozen` holds: older ones that finish later are dropped. */
  private applied = 0;
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger('Clock');
  /**
   * The reads of `current()` without a transaction that are asked for together (every request on a staging portal
   * asks, see StagingClockSync) share one query. The query is sent after each of them was asked, so each still sees
   * every PUT that had answered before it asked; a read already under way is never shared with a later caller.
   */
  private readonly reads = new MicroBatcher<null, Date | null>(async (asks) => {
    const at = await this.read(this.ds!);
    return asks.map(() => at);
  }, 100_000);

  constructor(
    private readonly config: PortalConfig,
    @Optional() private readonly ds?: DataSource,
  ) {}

  now(): Date {
    return this.frozen ? new Date(this.frozen.getTime()) : new Date();
  }

  /**
   * The time to decide with, from the same source as every other process at this moment: with the staging clock on,
   * read from `system_setting` (through `m`, e.g. the caller's transaction, else the data source); otherwise the
   * system clock, with no query.
   */
  async current(m?: ClockReader): Promise<Date> {
    if (!this.testClockEnabled || !(m ?? this.ds)) return new Date();
    const at = m ? await this.read(m) : await this.reads.submit(null);
    return at ? new Date(at.getTime()) : new Date();
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

  /**
   * Writes the staging clock (null = real time again) through `m` (the caller's transaction, which records the move in
   * the audit chain); the previous value, null for real time. Call `adopt(at)` once that transaction has committed.
   * Only with PORTAL_TEST_CLOCK=1.
   */
  async write(m: ClockReader, at: Date | null): Promise<Date | null> {
    if (!this.testClockEnabled) throw new Error('the staging clock is off');
    const before = (await m.query(`${READ_CLOCK} FOR UPDATE`)) as { value: { now: string } }[];
    if (at) {
      await m.query(
        `INSERT INTO system_setting (key, value, updated_at) VALUES ('clock', $1, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [JSON.stringify({ now: at.toISOString() })],
      );
    } else {
      await m.query(`DELETE FROM system_setting WHERE key = 'clock'`);
    }
    return before.length ? new Date(before[0].value.now) : null;
  }

  /** This process takes a committed `write` at once (no re-read that started before can undo it). */
  adopt(at: Date | null): void {
    this.apply(++this.tickets, at);
    this.logger.log(at ? `staging clock frozen at ${at.toISOString()}` : 'staging clock back to real time');
  }

  /** Freezes the clock (null = real time again) without an audit event: tests and tools. Only with PORTAL_TEST_CLOCK=1. */
  async set(at: Date | null): Promise<void> {
    if (!this.testClockEnabled || !this.ds) throw new Error('the staging clock is off');
    await this.write(this.ds, at);
    this.adopt(at);
  }

  private async refresh(): Promise<void> {
    await this.read(this.ds!);
  }

  /** One read of the stored clock; its value is kept unless a read or set that started later was kept already. */
  private async read(m: ClockReader): Promise<Date | null> {
    const ticket = ++this.tickets;
    const rows = (await m.query(READ_CLOCK)) as { value: { now: string } }[];
    const at = rows.length ? new Date(rows[0].value.now) : null;
    this.apply(ticket, at);
    return at;
  }

  private apply(ticket: number, at: Date | null): void {
    if (ticket <= this.applied) return; // something that started later already set the value
    this.applied = ticket;
    this.frozen = at ? new Date(at.getTime()) : null;
  }
}

/** YYYY-MM-DD of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MicroBatcher } from './micro-batch';

/** `p`, or a rejection after `ms` (0: `p` as it is); `p` is left running either way. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  if (!ms) return p;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  p.catch(() => undefined); // a late failure of `p` is nobody's to handle
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The job an outbox row becomes: its name, data and options (the job id must be the row id). */
export interface OutboxJob {
  name: string;
  data: Record<string, unknown>;
  opts: JobsOptions & { jobId: string };
}

/**
 * The one outbox design of the portal (mail_message, payment_outbox). An outbox table has `id uuid` (the job id),
 * `status` ('queued' while its job has not done its work; other values are the table's own), `created_at` and
 * `sent_at`; its rows are written in the transaction of the change that needs the job. After commit the writer
 * `dispatch`es the ids (jobs added at about the same time go in one addBulk); the relay, run periodically by a BullMQ
 * job scheduler in the worker, re-adds the job of every row still 'queued' after `olderThanMs` — a crash between
 * commit and enqueue or a wiped Redis loses nothing, and a re-added job whose id still exists is left as it is. The
 * job's processor marks the row done, and a job that runs twice changes nothing the second time.
 *
 * No database transaction waits on Redis: rows are written and committed first, the jobs added after commit (bounded
 * by `dispatchTimeoutMs`), and the relay reads its rows with a plain SELECT (no transaction, no row lock) before it
 * adds their jobs.
 *
 * Staleness is measured on the database's clock on both sides (`created_at DEFAULT now()` against `now()`): it is a
 * transport timeout, not business time, and must keep working while the portal's staging clock is frozen.
 */
export class OutboxRelay {
  constructor(
    private readonly ds: DataSource,
    private readonly queue: Queue,
    private readonly table: string,
    private readonly job: (id: string) => OutboxJob,
    /** The longest a dispatch waits on Redis; past it the row is left to the relay (0 = no bound). */
    private readonly dispatchTimeoutMs = 0,
  ) {}

  /**
   * Puts the job of a committed row into the queue; dispatches at about the same time share one addBulk. After an add
   * timed out, dispatches are skipped for SKIP_AFTER_TIMEOUT_MS (Redis is down or paused): the row stays 'queued' and
   * the relay adds its job, so an outage costs each request nothing instead of one timeout each.
   */
  dispatch(id: string): Promise<unknown> {
    if (Date.now() < this.skipUntil) return Promise.resolve();
    return this.dispatcher.submit(id);
  }

  static readonly SKIP_AFTER_TIMEOUT_MS = 5000;
  private skipUntil = 0;

  private readonly dispatcher = new MicroBatcher<string, unknown>(
    async (ids) => {
      // Bounded: a Redis that is down or paused must hold neither the caller nor this batcher's slots. The add may
      // still land later; the job id is the row id, so a later relay of the same row changes nothing.
      try {
        await withTimeout(this.queue.addBulk(ids.map((id) => this.job(id))), this.dispatchTimeoutMs, 'queue add');
      } catch (err) {
        if (this.dispatchTimeoutMs) this.skipUntil = Date.now() + OutboxRelay.SKIP_AFTER_TIMEOUT_MS;
        throw err;
      }
      return ids.map(() => undefined);
    },
    500,
    2,
  );

  /** Re-adds the jobs of rows still 'queued' after `olderThanMs`, oldest first, at most `limit`; how many. */
  async relayStale(olderThanMs: number, limit = 500): Promise<number> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM ${this.table} WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY created_at LIMIT $2`,
      [olderThanMs, limit],
    );
    if (rows.length) await this.queue.addBulk(rows.map((r) => this.job(r.id)));
    return rows.length;
  }
}

import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MicroBatcher } from './micro-batch';

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
 * Staleness is measured on the database's clock on both sides (`created_at DEFAULT now()` against `now()`): it is a
 * transport timeout, not business time, and must keep working while the portal's staging clock is frozen.
 */
export class OutboxRelay {
  constructor(
    private readonly ds: DataSource,
    private readonly queue: Queue,
    private readonly table: string,
    private readonly job: (id: string) => OutboxJob,
  ) {}

  /** Puts the job of a committed row into the queue; dispatches at about the same time share one addBulk. */
  dispatch(id: string): Promise<unknown> {
    return this.dispatcher.submit(id);
  }

  private readonly dispatcher = new MicroBatcher<string, unknown>(
    async (ids) => {
      await this.queue.addBulk(ids.map((id) => this.job(id)));
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

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { runParts, SqlPart } from '../database/sql-parts';
import { Tx } from '../database/transaction';
import { MicroBatcher } from '../queue/micro-batch';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '../queue/queues';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  template: string; // e.g. 'identity.verify-email'
}

/**
 * Mail is written to the `mail_message` table in the caller's transaction and sent by the worker.
 * The job carries only the row id (job id = row id), so a retried or re-relayed job never sends twice.
 */
@Injectable()
export class MailService {
  constructor(
    @InjectQueue(QUEUES.mail) private readonly queue: Queue,
    private readonly ds: DataSource,
  ) {}

  async queueMail(tx: Tx, mail: OutgoingMail): Promise<string> {
    const { part, id } = this.mailPart(mail);
    await runParts(tx.manager, [part], 'SELECT 1');
    tx.afterCommit(() => this.dispatch(id));
    return id;
  }

  /**
   * The same outbox row as a part of the caller's own statement (see runParts), so it costs no round trip of its
   * own. The id is made here: once the statement has committed, the caller passes it to `dispatch`.
   */
  mailPart(mail: OutgoingMail): { part: SqlPart; id: string } {
    const id = randomUUID();
    return {
      id,
      part: {
        name: 'mail_row',
        sql: `INSERT INTO mail_message (id, to_address, subject, body_text, template)
              VALUES ($1, $2, $3, $4, $5)`,
        params: [id, mail.to, mail.subject, mail.text, mail.template],
      },
    };
  }

  /**
   * The outbox rows of the part named `rows` (columns id, to_address, subject, body_text, template) as a part of the
   * caller's statement: many mails at once, e.g. the receipts of a batch of submits (see SubmitWriter).
   */
  outboxPart(rows: string): SqlPart {
    return {
      name: 'mail_rows',
      sql: `INSERT INTO mail_message (id, to_address, subject, body_text, template) SELECT id, to_address, subject, body_text, template FROM ${rows}`,
      params: [],
    };
  }

  /** Puts the send job into BullMQ; jobs dispatched at about the same time go in one addBulk round trip. */
  dispatch(id: string): Promise<unknown> {
    return this.dispatcher.submit(id);
  }

  private readonly dispatcher = new MicroBatcher<string, unknown>(
    (ids) =>
      this.queue.addBulk(
        ids.map((id) => ({ name: 'send', data: { id }, opts: { ...DEFAULT_JOB_OPTIONS, jobId: id } })),
      ),
    200,
    2,
  );

  /** The relay: queued rows whose job may have been lost (Redis wiped, crash between commit and enqueue). */
  async relayStale(olderThanMs = 10_000): Promise<number> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM mail_message WHERE status = 'queued' AND created_at < now() - ($1 || ' milliseconds')::interval ORDER BY created_at LIMIT 500`,
      [String(olderThanMs)],
    );
    for (const r of rows) await this.dispatch(r.id);
    return rows.length;
  }
}

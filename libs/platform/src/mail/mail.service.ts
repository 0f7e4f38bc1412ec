import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { PortalConfig } from '../config/portal-config';
import { runParts, SqlPart } from '../database/sql-parts';
import { Tx } from '../database/transaction';
import { OutboxRelay } from '../queue/outbox-relay';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '../queue/queues';
import { MAIL_RECIPIENTS, MailRecipients } from './mail-recipients';

/** The job that sends one mail row, and the scheduler's job that relays the outbox. */
export const MAIL_SEND_JOB = 'send';
export const MAIL_RELAY_JOB = 'relay';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  template: string; // e.g. 'identity.verify-email'
  /** The portal path the mail is about (e.g. `/applications/<id>`), shown as the inbox item's link; none: null. */
  link?: string | null;
}

/**
 * Mail is written to the `mail_message` table in the caller's transaction and sent by the worker.
 * The job carries only the row id (job id = row id), so a retried or re-relayed job never sends twice.
 */
@Injectable()
export class MailService {
  /** mail_message is an outbox (see OutboxRelay): job id = row id. */
  private readonly outbox: OutboxRelay;

  constructor(
    @InjectQueue(QUEUES.mail) queue: Queue,
    ds: DataSource,
    config: PortalConfig,
    @Optional() @Inject(MAIL_RECIPIENTS) private readonly recipients?: MailRecipients,
  ) {
    this.outbox = new OutboxRelay(
      ds,
      queue,
      'mail_message',
      (id) => ({ name: MAIL_SEND_JOB, data: { id }, opts: { ...DEFAULT_JOB_OPTIONS, jobId: id } }),
      config.REDIS_COMMAND_TIMEOUT_MS,
    );
  }

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
        sql: `INSERT INTO mail_message (id, to_address, subject, body_text, template, link, recipient_id)
              VALUES ($1, $2, $3, $4, $5, $6, ${this.recipientSql('$2::text')})`,
        params: [id, mail.to, mail.subject, mail.text, mail.template, mail.link ?? null],
      },
    };
  }

  /**
   * The outbox rows of the part named `rows` (columns id, to_address, subject, body_text, template, and `link` when
   * `withLink`) as a part of the caller's statement: many mails at once, e.g. the receipts of a batch of submits (see
   * SubmitWriter). It returns the ids written (`SELECT id FROM <name>`), for `dispatch` once the statement has committed.
   */
  outboxPart(rows: string, name = 'mail_rows', withLink = false): SqlPart {
    return {
      name,
      sql: `INSERT INTO mail_message (id, to_address, subject, body_text, template, link, recipient_id)
            SELECT r.id, r.to_address, r.subject, r.body_text, r.template, ${withLink ? 'r.link' : 'NULL'},
                   ${this.recipientSql('r.to_address')}
              FROM ${rows} r
            RETURNING id`,
      params: [],
    };
  }

  /** The recipient's account id (the inbox item's owner) as a SQL expression over the address; NULL without the port. */
  private recipientSql(address: string): string {
    return this.recipients ? this.recipients.accountIdSql(address) : 'NULL::uuid';
  }

  /** Puts the send job into BullMQ; jobs dispatched at about the same time go in one addBulk round trip. */
  dispatch(id: string): Promise<unknown> {
    return this.outbox.dispatch(id);
  }

  /** The relay (run by the worker's `mail-relay` job scheduler): queued rows whose job may have been lost. */
  relayStale(olderThanMs = 10_000): Promise<number> {
    return this.outbox.relayStale(olderThanMs);
  }
}

import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { PortalConfig } from '../config/portal-config';
import { JobSchedules } from '../queue/job-schedulers';
import { PortalWorkerHost } from '../queue/portal-worker-host';
import { QUEUES } from '../queue/queues';
import { MAIL_RELAY_JOB, MailService } from './mail.service';

/**
 * Sends one mail_message row. Without SMTP_URL the row is kept ('kept') for admins to read. The `mail-relay` job
 * scheduler runs the outbox relay every 5 s (once across replicas). Runs in the worker only.
 */
@Processor(QUEUES.mail, { concurrency: 4 })
export class MailProcessor extends PortalWorkerHost implements OnModuleInit {
  private readonly logger = new Logger('Mail');
  private transport?: Transporter;

  constructor(
    private readonly ds: DataSource,
    private readonly config: PortalConfig,
    private readonly mail: MailService,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
    if (config.SMTP_URL) this.transport = createTransport(config.SMTP_URL);
  }

  async onModuleInit(): Promise<void> {
    await this.schedules.every(this.queue, 'mail-relay', 5000, MAIL_RELAY_JOB);
  }

  async onModuleDestroy(): Promise<void> {
    await super.onModuleDestroy(); // the jobs in flight finish first, then their transport closes
    this.transport?.close();
  }

  async process(job: Job<{ id: string }>): Promise<void> {
    if (job.name === MAIL_RELAY_JOB) {
      await this.mail.relayStale().catch((err) => this.logger.warn({ err }, 'mail relay failed'));
      return;
    }
    if (!this.transport) {
      // kept for the outbox page: one statement, which changes nothing when the row was already handled
      await this.ds.query(
        `UPDATE mail_message SET status = 'kept', attempts = attempts + 1 WHERE id = $1 AND status = 'queued'`,
        [job.data.id],
      );
      return;
    }
    const rows = await this.ds.query(`SELECT * FROM mail_message WHERE id = $1`, [job.data.id]);
    const row = rows[0];
    if (!row || row.status !== 'queued') return; // already handled: running twice changes nothing
    try {
      await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
        // one identity per mail row: a copy sent again after a crash (SMTP has no idempotency key) is recognisable
        messageId: `<${row.id}@${mailDomain(this.config.MAIL_FROM)}>`,
      });
      await this.ds.query(
        `UPDATE mail_message SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE id = $1`,
        [row.id],
      );
    } catch (err: unknown) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.ds.query(
        `UPDATE mail_message SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1`,
        [row.id, String((err as Error | null)?.message ?? err).slice(0, 500), last],
      );
      throw err;
    }
  }
}

/** The domain of the sender address (`名字 <noreply@portal.local>` → `portal.local`), for Message-IDs. */
export function mailDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m ? m[1] : 'portal.local';
}

import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  AuditService,
  ClockService,
  DEFAULT_JOB_OPTIONS,
  inTransaction,
  MailService,
  PortalConfig,
  QUEUES,
  JobSchedules,
  shanghaiDay,
  PortalWorkerHost,
} from '@portal/platform';
import { applicationsRelation, callsRelation } from '@portal/applications';
import { usersRelation } from '@portal/identity';
import { REMINDER_JOB, REMINDER_SWEEP_EVERY_MS, REMINDER_SWEEP_JOB, reminderJobId } from './reminder.scheduler';

/**
 * Runs in the worker only. A reminder job carries the assignment id; the row decides: only a `pending` assignment that
 * has not been reminded yet gets the mail (and is marked reminded in the same transaction), so a job that runs twice,
 * or after the expert submitted or declined, changes nothing.
 */
@Processor(QUEUES.reviews, { concurrency: 4 })
export class ReviewReminderProcessor extends PortalWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReviewReminders');

  constructor(
    private readonly ds: DataSource,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly config: PortalConfig,
    @InjectQueue(QUEUES.reviews) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  /**
   * The `review-reminder-sweep` job scheduler (first run at once, then every REMINDER_SWEEP_EVERY_MS, once across
   * replicas) re-creates reminder jobs lost with Redis.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.every(this.queue, 'review-reminder-sweep', REMINDER_SWEEP_EVERY_MS, REMINDER_SWEEP_JOB);
  }

  /** Re-creates the reminder jobs of pending, not yet reminded assignments (same fixed ids, so nothing is doubled). */
  async sweep(): Promise<void> {
    try {
      const rows: { id: string; dueAt: Date }[] = await this.ds.query(
        `SELECT id, due_at AS "dueAt" FROM review_assignment
          WHERE status = 'pending' AND reminded_at IS NULL ORDER BY created_at LIMIT 20000`,
      );
      const now = (await this.clock.current()).getTime(); // the staging clock of this moment, as the API has it
      for (let i = 0; i < rows.length; i += 500) {
        await this.queue.addBulk(
          rows.slice(i, i + 500).map((r) => {
            const delay =
              this.config.REVIEW_REMINDER_DELAY_MS ??
              Math.max(0, new Date(r.dueAt).getTime() - this.config.REVIEW_REMINDER_HOURS_BEFORE * 3600_000 - now);
            return {
              name: REMINDER_JOB,
              data: { assignmentId: r.id },
              opts: { ...DEFAULT_JOB_OPTIONS, jobId: reminderJobId(r.id), delay },
            };
          }),
        );
      }
    } catch (err) {
      this.logger.warn({ err }, 'could not re-create reminder jobs');
    }
  }

  async process(job: Job<{ assignmentId: string }>): Promise<'sent' | 'skipped'> {
    if (job.name === REMINDER_SWEEP_JOB) {
      await this.sweep();
      return 'skipped';
    }
    if (job.name !== REMINDER_JOB) return 'skipped';
    return this.remind(job.data.assignmentId);
  }

  async remind(assignmentId: string): Promise<'sent' | 'skipped'> {
    return inTransaction(this.ds, async (tx) => {
      const rows: {
        id: string;
        status: string;
        dueAt: Date;
        remindedAt: Date | null;
        email: string;
        name: string;
        callTitle: string;
        number: string | null;
      }[] = await tx.manager.query(
        `SELECT r.id, r.status, r.due_at AS "dueAt", r.reminded_at AS "remindedAt", u.email, u.name, c.title AS "callTitle",
                a.number
           FROM review_assignment r JOIN ${usersRelation('u')} ON u.id = r.expert_id JOIN ${callsRelation('c')} ON c.id = r.call_id
           JOIN ${applicationsRelation('a')} ON a.id = r.application_id
          WHERE r.id = $1 FOR UPDATE OF r`,
        [assignmentId],
      );
      const r = rows[0];
      if (!r || r.status !== 'pending' || r.remindedAt) return 'skipped';
      const now = this.clock.now();
      await tx.manager.query(`UPDATE review_assignment SET reminded_at = $2 WHERE id = $1`, [r.id, now]);
      const due = shanghaiDay(new Date(r.dueAt));
      const link = `${this.config.PUBLIC_URL}/reviews/${r.id}`;
      await this.mail.queueMail(tx, {
        to: r.email,
        template: 'review.reminder',
        link: `/reviews/${r.id}`,
        subject: `评审提醒：${r.number ?? ''} 请于 ${due} 前提交 / Reminder: review ${r.number ?? ''} due ${due}`,
        text:
          `${r.name}，您好：\n\n您在“${r.callTitle}”中受邀评审的申报 ${r.number ?? ''} 尚未提交评审意见，截止日期为 ${due}（北京时间 24:00）。\n${link}\n\n` +
          `Hello ${r.name},\n\nyour review of application ${r.number ?? ''} in "${r.callTitle}" is still open; ` +
          `it is due on ${due} (24:00 Beijing time).\n${link}\n`,
      });
      await this.audit.record(tx.manager, {
        actorId: null,
        action: 'review.reminded',
        entityType: 'review',
        entityId: r.id,
        data: { dueAt: new Date(r.dueAt).toISOString() },
      });
      return 'sent';
    });
  }
}

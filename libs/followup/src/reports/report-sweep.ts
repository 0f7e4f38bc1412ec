import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, ClockService, inTransaction, MailService, PortalConfig, shanghaiDay } from '@portal/platform';
import { awardsRelation } from '@portal/awards';
import { callsRelation } from '@portal/applications';
import { holdForOverdueReport, InstalmentHolds } from '@portal/payments';
import { mailOrganization, reportReminder } from '@portal/notifications';
import { ProgramRegistry } from '@portal/programs';
import { daysBetween, readAwardFacts, reportDueOn } from './award-facts';
import { overdueReportSql } from './report-status';

/** Reminders go out this many days before a report's due day, each once (the tightest one reached). */
export const REMINDER_DAYS = [30, 7, 1] as const;
/** Days past the due day after which an unaccepted report raises a warning for the officer. */
export const WARNING_AFTER_DAYS = 60;

/** Which reminder a report `daysLeft` before its due day gets: 1, 7 or 30, or none. */
export function reminderBucket(daysLeft: number): number | null {
  if (daysLeft < 1 || daysLeft > 30) return null;
  return [...REMINDER_DAYS].reverse().find((d) => daysLeft <= d) ?? null;
}

export interface SweepResult {
  reminders: number;
  held: number;
  warnings: number;
}

/**
 * The daily work on reports (issue 13), run by the `report-sweep` job scheduler in the worker (and callable at once):
 * keeps every active award's schedule rows and due days current; mails the 30-, 7- and 1-day reminders (each once per
 * report and due day: a `report_reminder` row); holds the award's remaining instalments while a report is overdue
 * (`report-overdue:<kind>`, released when it is accepted); raises a `report_warning` 60 days after the due day. Every
 * step is idempotent: running it twice, or on several workers, changes nothing more.
 */
@Injectable()
export class ReportSweep {
  private readonly logger = new Logger('ReportSweep');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly programs: ProgramRegistry,
    private readonly holds: InstalmentHolds,
    private readonly config: PortalConfig,
  ) {}

  async run(): Promise<SweepResult> {
    const today = shanghaiDay(this.clock.now());
    await this.schedules();
    const reminders = await this.reminders(today);
    const held = await this.overdue(today);
    const warnings = await this.warn(today);
    return { reminders, held, warnings };
  }

  /** Schedule rows of active awards on calls that require reports; due days of unaccepted ones kept current. */
  private async schedules(): Promise<void> {
    const codes = this.programs
      .list()
      .filter((d) => d.reports?.length)
      .map((d) => d.code);
    if (!codes.length) return;
    const awards: { id: string }[] = await this.ds.query(
      `SELECT aw.id FROM ${awardsRelation('aw')} JOIN ${callsRelation('c')} ON c.id = aw.call_id
        WHERE aw.status = 'active' AND c.reports_required AND aw.program_code = ANY($1::text[]) ORDER BY aw.id`,
      [codes],
    );
    for (const a of awards) {
      try {
        await inTransaction(this.ds, async (tx) => {
          const f = await readAwardFacts(tx.manager, a.id);
          const def = f && this.programs.get(f.programCode);
          if (!f || !def?.reports) return;
          const dues: (string | null)[] = [];
          for (const r of def.reports) dues.push(await reportDueOn(tx.manager, def, f, r));
          const now = this.clock.now();
          await tx.manager.query(
            `INSERT INTO award_report (award_id, kind, due_on, created_at, updated_at)
             SELECT $1::uuid, k, d, $4, $4 FROM unnest($2::text[], $3::date[]) AS x(k, d)
             ON CONFLICT (award_id, kind) DO UPDATE SET due_on = EXCLUDED.due_on
              WHERE award_report.status <> 'accepted' AND award_report.due_on IS DISTINCT FROM EXCLUDED.due_on`,
            [f.id, def.reports.map((r) => r.kind), dues, now],
          );
        });
      } catch (err) {
        this.logger.warn({ err }, `report schedule of award ${a.id}`);
      }
    }
  }

  /** Reports not accepted, of active awards, with a due day; `extra` a further condition over r. */
  private async openReports(extra: string, params: unknown[]) {
    const rows: { id: string; award_id: string; kind: string; due_on: string }[] = await this.ds.query(
      `SELECT r.id, r.award_id, r.kind, to_char(r.due_on, 'YYYY-MM-DD') AS due_on
         FROM award_report r JOIN ${awardsRelation('aw')} ON aw.id = r.award_id
        WHERE r.status <> 'accepted' AND r.due_on IS NOT NULL AND aw.status = 'active' AND ${extra}
        ORDER BY r.due_on, r.id`,
      params,
    );
    return rows;
  }

  private async reminders(today: string): Promise<number> {
    const rows = await this.openReports(`r.due_on BETWEEN $1::date + 1 AND $1::date + 30`, [today]);
    let sent = 0;
    for (const row of rows) {
      const days = reminderBucket(daysBetween(today, row.due_on));
      if (!days) continue;
      // reports still being drafted or returned need the reminder; a submitted one waits for the officer
      sent += await inTransaction(this.ds, async (tx) => {
        const ins: unknown[] = await tx.manager.query(
          `INSERT INTO report_reminder (report_id, days_before, due_on, sent_at)
           SELECT $1, $2, $3::date, $4 WHERE EXISTS (SELECT 1 FROM award_report WHERE id = $1 AND status IN ('draft', 'returned'))
           ON CONFLICT DO NOTHING RETURNING report_id`,
          [row.id, days, row.due_on, this.clock.now()],
        );
        if (!ins.length) return 0;
        const f = await readAwardFacts(tx.manager, row.award_id);
        const r = f && this.programs.get(f.programCode)?.reports?.find((x) => x.kind === row.kind);
        if (!f || !r) return 0;
        await mailOrganization(
          this.mail,
          tx,
          f.organizationId,
          reportReminder({
            organization: f.organizationName,
            number: f.number,
            title: f.title,
            reportName: r.name,
            dueOn: row.due_on,
            url: `${this.config.PUBLIC_URL}/my/awards/${f.id}`,
            days,
          }),
          `/my/awards/${f.id}`,
        );
        await this.audit.record(tx.manager, {
          actorId: null,
          action: 'report.reminded',
          entityType: 'award_report',
          entityId: row.id,
          data: { days, dueOn: row.due_on },
        });
        return 1;
      });
    }
    return sent;
  }

  /** Overdue (`overdueReportSql`): the award's instalments still to be batched are held with the report's reason. */
  private async overdue(today: string): Promise<number> {
    const rows = await this.openReports(overdueReportSql('r', '$1::date'), [today]);
    let held = 0;
    for (const row of rows)
      held += await inTransaction(this.ds, (tx) =>
        this.holds.hold(tx, row.award_id, holdForOverdueReport(row.kind), null),
      );
    return held;
  }

  private async warn(today: string): Promise<number> {
    const limit = addDays(today, -WARNING_AFTER_DAYS);
    const rows = await this.openReports(overdueReportSql('r', '($1::date + 1)'), [limit]);
    let raised = 0;
    for (const row of rows)
      raised += await inTransaction(this.ds, async (tx) => {
        const ins: { id: string }[] = await tx.manager.query(
          `INSERT INTO report_warning (report_id, award_id, due_on, raised_at) VALUES ($1, $2, $3::date, $4)
           ON CONFLICT (report_id) DO NOTHING RETURNING id`,
          [row.id, row.award_id, row.due_on, this.clock.now()],
        );
        if (!ins.length) return 0;
        await this.audit.record(tx.manager, {
          actorId: null,
          action: 'report.warning-raised',
          entityType: 'award_report',
          entityId: row.id,
          data: { warningId: ins[0].id, dueOn: row.due_on, daysOverdue: daysBetween(row.due_on, today) },
        });
        return 1;
      });
    return raised;
  }
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

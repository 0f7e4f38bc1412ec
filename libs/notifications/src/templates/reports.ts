import { bilingual, MailText } from './format';

/** Mails of the reports after an award (issue 13): reminders before the due day, a report returned or accepted. */

export interface ReportFacts {
  organization: string;
  number: string | null;
  title: string;
  reportName: { zh: string; en: string };
  dueOn: string;
  url: string;
}

/** `days` (30, 7 or 1) before the due day. */
export function reportReminder(r: ReportFacts & { days: number }): MailText {
  return bilingual(
    'reports.reminder',
    `报告提醒：${r.reportName.zh}还有 ${r.days} 天到期`,
    `Reminder: ${r.reportName.en} due in ${r.days} day${r.days === 1 ? '' : 's'}`,
    [
      `${r.organization}：`,
      `您单位的“${r.title}”（${r.number ?? '-'}）的${r.reportName.zh}应于 ${r.dueOn} 前提交，还有 ${r.days} 天。`,
      `逾期未提交的，剩余拨款将暂停拨付。提交页面：${r.url}`,
    ],
    [
      `Dear ${r.organization},`,
      `The ${r.reportName.en} of "${r.title}" (${r.number ?? '-'}) is due on ${r.dueOn}, in ${r.days} day${r.days === 1 ? '' : 's'}.`,
      `While it is overdue the remaining instalments are held. File it here: ${r.url}`,
    ],
  );
}

export function reportReturned(r: ReportFacts & { note: string }): MailText {
  return bilingual(
    'reports.returned',
    `${r.reportName.zh}已退回修改`,
    `${r.reportName.en} returned`,
    [
      `${r.organization}：`,
      `您单位的“${r.title}”（${r.number ?? '-'}）的${r.reportName.zh}已退回，请修改后重新提交。意见：${r.note}`,
      r.url,
    ],
    [
      `Dear ${r.organization},`,
      `The ${r.reportName.en} of "${r.title}" (${r.number ?? '-'}) was returned for changes. Note: ${r.note}`,
      r.url,
    ],
  );
}

export function reportAccepted(r: ReportFacts & { note: string }): MailText {
  return bilingual(
    'reports.accepted',
    `${r.reportName.zh}已通过`,
    `${r.reportName.en} accepted`,
    [`${r.organization}：`, `您单位的“${r.title}”（${r.number ?? '-'}）的${r.reportName.zh}已通过。${r.note}`, r.url],
    [
      `Dear ${r.organization},`,
      `The ${r.reportName.en} of "${r.title}" (${r.number ?? '-'}) was accepted. ${r.note}`,
      r.url,
    ],
  );
}

import { OutgoingMail } from '@portal/platform';

/** The applicant-facing mails of the formal stage, bilingual (zh first). */
export interface MailFacts {
  to: string;
  recipientName: string;
  title: string;
  number: string | null;
  programName: { zh: string; en: string };
  link: string;
}

export function receiptMail(f: MailFacts & { at: Date; resubmitted: boolean }): OutgoingMail {
  const when = f.at.toISOString();
  return {
    to: f.to,
    template: 'applications.receipt',
    subject: `申报已提交 ${f.number} / Application received ${f.number}`,
    text:
      `${f.recipientName}，您好：\n\n您的申报《${f.title}》（${f.programName.zh}）已${f.resubmitted ? '重新' : ''}提交，申报编号 ${f.number}，提交时间 ${when}。\n` +
      `请妥善保存申报编号。查看进度：${f.link}\n\n` +
      `Hello ${f.recipientName},\n\nyour application "${f.title}" (${f.programName.en}) was ${f.resubmitted ? 're-submitted' : 'submitted'} ` +
      `with number ${f.number} at ${when}.\nPlease keep the number. Follow its progress: ${f.link}\n`,
  };
}

export function returnedMail(f: MailFacts & { comment: string }): OutgoingMail {
  return {
    to: f.to,
    template: 'applications.returned',
    subject: `申报退回补正 ${f.number} / Application returned for correction ${f.number}`,
    text:
      `${f.recipientName}，您好：\n\n您的申报《${f.title}》（编号 ${f.number}）经形式审查需要补正，审查意见如下：\n\n${f.comment}\n\n` +
      `请修改后重新提交（编号保持不变）：${f.link}\n\n` +
      `Hello ${f.recipientName},\n\nthe formal check of your application "${f.title}" (number ${f.number}) asks for corrections:\n\n${f.comment}\n\n` +
      `Please correct and re-submit it (the number stays the same): ${f.link}\n`,
  };
}

export function rejectedMail(f: MailFacts & { comment: string }): OutgoingMail {
  return {
    to: f.to,
    template: 'applications.rejected',
    subject: `申报未通过形式审查 ${f.number} / Application rejected ${f.number}`,
    text:
      `${f.recipientName}，您好：\n\n很遗憾，您的申报《${f.title}》（编号 ${f.number}）未通过形式审查。理由：\n\n${f.comment}\n\n详情：${f.link}\n\n` +
      `Hello ${f.recipientName},\n\nwe regret that your application "${f.title}" (number ${f.number}) ` +
      `did not pass the formal check. Reason:\n\n${f.comment}\n\n` +
      `Details: ${f.link}\n`,
  };
}

export function notRecommendedMail(f: MailFacts & { comment: string }): OutgoingMail {
  return {
    to: f.to,
    template: 'applications.not-recommended',
    subject: `申报未获省级推荐 ${f.number} / Application not recommended ${f.number}`,
    text:
      `${f.recipientName}，您好：\n\n很遗憾，您的申报《${f.title}》（编号 ${f.number}）未列入省级主管部门向国家推荐的名单。理由：\n\n${f.comment}\n\n详情：${f.link}\n\n` +
      `Hello ${f.recipientName},\n\nwe regret that your application "${f.title}" (number ${f.number}) ` +
      `is not among those your provincial office recommends to the national office. Reason:\n\n${f.comment}\n\n` +
      `Details: ${f.link}\n`,
  };
}

import { bilingual, MailText, shanghaiTime, yuan } from './format';

/** Mails of the awards feature: notice published, objection answered, entry removed, final outcome, revocation. */

export interface EntryFacts {
  organization: string;
  number: string | null;
  title: string;
  callTitle: string;
}

export function noticePublished(
  e: EntryFacts & { endsAt: Date; url: string; tier: string | null; amountFen: number },
): MailText {
  const money = e.amountFen > 0 ? `，拟支持金额 ${yuan(e.amountFen)}` : '';
  const moneyEn = e.amountFen > 0 ? `, proposed support ${yuan(e.amountFen)}` : '';
  return bilingual(
    'awards.notice-published',
    '拟立项（拟认定）名单公示',
    'Proposed list published for public notice',
    [
      `${e.organization}：`,
      `您单位的申报“${e.title}”（${e.number ?? '-'}）列入“${e.callTitle}”拟立项（拟认定）名单${e.tier ? `（${e.tier}）` : ''}${money}，现予公示。`,
      `公示期至 ${shanghaiTime(e.endsAt)}（北京时间）止。公示页面：${e.url}`,
    ],
    [
      `Dear ${e.organization},`,
      `Your application "${e.title}" (${e.number ?? '-'}) is on the proposed list of "${e.callTitle}"` +
        `${e.tier ? ` (${e.tier})` : ''}${moneyEn}, now published for public notice.`,
      `The notice runs until ${shanghaiTime(e.endsAt)} (Beijing time): ${e.url}`,
    ],
  );
}

export function objectionAnswered(o: {
  name: string;
  entryTitle: string;
  upheld: boolean;
  response: string;
}): MailText {
  return bilingual(
    'awards.objection-answered',
    '您提出的异议已处理',
    'Your objection has been answered',
    [
      `${o.name}：`,
      `您对“${o.entryTitle}”提出的异议已处理，结论：${o.upheld ? '异议成立，该项已从名单中撤下' : '异议不成立'}。`,
      `答复：${o.response}`,
    ],
    [
      `Dear ${o.name},`,
      `Your objection to "${o.entryTitle}" has been answered: ${o.upheld ? 'upheld — the entry was removed from the list' : 'not upheld'}.`,
      `Response: ${o.response}`,
    ],
  );
}

export function entryRemoved(e: EntryFacts & { response: string }): MailText {
  return bilingual(
    'awards.entry-removed',
    '公示异议成立，您的申报已撤出拟立项名单',
    'An objection was upheld: your application was removed from the proposed list',
    [
      `${e.organization}：`,
      `经核查，针对您单位申报“${e.title}”（${e.number ?? '-'}）的公示异议成立，该项已撤出“${e.callTitle}”拟立项（拟认定）名单。`,
      `处理意见：${e.response}`,
    ],
    [
      `Dear ${e.organization},`,
      `An objection to your application "${e.title}" (${e.number ?? '-'}) was upheld; it was removed from the proposed list of "${e.callTitle}".`,
      `Response: ${e.response}`,
    ],
  );
}

export function finalOutcome(
  e: EntryFacts & { awarded: boolean; tier: string | null; amountFen: number; certificateNo: string | null },
): MailText {
  if (!e.awarded) {
    return bilingual(
      'awards.outcome-not-awarded',
      '申报结果通知：未获立项（认定）',
      'Outcome: not awarded',
      [
        `${e.organization}：`,
        `您单位的申报“${e.title}”（${e.number ?? '-'}）在“${e.callTitle}”中未获立项（认定）。感谢您的参与。`,
      ],
      [
        `Dear ${e.organization},`,
        `Your application "${e.title}" (${e.number ?? '-'}) was not awarded in "${e.callTitle}". Thank you for taking part.`,
      ],
    );
  }
  const zhMoney = e.amountFen > 0 ? `支持金额 ${yuan(e.amountFen)}，将按计划分期拨付。` : '';
  const enMoney = e.amountFen > 0 ? `Support of ${yuan(e.amountFen)} will be paid in instalments.` : '';
  return bilingual(
    'awards.outcome-awarded',
    '申报结果通知：已立项（认定）',
    'Outcome: awarded',
    [
      `${e.organization}：`,
      `您单位的申报“${e.title}”（${e.number ?? '-'}）在“${e.callTitle}”中获得立项（认定）${e.tier ? `：${e.tier}` : ''}。${zhMoney}`,
      e.certificateNo ? `证书编号：${e.certificateNo}。可登录平台下载证书。` : '可登录平台下载立项通知书。',
    ],
    [
      `Dear ${e.organization},`,
      `Your application "${e.title}" (${e.number ?? '-'}) was awarded in "${e.callTitle}"${e.tier ? `: ${e.tier}` : ''}. ${enMoney}`,
      e.certificateNo
        ? `Certificate number: ${e.certificateNo}; download it from the portal.`
        : 'Download the notice of award from the portal.',
    ],
  );
}

export function awardRevoked(e: EntryFacts & { reason: string; recoveringFen: number }): MailText {
  const zhMoney = e.recoveringFen > 0 ? `已拨付的 ${yuan(e.recoveringFen)} 将依法追回。` : '';
  const enMoney = e.recoveringFen > 0 ? `The ${yuan(e.recoveringFen)} already paid will be recovered.` : '';
  return bilingual(
    'awards.revoked',
    '立项（认定）已撤销',
    'Award revoked',
    [
      `${e.organization}：`,
      `您单位的“${e.title}”（${e.number ?? '-'}）立项（认定）已撤销。原因：${e.reason}`,
      `${zhMoney}未拨付的款项不再拨付。`,
    ],
    [
      `Dear ${e.organization},`,
      `The award for "${e.title}" (${e.number ?? '-'}) has been revoked. Reason: ${e.reason}`,
      `${enMoney} Unpaid instalments are cancelled.`,
    ],
  );
}

/** The office countersigned the task agreement (签约): the instalments held for it go on by their plan. */
export function agreementCountersigned(a: {
  organization: string;
  number: string | null;
  title: string;
  released: number;
  url: string;
}): MailText {
  return bilingual(
    'followup.agreement-countersigned',
    `任务书已会签：${a.title}`,
    `Task agreement countersigned: ${a.title}`,
    [
      `${a.organization}：`,
      `您单位“${a.title}”（${a.number ?? '-'}）的项目任务书已由主管部门会签，正式生效。` +
        (a.released ? `此前因待签约暂停的 ${a.released} 笔拨款将按拨付计划办理。` : ''),
      a.url,
    ],
    [
      `Dear ${a.organization},`,
      `The task agreement of "${a.title}" (${a.number ?? '-'}) was countersigned and is in force.` +
        (a.released ? ` The ${a.released} instalment(s) held for it now follow the payment plan.` : ''),
      a.url,
    ],
  );
}

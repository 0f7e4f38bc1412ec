import { bilingual, MailText } from './format';

/** Mails of the 认定 annual review (年审, issue 13): the office's decision, and the lapse of an unfiled review. */

export interface AnnualReviewFacts {
  organization: string;
  year: number;
  certificateNo: string | null;
  url: string;
}

/** Passed (with the exchanged certificate, 换证, when it was due) or failed (the certificate lapses that day). */
export function annualReviewDecided(
  r: AnnualReviewFacts & { passed: boolean; note: string; lapsedOn: string | null; exchanged: boolean },
): MailText {
  const cert = r.certificateNo ?? '-';
  const zh = r.passed
    ? [
        `您单位 ${r.year} 年度动漫企业认定年审已通过（证书编号 ${cert}）。`,
        ...(r.exchanged ? ['认定证书已按原编号换发（换证），请登录平台下载新证书。'] : []),
      ]
    : [
        `您单位 ${r.year} 年度动漫企业认定年审未通过，认定资格自 ${r.lapsedOn ?? '-'} 起取消（证书编号 ${cert}），公示名单将标明。`,
      ];
  const en = r.passed
    ? [
        `Your ${r.year} annual review of the animation enterprise certification passed (certificate ${cert}).`,
        ...(r.exchanged ? ['The certificate was exchanged under the same number: download the new one.'] : []),
      ]
    : [
        `Your ${r.year} annual review failed: the certification lapses from ${r.lapsedOn ?? '-'} (certificate ${cert}), and the public list says so.`,
      ];
  return bilingual(
    r.passed ? 'followup.annual-review-passed' : 'followup.annual-review-failed',
    r.passed ? `${r.year} 年度年审已通过` : `${r.year} 年度年审未通过，认定资格取消`,
    r.passed ? `${r.year} annual review passed` : `${r.year} annual review failed: certification lapsed`,
    [`${r.organization}：`, ...zh, `审核意见：${r.note}`, r.url],
    [`Dear ${r.organization},`, ...en, `Note: ${r.note}`, r.url],
  );
}

/** Not filed within the window: the certificate lapsed the day after it closed. */
export function annualReviewMissed(
  r: AnnualReviewFacts & { opensOn: string; closesOn: string; lapsedOn: string },
): MailText {
  const cert = r.certificateNo ?? '-';
  return bilingual(
    'followup.annual-review-missed',
    `未参加 ${r.year} 年度年审，认定资格取消`,
    `${r.year} annual review not filed: certification lapsed`,
    [
      `${r.organization}：`,
      `您单位未在 ${r.opensOn} 至 ${r.closesOn} 提交 ${r.year} 年度动漫企业认定年审材料，认定资格自 ${r.lapsedOn} 起取消（证书编号 ${cert}），公示名单将标明。`,
      r.url,
    ],
    [
      `Dear ${r.organization},`,
      `Your ${r.year} annual review was not filed between ${r.opensOn} and ${r.closesOn}: ` +
        `the certification lapses from ${r.lapsedOn} (certificate ${cert}), and the public list says so.`,
      r.url,
    ],
  );
}

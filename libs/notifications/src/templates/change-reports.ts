import { bilingual, MailText } from './format';

/** Mails of 认定 change reports (issue 13): the officer's decision on an enterprise's report. */

const KIND_ZH: Record<string, string> = {
  rename: '企业更名',
  structure: '股权/组织结构变更',
  address: '注册地址变更',
  'legal-representative': '法定代表人变更',
};

export function changeReportDecided(r: {
  organization: string;
  kind: string;
  effectiveOn: string;
  accepted: boolean;
  note: string;
  newName: string | null;
  reissuedOn: string | null;
}): MailText {
  const what = KIND_ZH[r.kind] ?? r.kind;
  const reissue =
    r.accepted && r.reissuedOn
      ? [`单位名称已变更为“${r.newName}”，认定证书已于 ${r.reissuedOn} 以原编号换发，请登录平台下载。`]
      : [];
  const reissueEn =
    r.accepted && r.reissuedOn
      ? [
          `The organization is now "${r.newName}"; its certificate was reissued on ${r.reissuedOn} under the same number.`,
        ]
      : [];
  return bilingual(
    r.accepted ? 'followup.change-report-accepted' : 'followup.change-report-returned',
    r.accepted ? '认定企业变更报告已确认' : '认定企业变更报告被退回',
    r.accepted ? 'Your change report was accepted' : 'Your change report was returned',
    [
      `${r.organization}：`,
      `您单位报告的${what}（${r.effectiveOn} 生效）${r.accepted ? '已确认' : '被退回，请修改后重新报告'}。`,
      ...reissue,
      `审核意见：${r.note}`,
    ],
    [
      `Dear ${r.organization},`,
      `Your report of a change (${r.kind}, effective ${r.effectiveOn}) was ${r.accepted ? 'accepted' : 'returned: please file a corrected report'}.`,
      ...reissueEn,
      `Note: ${r.note}`,
    ],
  );
}

import { defineErrors } from '@portal/platform';

type Text = { zh: string; en: string };
const given = { zh: (m: Text) => m.zh, en: (m: Text) => m.en };

/** The applications lib's error codes (calls, applications, attachments), each defined once. */
export const APPLICATION_ERRORS = defineErrors({
  'CALL.STALE_VERSION': {
    kind: 'conflict',
    zh: '记录已被他人修改，请刷新后重试',
    en: 'call was changed by someone else; reload and try again',
  },
  'APPLICATION.STALE_VERSION': {
    kind: 'conflict',
    zh: '记录已被他人修改，请刷新后重试',
    en: 'application was changed by someone else; reload and try again',
  },
  'APPLICATION.NOT_FOUND': { kind: 'not-found', zh: '申报不存在', en: 'application not found' },
  'ATTACHMENT.NOT_FOUND': { kind: 'not-found', zh: '附件不存在', en: 'attachment not found' },
  'CALL.NOT_FOUND': { kind: 'not-found', zh: '申报批次不存在', en: 'call not found' },
  /** Issue 12: a provincial officer opening or editing a call (calls are set by the national office). */
  'CALL.NATIONAL_OFFICE_ONLY': {
    kind: 'forbidden',
    zh: '申报批次由全国办公室设立和修改，省级主管部门的账号不能设立或修改申报批次',
    en: "Calls are opened and edited by the national office; a provincial agency's officer cannot open or edit one",
  },
  /** Issue 15: a provincial program's calls are its province's agency's. */
  'CALL.PROVINCIAL_OFFICE_ONLY': {
    kind: 'forbidden',
    zh: (p: { zh: string; en: string }) => `本项目是省级项目，由${p.zh}省级主管部门设立申报批次并组织评审、作出决定`,
    en: (p: { zh: string; en: string }) =>
      `A provincial program: the agency of ${p.en} opens its calls, runs the review and decides`,
  },
  /** Issue 12: an officer opening a call of a program their agency does not handle. */
  'CALL.PROGRAM_NOT_IN_SCOPE': {
    kind: 'forbidden',
    zh: (p: { code: string }) => `您所在的主管部门不负责扶持项目 ${p.code}，不能为其设立申报批次`,
    en: (p: { code: string }) => `Your agency does not handle program ${p.code}; you cannot open a call for it`,
  },
  'CALL.WINDOW_INVALID': { kind: 'invalid', zh: '截止时间须晚于开始时间', en: 'closesAt must be later than opensAt' },
  'CALL.UNKNOWN_PROGRAM': {
    kind: 'unprocessable',
    zh: (p: { code: string }) => `未知的扶持项目：${p.code}`,
    en: (p: { code: string }) => `unknown program: ${p.code}`,
  },
  'CALL.YEAR_LOCKED': {
    kind: 'conflict',
    zh: '本批次已有申报编号，不能再修改年度',
    en: 'Applications of this call already carry numbers for its year; the year can no longer change',
  },
  'CALL.REVIEW_SETTINGS_FROZEN': {
    kind: 'conflict',
    zh: (p: { fields: string[] }) =>
      `本批次已完成首次专家抽取，评审设置（${p.fields.join('、')}）不能再修改；预算与公示期在作出评审决定前仍可修改`,
    en: (p: { fields: string[] }) =>
      `The first review draw of this call has run: its review settings (${p.fields.join(', ')}) can no longer change; ` +
      'the budget and the notice length stay editable until decisions are made',
  },
  'CALL.DECISION_SETTINGS_FROZEN': {
    kind: 'conflict',
    zh: (p: { fields: string[] }) => `本批次已作出评审决定，${p.fields.join('、')}不能再修改`,
    en: (p: { fields: string[] }) =>
      `Award decisions have been recorded for this call: ${p.fields.join(', ')} can no longer change`,
  },
  'CALL.PAYMENT_SETTINGS_FROZEN': {
    kind: 'conflict',
    zh: '本批次已定稿，拨付双人复核（paymentDualControl）只能开启，不能关闭',
    en: 'This call is finalized: dual control of its payments (paymentDualControl) can be switched on, not off',
  },
  'CALL.FOLLOWUP_SETTINGS_FROZEN': {
    kind: 'conflict',
    zh: (p: { fields: string[] }) => `本批次已定稿，${p.fields.join('、')}不能再修改`,
    en: (p: { fields: string[] }) => `This call is finalized: ${p.fields.join(', ')} can no longer change`,
  },
  'CALL.PROVINCIAL_SETTINGS_INVALID': {
    kind: 'invalid',
    zh: '省级阶段设置有误',
    en: 'The provincial stage settings are invalid',
  },
  'CALL.STAGE_LOCKED': {
    kind: 'conflict',
    zh: '本批次已有申报提交，省级阶段不能再修改',
    en: 'Applications of this call have been submitted: its provincial stage can no longer change',
  },
  'CALL.TRACKS_INVALID': {
    kind: 'invalid',
    zh: (p: { tracks: string[] }) => `本项目没有这些类别：${p.tracks.join('、')}`,
    en: (p: { tracks: string[] }) => `The program has no such tracks: ${p.tracks.join(', ')}`,
  },
  /** Issue 15: recurring calls. */
  'CALL_SERIES.NOT_FOUND': { kind: 'not-found', zh: '周期性申报批次不存在', en: 'recurring call series not found' },
  'CALL_SERIES.INVALID': {
    kind: 'invalid',
    zh: '周期性申报批次的设置有误',
    en: 'The settings of the recurring call series are invalid',
  },
  'PROVINCIAL.CLOSED': {
    kind: 'conflict',
    zh: (p: { provincialClosesAt: Date }) => `省级审核已于 ${p.provincialClosesAt.toISOString()} 截止`,
    en: (p: { provincialClosesAt: Date }) =>
      `The provincial stage of this call closed at ${p.provincialClosesAt.toISOString()}`,
  },
  'PROVINCIAL.QUOTA_EXCEEDED': {
    kind: 'conflict',
    zh: (p: { quota: number; count: number }) => `超出推荐名额：名额 ${p.quota} 个，本次推荐后将为 ${p.count} 个`,
    en: (p: { quota: number; count: number }) =>
      `Over the recommendation quota: the quota is ${p.quota}, this would make ${p.count} forwarded`,
  },
  'PROVINCIAL.HELD_BY_PROVINCE': {
    kind: 'conflict',
    zh: '该申报尚在省级审核阶段，由省级主管部门初审',
    en: 'The province still has this application: its provincial office runs the first review',
  },
  'PROVINCIAL.NOT_AT_PROVINCE': {
    kind: 'conflict',
    zh: '该申报不在省级审核阶段',
    en: 'This application is not at the provincial stage',
  },
  'PROVINCIAL.PROVINCIAL_OFFICER_ONLY': {
    kind: 'forbidden',
    zh: '仅省级主管部门的工作人员可以进行省级审核和推荐',
    en: "Only a provincial office's officer runs the provincial check and recommendations",
  },
  'PROVINCIAL.NATIONAL_OFFICER_ONLY': {
    kind: 'forbidden',
    zh: '省级推荐的申报由国家级主管部门进行形式审查',
    en: 'The national office runs the formal check of what a province forwarded',
  },
  'PROVINCIAL.NOT_RECOMMEND_STAGE': {
    kind: 'conflict',
    zh: '本批次没有省级推荐环节',
    en: 'This call has no provincial recommendation stage',
  },
  'PROVINCIAL.TEXT_REQUIRED': { kind: 'invalid', zh: '请填写意见或理由', en: 'an opinion or reason is required' },
  'PROVINCIAL.RECOMMENDATION_INVALID': { kind: 'invalid', ...given },
  'PROGRAM.NOT_REGISTERED': {
    kind: 'conflict',
    zh: (p: { code: string }) => `扶持项目 ${p.code} 未启用`,
    en: (p: { code: string }) => `Program ${p.code} is not registered`,
  },
  'APPLICATION.TRACK_NOT_IN_CALL': {
    kind: 'unprocessable',
    zh: (p: { tracks: { code: string; zh: string; en: string }[] }) =>
      `本批次只受理以下类别的申报：${p.tracks.map((t) => `${t.zh}（${t.code}）`).join('、')}`,
    en: (p: { tracks: { code: string; zh: string; en: string }[] }) =>
      `This call takes applications on these tracks only: ${p.tracks.map((t) => `${t.en} (${t.code})`).join(', ')}`,
  },
  'APPLICATION.NO_ORGANIZATION': {
    kind: 'forbidden',
    zh: '您的账号不属于任何申报单位',
    en: 'Your account belongs to no organization',
  },
  /** Creating a draft outside the window, or submitting one before it opens. */
  'APPLICATION.CALL_NOT_OPEN': {
    kind: 'conflict',
    zh: '该申报批次当前不在申报期内',
    en: (p: { opensAt: Date; closesAt: Date }) =>
      `The call is not open (it opens at ${p.opensAt.toISOString()} and closes at ${p.closesAt.toISOString()})`,
  },
  'APPLICATION.WINDOW_CLOSED': {
    kind: 'conflict',
    zh: (p: { closesAt: Date }) => `申报已于 ${p.closesAt.toISOString()} 截止`,
    en: (p: { closesAt: Date }) => `The call closed at ${p.closesAt.toISOString()}`,
  },
  'APPLICATION.BUSY': {
    kind: 'conflict',
    zh: '申报在提交时被同时修改，请刷新后重新提交',
    en: 'The application changed while it was being submitted; reload it and submit again',
  },
  'APPLICATION.COMMENT_REQUIRED': {
    kind: 'invalid',
    zh: '退回或不予受理时须填写审查意见',
    en: 'a comment is required to return or reject an application',
  },
  'APPLICATION.OWN_ORGANIZATION': {
    kind: 'forbidden',
    zh: '不能审查本单位的申报',
    en: "You may not screen your own organization's application",
  },
  'APPLICATION.NOT_EDITABLE': {
    kind: 'conflict',
    zh: '申报已提交，当前状态不能修改',
    en: (p: { status: string }) =>
      `The application can be changed only as a draft or when returned for correction (it is ${p.status})`,
  },
  'APPLICATION.INVALID_TRANSITION': {
    kind: 'conflict',
    zh: (p: { from: string | null; to: string }) => `申报当前状态（${p.from ?? '无'}）不允许变为 ${p.to}`,
    en: (p: { from: string | null; to: string }) =>
      `An application in status ${p.from ?? 'none'} cannot become ${p.to}`,
  },
  'APPLICATION.TRANSITION_FORBIDDEN': {
    kind: 'forbidden',
    zh: '您无权进行此状态变更',
    en: (p: { by: readonly string[]; from: string | null; to: string }) =>
      `Only ${p.by.join(' or ')} may move an application from ${p.from ?? 'none'} to ${p.to}`,
  },
  'APPLICATION.PAYLOAD_INVALID': {
    kind: 'invalid',
    zh: '申报内容格式有误',
    en: 'The application form has invalid fields',
  },
  'APPLICATION.INCOMPLETE': {
    kind: 'unprocessable',
    zh: '申报内容不完整或不符合申报条件，暂不能提交',
    en: 'The application is incomplete or does not meet the conditions, so it cannot be submitted yet',
  },
  'ATTACHMENT.LINK_INVALID': { kind: 'forbidden', zh: '链接无效或已过期', en: 'The link is invalid or has expired' },
  'ATTACHMENT.UNKNOWN_KIND': { kind: 'unprocessable', ...given },
  'ATTACHMENT.TYPE_NOT_ALLOWED': { kind: 'unsupported-type', ...given },
  'ATTACHMENT.MALFORMED': { kind: 'invalid', ...given },
  'ATTACHMENT.TOO_LARGE': {
    kind: 'too-large',
    zh: (p: { limit: number }) => `文件超过大小上限（${p.limit} 字节），大文件请使用断点续传上传`,
    en: (p: { limit: number }) =>
      `The file is larger than the limit of ${p.limit} bytes; use the resumable upload for large files`,
  },
  'ATTACHMENT.KIND_TOO_LARGE': {
    kind: 'too-large',
    zh: (p: { kind: string; limit: number }) => `「${p.kind}」类附件不能超过 ${p.limit} 字节`,
    en: (p: { kind: string; limit: number }) => `A ${p.kind} file may not be larger than ${p.limit} bytes`,
  },
  'ATTACHMENT.QUOTA_EXCEEDED': {
    kind: 'too-large',
    zh: (p: { quota: number; used: number }) =>
      `超出本单位的存储配额（${p.quota} 字节，已用 ${p.used} 字节，含未完成的上传）；请删除不需要的附件或未完成的上传`,
    en: (p: { quota: number; used: number }) =>
      `This would pass your organization's storage quota of ${p.quota} bytes (${p.used} bytes in use, ` +
      'unfinished uploads included); remove files or unfinished uploads you no longer need',
  },
});

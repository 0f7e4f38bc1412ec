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
  'PROGRAM.NOT_REGISTERED': {
    kind: 'conflict',
    zh: (p: { code: string }) => `扶持项目 ${p.code} 未启用`,
    en: (p: { code: string }) => `Program ${p.code} is not registered`,
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
});

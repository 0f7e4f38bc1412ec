import { defineErrors } from '@portal/platform';

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Every error code awards defines, each defined once (codes and kinds are API.md's). Codes of other libs' concepts
 * come from their owners: CALL.UNKNOWN_PROGRAM from @portal/applications, REVIEW.ROUND_OPEN from @portal/review,
 * CALL.NOT_FOUND and APPLICATION.NOT_FOUND as applications throws them (their catalogue's entries). CALL.FINALIZED is
 * awards' own: only the final list (finalize) sets it and only awards refuses work because of it.
 */
export const AWARD_ERRORS = defineErrors({
  'AWARD.NOT_FOUND': { kind: 'not-found', zh: '立项（认定）不存在', en: 'award not found' },
  'AWARD.REVOKED': {
    kind: 'conflict',
    zh: (p: { certificate?: boolean }) => (p.certificate ? '立项（认定）已撤销，证书失效' : '立项（认定）已撤销'),
    en: (p: { certificate?: boolean }) =>
      p.certificate ? 'The award was revoked; its certificate is void' : 'The award was revoked',
  },
  'AWARD.LAPSED': {
    kind: 'conflict',
    zh: '未通过（或未参加）年审，资格已取消，证书失效',
    en: 'The annual review was failed or missed: the certification lapsed and its certificate is void',
  },
  'AWARD.ALREADY_REVOKED': { kind: 'conflict', zh: '该立项（认定）已撤销', en: 'This award was already revoked' },
  'CERTIFICATE.NOT_ACTIVE': {
    kind: 'conflict',
    zh: '该立项没有有效的认定证书，不能换发',
    en: 'This award has no certificate in force to reissue',
  },
  'PROGRAM.NOT_FOUND': { kind: 'not-found', zh: '扶持项目不存在', en: 'program not found' },
  'CALL.FINALIZED': {
    kind: 'conflict',
    zh: '该批次已公布最终名单',
    en: 'The final list of this call has been published',
  },
  'DECISIONS.OVER_BUDGET': {
    kind: 'unprocessable',
    zh: (p: { others: number; amountFen: number; budgetFen: number }) =>
      `超出预算：已安排 ${p.others} 分，本项 ${p.amountFen} 分，预算 ${p.budgetFen} 分`,
    en: (p: { others: number; amountFen: number; budgetFen: number }) =>
      `Over budget: ${p.others} fen committed + ${p.amountFen} fen > budget ${p.budgetFen} fen`,
  },
  'DECISIONS.NO_MONEY': {
    kind: 'unprocessable',
    zh: '本项不涉及资金（认定或不含资金的名单），金额须为 0',
    en: 'This award carries no money (a certification or a list): amountFen must be 0 or absent',
  },
  'DECISIONS.NOT_ELECTED': {
    kind: 'conflict',
    zh: '本批次须经领导小组表决，该申报未获表决通过，不能立项',
    en: 'This call awards only what the leading group elected, and this application was not elected',
  },
  'DECISIONS.REJECT_WITH_AMOUNT': {
    kind: 'unprocessable',
    zh: '不予支持的决定不能带金额',
    en: 'A reject carries no amount',
  },
  'DECISIONS.TIER_IS_TITLE': {
    kind: 'unprocessable',
    zh: (p: { title: string }) => `认定类别须为“${p.title}”`,
    en: (p: { title: string }) => `For this track the tier is the certification title "${p.title}"`,
  },
  'DECISIONS.AMOUNT_REQUIRED': {
    kind: 'unprocessable',
    zh: '请填写支持金额（分，大于 0）',
    en: 'An award needs amountFen > 0',
  },
  'DECISIONS.NOTICE_PUBLISHED': {
    kind: 'conflict',
    zh: '名单已公示，决定只能通过异议处理变更',
    en: 'The list is published for public notice; decisions change only through objections now',
  },
  'DECISIONS.NOT_REVIEWED': {
    kind: 'conflict',
    zh: (p: { status: string }) => `只有评审完成的申报可以作出决定（当前：${p.status}）`,
    en: (p: { status: string }) => `Only a reviewed application can be decided on (it is ${p.status})`,
  },
  'NOTICE.NOT_FOUND': { kind: 'not-found', zh: '公示不存在', en: 'notice not found' },
  'NOTICE.ALREADY_PUBLISHED': {
    kind: 'conflict',
    zh: '该批次的拟立项名单已公示',
    en: 'The proposed list of this call was already published',
  },
  'NOTICE.NOTHING_PROPOSED': {
    kind: 'unprocessable',
    zh: '没有拟立项（拟认定）的申报，无法公示',
    en: 'Nothing is proposed: decide on awards before publishing the notice',
  },
  'NOTICE.NOT_PUBLISHED': {
    kind: 'conflict',
    zh: '拟立项名单尚未公示',
    en: 'The proposed list has not been published for public notice',
  },
  'NOTICE.STILL_OPEN': {
    kind: 'conflict',
    zh: (p: { endsAt: Date }) => `公示期尚未结束（至 ${iso(p.endsAt)}）`,
    en: (p: { endsAt: Date }) => `The public notice runs until ${iso(p.endsAt)}`,
  },
  'NOTICE.WINDOW_CLOSED': {
    kind: 'conflict',
    zh: '不在公示期内，不受理异议',
    en: (p: { startsAt: Date; endsAt: Date }) =>
      `Objections are accepted only while the notice runs (${iso(p.startsAt)} – ${iso(p.endsAt)})`,
  },
  'OBJECTIONS.UNANSWERED': {
    kind: 'conflict',
    zh: (p: { open: number }) => `尚有 ${p.open} 件异议未处理`,
    en: (p: { open: number }) => `${p.open} objection(s) are still unanswered`,
  },
  'OBJECTION.NOT_FOUND': { kind: 'not-found', zh: '异议不存在', en: 'objection not found' },
  'EVIDENCE.NOT_FOUND': { kind: 'not-found', zh: '证据文件不存在', en: 'evidence not found' },
  'OBJECTION.UNKNOWN_ENTRY': { kind: 'unprocessable', zh: '公示名单中没有该项', en: 'This entry is not on the notice' },
  'OBJECTION.RATE_LIMITED': {
    kind: 'rate-limited',
    zh: '提交过于频繁，请稍后再试',
    en: 'Too many objections from this address; try again later',
  },
  'OBJECTION.EVIDENCE_TOO_LARGE': {
    kind: 'too-large',
    zh: '证据文件过大',
    en: (p: { maxBytes: number }) => `The evidence file exceeds ${p.maxBytes} bytes`,
  },
  'OBJECTION.EVIDENCE_TYPE': {
    kind: 'unsupported-type',
    zh: '证据文件须为 PDF、JPEG 或 PNG',
    en: 'Evidence must be a PDF, JPEG or PNG file',
  },
  'OBJECTION.ALREADY_ANSWERED': { kind: 'conflict', zh: '该异议已处理', en: 'This objection was already answered' },
  'CALENDAR.YEAR_NOT_PUBLISHED': {
    kind: 'unprocessable',
    zh: (p: { year: number; days: number }) =>
      `${p.year} 年的节假日安排尚未录入（国务院办公厅通常于上一年 11 月发布），无法计算 ${p.days} 个工作日的公示期。请管理员发布后录入（PUT /api/admin/calendar/${p.year}），或缩短公示天数。`,
    en: (p: { year: number; days: number }) =>
      `The State Council's holiday calendar for ${p.year} has not been entered yet, so a notice of ${p.days} working days ` +
      `cannot be counted. An administrator must add ${p.year} once it is published (PUT /api/admin/calendar/${p.year}), ` +
      `or the notice must be shorter.`,
  },
  'CALENDAR.INVALID': {
    kind: 'unprocessable',
    zh: (p: { message: string }) => `节假日安排有误：${p.message}`,
    en: (p: { message: string }) => `The calendar is not valid: ${p.message}`,
  },
  'CALENDAR.YEAR': {
    kind: 'invalid',
    zh: (p: { outOfRange?: boolean }) => (p.outOfRange ? '年份超出范围' : '年份应为四位数字'),
    en: (p: { outOfRange?: boolean }) => (p.outOfRange ? 'The year is out of range' : 'The year must be a number'),
  },
});

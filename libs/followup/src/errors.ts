import { defineErrors } from '@portal/platform';

/** Every error code followup throws, each defined once. Each part of issue 13 adds its own block. */
export const FOLLOWUP_ERRORS = defineErrors({
  'AWARD_FOLLOWUP.NOT_FOUND': { kind: 'not-found', zh: '获奖项目不存在', en: 'award not found' },
  // 认定 change reports (变更报告): a certified enterprise reports a change of name, structure, address or legal representative
  'CHANGE_REPORT.NOT_FOUND': { kind: 'not-found', zh: '变更报告不存在', en: 'change report not found' },
  'CHANGE_REPORT.NOT_CERTIFIED': {
    kind: 'conflict',
    zh: '本单位没有有效的动漫企业认定证书，无需报告变更',
    en: 'The organization holds no certificate in force: there is no change to report',
  },
  'CHANGE_REPORT.PENDING': {
    kind: 'conflict',
    zh: '同类变更报告正在审核中，请等待处理结果',
    en: 'A change report of this kind is already waiting for the officer',
  },
  'CHANGE_REPORT.NOT_PENDING': {
    kind: 'conflict',
    zh: (p: { status: string }) => `该变更报告已处理（${p.status}），不能再次处理`,
    en: (p: { status: string }) => `This change report was already decided (${p.status})`,
  },
  'CHANGE_REPORT.INVALID': {
    kind: 'unprocessable',
    zh: '变更报告内容不符合要求',
    en: 'The change report is not valid',
  },
  'CHANGE_REPORT.LICENCE_REQUIRED': {
    kind: 'unprocessable',
    zh: '请上传变更后的营业执照（PDF、JPEG 或 PNG）',
    en: 'The new business licence (PDF, JPEG or PNG) is required in the multipart field `file`',
  },
  'CHANGE_REPORT.LICENCE_TOO_LARGE': {
    kind: 'too-large',
    zh: '营业执照文件过大',
    en: (p: { maxBytes: number }) => `The licence file exceeds ${p.maxBytes} bytes`,
  },
  'CHANGE_REPORT.LICENCE_TYPE': {
    kind: 'unsupported-type',
    zh: '营业执照文件须为 PDF、JPEG 或 PNG',
    en: 'The licence must be a PDF, JPEG or PNG file',
  },

  // ---- 年审 (annual review of certificates) ----
  'ANNUAL_REVIEW.NOT_FOUND': { kind: 'not-found', zh: '年审记录不存在', en: 'annual review not found' },
  'ANNUAL_REVIEW.NOT_REVIEWED': {
    kind: 'conflict',
    zh: (p: { year: number }) =>
      `该证书不需参加 ${p.year} 年度年审（仅限开启年审的批次中此前已认定且有效的动漫企业证书）`,
    en: (p: { year: number }) =>
      `This certificate takes no part in the ${p.year} annual review ` +
      '(only enterprise certificates of calls with the annual review, certified before that year)',
  },
  'ANNUAL_REVIEW.WRONG_YEAR': {
    kind: 'conflict',
    zh: (p: { year: number; current: number }) => `只能填报本年度（${p.current} 年）的年审，不能填报 ${p.year} 年`,
    en: (p: { year: number; current: number }) =>
      `Only this year's (${p.current}) annual review can be filed, not ${p.year}'s`,
  },
  'ANNUAL_REVIEW.OUTSIDE_WINDOW': {
    kind: 'conflict',
    zh: (p: { opensOn: string; closesOn: string }) => `年审时间为 ${p.opensOn} 至 ${p.closesOn}`,
    en: (p: { opensOn: string; closesOn: string }) =>
      `The annual review is filed from ${p.opensOn} to ${p.closesOn} (Beijing time)`,
  },
  'ANNUAL_REVIEW.NOT_DRAFT': {
    kind: 'conflict',
    zh: (p: { status: string }) => `年审已提交或已结束，不能再修改（当前：${p.status}）`,
    en: (p: { status: string }) => `The annual review is no longer a draft (now: ${p.status})`,
  },
  'ANNUAL_REVIEW.NOT_SUBMITTED': {
    kind: 'conflict',
    zh: (p: { status: string }) => `只能对已提交的年审作出结论（当前：${p.status}）`,
    en: (p: { status: string }) => `Only a submitted annual review can be decided (now: ${p.status})`,
  },
  'ANNUAL_REVIEW.CERTIFICATE_NOT_ACTIVE': {
    kind: 'conflict',
    zh: '证书已撤销或资格已取消',
    en: 'The certificate was revoked or has lapsed',
  },
  'ANNUAL_REVIEW.INCOMPLETE': {
    kind: 'unprocessable',
    zh: '年审材料不完整',
    en: 'The annual review filing is incomplete',
  },
  'ANNUAL_REVIEW.PAYLOAD_INVALID': { kind: 'invalid', zh: '年审数据格式不正确', en: 'The filing is malformed' },
  'ANNUAL_REVIEW.UNKNOWN_KIND': {
    kind: 'unprocessable',
    zh: (p: { kinds: string }) => `附件类型须为：${p.kinds}`,
    en: (p: { kinds: string }) => `The attachment kind must be one of: ${p.kinds}`,
  },
  'ANNUAL_REVIEW.NO_FILE': { kind: 'invalid', zh: '请选择文件', en: 'A file is required' },
  'ANNUAL_REVIEW.FILE_TYPE': {
    kind: 'unsupported-type',
    zh: '文件须为 PDF、JPEG 或 PNG',
    en: 'The file must be a PDF, JPEG or PNG',
  },

  // ---------------------------------------------------------------- agreements (签约) and changes (变更)
  'AGREEMENT.NOT_FOUND': {
    kind: 'not-found',
    zh: '该项目无需签订任务书',
    en: 'no task agreement: the award has no money or its call does not require one',
  },
  'AGREEMENT.AWARD_REVOKED': { kind: 'conflict', zh: '项目已撤销，任务书不再生效', en: 'The award is revoked' },
  'AGREEMENT.ALREADY_ACCEPTED': { kind: 'conflict', zh: '任务书已确认', en: 'The agreement was already accepted' },
  'AGREEMENT.NOT_ACCEPTED': {
    kind: 'conflict',
    zh: '任务书尚未经项目单位确认，不能会签',
    en: 'The grantee has not accepted the agreement yet',
  },
  'AGREEMENT.ALREADY_COUNTERSIGNED': {
    kind: 'conflict',
    zh: '任务书已会签',
    en: 'The agreement was already countersigned',
  },
  'AGREEMENT.VERSION_CHANGED': {
    kind: 'conflict',
    zh: (p: { version: number }) => `任务书已更新为第 ${p.version} 版，请重新阅读后确认`,
    en: (p: { version: number }) => `The agreement changed (now version ${p.version}); read it again before accepting`,
  },
  'CHANGE.NOT_FOUND': { kind: 'not-found', zh: '变更申请不存在', en: 'change not found' },
  'CHANGE.NOT_A_GRANT': {
    kind: 'unprocessable',
    zh: '只有获得资金扶持的项目可以申请变更',
    en: 'Only an award with money takes change requests',
  },
  'CHANGE.AWARD_CLOSED': {
    kind: 'conflict',
    zh: '项目已撤销或已结束，不能再申请或批准变更',
    en: 'The award is closed (revoked, or evaluated at its closing): no more changes',
  },
  'CHANGE.PENDING_EXISTS': {
    kind: 'conflict',
    zh: '同类变更申请正在审核中',
    en: 'A change of this kind is already pending',
  },
  'CHANGE.NOT_PENDING': {
    kind: 'conflict',
    zh: (p: { status: string }) => `该变更申请已处理（${p.status}）`,
    en: (p: { status: string }) => `The change was already decided (${p.status})`,
  },
  'CHANGE.INVALID_PROPOSAL': {
    kind: 'invalid',
    zh: '变更内容不符合该类变更的格式',
    en: 'The proposal does not fit the kind of change',
  },
  'CHANGE.SCHEDULE_INVALID': {
    kind: 'unprocessable',
    zh: '新的计划完成日期必须晚于立项日期且不同于现计划',
    en: "The new plan end must be after the award's day and differ from the current one",
  },

  // reports (中期检查, 结项) and the evaluation (绩效评价)
  'REPORT.NOT_FOUND': { kind: 'not-found', zh: '报告不存在', en: 'report not found' },
  'REPORT.NOT_REQUIRED': {
    kind: 'conflict',
    zh: '该批次未要求提交报告',
    en: "This award's call requires no reports",
  },
  'REPORT.AWARD_REVOKED': { kind: 'conflict', zh: '立项已撤销，不能再提交或审核报告', en: 'The award is revoked' },
  'REPORT.PENDING': {
    kind: 'conflict',
    zh: '该报告已提交，正在审核中',
    en: 'This report was submitted and awaits the officer',
  },
  'REPORT.ALREADY_ACCEPTED': { kind: 'conflict', zh: '该报告已通过', en: 'This report was already accepted' },
  'REPORT.NOT_SUBMITTED': {
    kind: 'conflict',
    zh: '只能审核已提交的报告',
    en: 'Only a submitted report can be accepted or returned',
  },
  'REPORT.PAYLOAD_INVALID': { kind: 'invalid', zh: '报告内容格式有误', en: 'The report form has invalid fields' },
  'REPORT.INCOMPLETE': {
    kind: 'unprocessable',
    zh: '报告尚不完整，不能提交',
    en: 'The report is incomplete and cannot be submitted',
  },
  'REPORT.ATTACHMENT_KIND': {
    kind: 'invalid',
    zh: '该报告不接受此类附件',
    en: 'This report takes no attachment of this kind',
  },
  'REPORT.ATTACHMENT_TYPE': {
    kind: 'unsupported-type',
    zh: '附件类型不符合要求',
    en: 'The file type is not accepted for this kind',
  },
  'REPORT.NO_FILE': { kind: 'invalid', zh: '请选择文件', en: 'A file is required' },
  'REPORT.INSTALMENT_PAID': {
    kind: 'conflict',
    zh: '该报告对应的拨款已到期或已拨付',
    en: "The report's instalment is already due or paid",
  },
  'REPORT.INSTALMENT_HELD': {
    kind: 'conflict',
    zh: (p: { reasons: string }) => `该报告对应的拨款因其他原因暂停拨付（${p.reasons}）`,
    en: (p: { reasons: string }) => `The report's instalment is held for another reason (${p.reasons})`,
  },
  'REPORT.WARNING_NOT_FOUND': { kind: 'not-found', zh: '预警不存在', en: 'warning not found' },
  'REPORT.WARNING_DECIDED': { kind: 'conflict', zh: '该预警已处理', en: 'This warning was already decided' },
  'EVALUATION.NOT_READY': {
    kind: 'conflict',
    zh: '结项报告通过后方可进行绩效评价',
    en: 'The evaluation follows the accepted closing report',
  },
  'EVALUATION.ALREADY_GRADED': { kind: 'conflict', zh: '该项目已完成绩效评价', en: 'This award was already evaluated' },
  'EVALUATION.NONE': { kind: 'conflict', zh: '该项目没有绩效评价', en: "The award's program has no evaluation" },
});

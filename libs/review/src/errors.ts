import { defineErrors } from '@portal/platform';

/** The review lib's error codes (reviews, scores, the round), each defined once. */
export const REVIEW_ERRORS = defineErrors({
  'REVIEW.STALE_VERSION': {
    kind: 'conflict',
    zh: '记录已被他人修改，请刷新后重试',
    en: 'review was changed by someone else; reload and try again',
  },
  'EXPERT.NOT_FOUND': { kind: 'not-found', zh: '专家不存在', en: 'expert not found' },
  'EXPERT.TOO_MANY_SEARCHES': {
    kind: 'rate-limited',
    zh: '查询过于频繁，请稍后再试',
    en: 'Too many searches; please try again in a minute',
  },
  'REVIEW.NOT_FOUND': { kind: 'not-found', zh: '评审不存在', en: 'review not found' },
  'REVIEW.ACTION_NOT_ALLOWED': {
    kind: 'forbidden',
    zh: '您不能执行此评审操作',
    en: (p: { actor: string; action: string }) => `A ${p.actor} cannot ${p.action} a review`,
  },
  'REVIEW.ALREADY_SUBMITTED': {
    kind: 'conflict',
    zh: '评审意见已提交，不能再修改',
    en: 'The review has been submitted and is read-only',
  },
  'REVIEW.NOT_PENDING': {
    kind: 'conflict',
    zh: (p: { statusZh: string; action: string; status: string }) => `评审状态为“${p.statusZh}”，不能执行此操作`,
    en: (p: { statusZh: string; action: string; status: string }) =>
      `The review is ${p.status}; it cannot be ${p.action === 'save' ? 'saved' : p.action === 'submit' ? 'submitted' : p.action + 'd'}`,
  },
  'REVIEW.SCORES_MALFORMED': { kind: 'invalid', zh: '分数格式有误', en: 'Scores must be numbers' },
  'REVIEW.SCORES_INVALID': { kind: 'unprocessable', zh: '评分不符合评分细则', en: 'The scores do not fit the rubric' },
  'REVIEW.INCOMPLETE': {
    kind: 'unprocessable',
    zh: '评审尚未完成：请为每一项打分并填写书面意见',
    en: 'Every criterion needs a score and the opinion is required',
  },
  'REVIEW.ROUND_CLOSED': {
    kind: 'conflict',
    zh: '本批次的专家评审已结束',
    en: 'The review round of this call is closed',
  },
  'REVIEW.NOTHING_SUBMITTED': {
    kind: 'conflict',
    zh: '尚无专家提交评审意见，不能结束评审',
    en: 'No review has been submitted yet; the round cannot be closed',
  },
  'REVIEW.SEED_NOT_ALLOWED': {
    kind: 'invalid',
    zh: '抽取种子由服务器随机生成并记录；只有测试环境（PORTAL_TEST_CLOCK=1）才接受指定的 seed',
    en: 'The draw seed is drawn at random and recorded by the server; a seed in the request is accepted only on a staging portal (PORTAL_TEST_CLOCK=1)',
  },
  'REVIEW.PROVINCES_OPEN': {
    kind: 'conflict',
    zh: (p: { provincialClosesAt: Date }) =>
      `国家评审在省级阶段结束后进行：省级截止时间为 ${p.provincialClosesAt.toISOString()}，届时仅对各省已报送的申报抽取专家`,
    en: (p: { provincialClosesAt: Date }) =>
      `The national review comes after the provinces: the provincial stage closes at ${p.provincialClosesAt.toISOString()}; ` +
      'the national draw then covers the forwarded applications only',
  },
  'DELIBERATION.NOT_ENABLED': {
    kind: 'conflict',
    zh: '本批次未设领导小组表决（deliberation）',
    en: 'This call has no deliberation vote (its deliberation setting is off)',
  },
  'DELIBERATION.QUORUM': {
    kind: 'unprocessable',
    zh: (p: { min: number }) => `出席成员不足：表决至少需要 ${p.min} 名成员`,
    en: (p: { min: number }) => `Too few members present: a vote needs at least ${p.min}`,
  },
  'DELIBERATION.TALLY_INVALID': {
    kind: 'unprocessable',
    zh: (p: { members: number }) => `票数有误：每项的赞成、反对、弃权票数之和须等于出席成员数 ${p.members}`,
    en: (p: { members: number }) =>
      `The tally does not add up: for, against and abstentions must make the ${p.members} members present`,
  },
  'DELIBERATION.DUPLICATE_NOMINEE': {
    kind: 'invalid',
    zh: '同一申报在一次表决中只能计票一次',
    en: 'A nominee is counted once per vote',
  },
  'DELIBERATION.NOT_NOMINEE': {
    kind: 'conflict',
    zh: '只能对本批次已评审、尚未作出立项决定的申报表决（已有决定的请先撤回）',
    en: 'Only reviewed applications of this call without a decision can be voted on (set a decided one back first)',
  },
  'REVIEW.ROUND_OPEN': {
    kind: 'conflict',
    zh: '专家评审尚未结束，暂不能查看排名',
    en: 'The ranking is available after the review round is closed',
  },
});

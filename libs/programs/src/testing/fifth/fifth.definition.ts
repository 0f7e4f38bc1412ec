import { ProgramDefinition } from '../../program-definition';
import { documentKind, otherKind, standardKinds } from '../../engine/attachment-kinds';
import { defineRule, fail, pass, readInteger, readText } from '../../engine/rule-kit';
import { FifthTestPayloadDto } from './fifth.dto';

const SERIES = 'series';
const MIN_EPISODES = 13;

const episodes = defineRule('fifth-test.episodes', (ctx) => {
  const key = 'fifth-test.episodes';
  const n = readInteger(ctx.application.payload, 'episodes');
  if (n === null) return fail(key, '未填写集数', 'The number of episodes is not filled in');
  return n >= BigInt(MIN_EPISODES)
    ? pass(key, `${n} 集，不少于 ${MIN_EPISODES} 集`, `${n} episodes, at least ${MIN_EPISODES}`)
    : fail(key, `${n} 集，少于 ${MIN_EPISODES} 集`, `${n} episodes, fewer than ${MIN_EPISODES}`);
});

const premiered = defineRule('fifth-test.premiered', (ctx) => {
  const key = 'fifth-test.premiered';
  const on = readText(ctx.application.payload, 'premieredOn');
  if (!on) return fail(key, '未填写首播日期', 'The first broadcast date is not filled in');
  return on <= ctx.today
    ? pass(key, `已于 ${on} 首播`, `First broadcast on ${on}`)
    : fail(key, `首播日期 ${on} 晚于今天`, `The first broadcast (${on}) is after today`);
});

/**
 * A fifth program for tests only (registered when PORTAL_TEST_PROGRAMS names `fifth`): 动漫奖, a certificate without
 * money, with its own form, rules and attachment kind. The web shows all of it from GET /api/programs alone.
 */
export const FIFTH_PROGRAM: ProgramDefinition = {
  code: 'fifth-test',
  prefix: 'FTP',
  name: { zh: '动漫奖（测试）', en: 'Animation Award (test)' },
  agency: { zh: '测试主管部门', en: 'Test agency' },
  tracks: [{ code: SERIES, name: { zh: '系列动画片', en: 'Animated series' } }],
  payloadDto: () => FifthTestPayloadDto,
  rules: [episodes, premiered],
  ruleNames: {
    'fifth-test.episodes': { zh: '集数不少于 13 集', en: 'At least 13 episodes' },
    'fifth-test.premiered': { zh: '已首播', en: 'Already broadcast' },
  },
  rubric: [{ key: 'artistry', name: { zh: '艺术水准', en: 'Artistry' }, weight: 100, max: 10 }],
  defaultAggregation: 'mean',
  attachmentKinds: [
    ...standardKinds([SERIES]),
    documentKind('broadcast-proof', [SERIES], { zh: '播出证明', en: 'Proof of broadcast' }),
    otherKind(),
  ],
  award: {
    kind: 'certification',
    document: 'certificate',
    titles: { [SERIES]: { zh: '动漫奖', en: 'Animation Award' } },
    instalments: [],
  },
  workflow: { provincialReview: false, blindReview: false, noticeWorkingDays: 5, annualReview: false },
};

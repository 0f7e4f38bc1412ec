import { ProgramDefinition } from '../program-definition';
import { JINGPIN_EVALUATION, JINGPIN_REPORTS } from './jingpin.reports';
import { otherKind, standardKinds, workSampleKind } from '../engine/attachment-kinds';
import { JingpinPayloadDto } from './jingpin.dto';
import { JINGPIN_RULES } from './jingpin.rules';
import { JINGPIN_FORM } from './jingpin.form';

const TRACKS = ['idea', 'product'];

/** 国家动漫精品工程: grants for ideas and finished works, blind expert review. */
export const JINGPIN_PROGRAM: ProgramDefinition = {
  code: 'jingpin',
  prefix: 'JP',
  name: { zh: '国家动漫精品工程', en: 'National Animation Quality Project' },
  agency: { zh: '文化和旅游部', en: 'Ministry of Culture and Tourism' },
  tracks: [
    { code: 'idea', name: { zh: '动漫创意', en: 'Idea' } },
    { code: 'product', name: { zh: '动漫产品', en: 'Product' } },
  ],
  payloadDto: () => JingpinPayloadDto,
  rules: JINGPIN_RULES,
  ruleNames: {
    'jingpin.one-per-track': { zh: '每类别限报一项', en: 'One entry per track' },
    'jingpin.no-repeat-work': { zh: '作品不得重复申报', en: 'No repeated work' },
  },
  // Weights were never published: the default 25 / 25 / 20 / 30 (DOMAIN.md). Each criterion is scored 0–10.
  rubric: [
    { key: 'ideological', name: { zh: '思想性', en: 'Ideological merit' }, weight: 25, max: 10 },
    { key: 'artistic', name: { zh: '艺术性', en: 'Artistic merit' }, weight: 25, max: 10 },
    { key: 'innovation', name: { zh: '创新性', en: 'Innovation' }, weight: 20, max: 10 },
    {
      key: 'industrialValue',
      name: { zh: '产业价值（品牌化、市场化、产业化）', en: 'Industrial value (brand, market, industry)' },
      weight: 30,
      max: 10,
    },
  ],
  defaultAggregation: 'trimmed',
  attachmentKinds: [...standardKinds(TRACKS), workSampleKind(TRACKS), otherKind()],
  award: {
    kind: 'grant',
    document: 'notice',
    titles: {
      idea: { zh: '国家动漫精品工程·动漫创意扶持项目', en: 'National Animation Quality Project — idea' },
      product: { zh: '国家动漫精品工程·动漫产品扶持项目', en: 'National Animation Quality Project — product' },
    },
    instalments: [
      {
        instalmentNo: 1,
        percent: 50,
        milestone: 'finalize',
        name: { zh: '首期（立项后）', en: 'First instalment (on award)' },
      },
      {
        instalmentNo: 2,
        percent: 30,
        milestone: 'midterm',
        name: { zh: '二期（中期检查通过后）', en: 'Second instalment (after the mid-term check)' },
      },
      {
        instalmentNo: 3,
        percent: 20,
        milestone: 'closing',
        name: { zh: '尾款（结项验收后）', en: 'Final instalment (on closing)' },
      },
    ],
  },
  // 签约 (issue 13): no program publishes the plan's length; 24 months is this portal's setting, not a published rule.
  agreement: {
    planMonths: 24,
    duties: [
      {
        zh: '专款专用：扶持资金只用于本项目，单独核算，不得挪作他用。',
        en: 'The grant is used for this project only, accounted for separately, and never diverted.',
      },
      {
        zh: '按期报送任务书规定的检查和结项材料，如实反映进度与资金使用情况，接受检查、审计和绩效评价。',
        en: 'File the reports this agreement names on time, truthfully stating progress and spending; accept checks, audits and the performance evaluation.',
      },
      {
        zh: '项目名称、进度、内容、团队或预算发生变更的，应事先在线提出变更申请，经批准后方可实施。',
        en: 'Any change of title, schedule, content, team or budget is requested online beforehand and carried out only once approved.',
      },
      {
        zh: '作品及宣传材料须注明受国家动漫扶持项目资助，并遵守国家有关内容管理规定。',
        en: 'The work and its publicity state the national animation support, and the content complies with the national rules.',
      },
    ],
    deliverables: [
      {
        zh: '按申报书完成作品的创作与制作，并在计划期内完成首播、出版或上线。',
        en: "Complete the work as described in the application and release it (broadcast, publication or online) within the plan's period.",
      },
      {
        zh: '中期检查材料：已完成的作品样片或书稿、进度说明和资金使用明细。',
        en: 'Mid-term: the finished sample or manuscript, a progress statement and the spending detail.',
      },
      {
        zh: '结项验收材料：成片或成书、播出或出版证明、资金使用决算表及审计报告。',
        en: 'Closing: the finished work, proof of release or publication, the final account of spending and an audit report.',
      },
    ],
  },
  formLayout: () => JINGPIN_FORM,
  callDefaults: { provincialStage: 'recommend', provincialQuota: 3, agreementRequired: true, reportsRequired: true },
  workflow: { provincialReview: false, blindReview: true, noticeWorkingDays: 5, annualReview: false },
  reports: JINGPIN_REPORTS,
  evaluation: JINGPIN_EVALUATION,
};

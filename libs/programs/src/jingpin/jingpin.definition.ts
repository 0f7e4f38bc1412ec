import { ProgramDefinition } from '../program-definition';
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
  formLayout: () => JINGPIN_FORM,
  workflow: { provincialReview: false, blindReview: true, noticeWorkingDays: 5, annualReview: false },
};

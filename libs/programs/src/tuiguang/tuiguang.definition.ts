import { ProgramDefinition } from '../program-definition';
import { documentKind, otherKind, standardKinds } from '../engine/attachment-kinds';
import { TuiguangPayloadDto } from './tuiguang.dto';
import { TUIGUANG_DEFAULT_REQUEST_SHARE_PERCENT, TUIGUANG_RULES } from './tuiguang.rules';
import { TUIGUANG_FORM } from './tuiguang.form';

const TRACK_NAMES: Record<string, { zh: string; en: string }> = {
  exhibition: { zh: '展会推广', en: 'Exhibitions' },
  border: { zh: '边疆推广', en: 'Border and ethnic regions' },
  campus: { zh: '校园推广', en: 'Campuses' },
  media: { zh: '媒体推广', en: 'Media' },
  overseas: { zh: '海外推广', en: 'Overseas' },
  translation: { zh: '译制补贴', en: 'Dubbing and subtitling' },
};
const TRACKS = Object.keys(TRACK_NAMES);

/** 原创动漫推广计划: reimburses a share of promotion costs, paid against proof of spending. */
export const TUIGUANG_PROGRAM: ProgramDefinition = {
  code: 'tuiguang',
  prefix: 'TG',
  name: { zh: '原创动漫推广计划', en: 'Original Animation Promotion Plan' },
  agency: { zh: '文化和旅游部', en: 'Ministry of Culture and Tourism' },
  tracks: TRACKS.map((code) => ({ code, name: TRACK_NAMES[code] })),
  payloadDto: () => TuiguangPayloadDto,
  rules: TUIGUANG_RULES,
  ruleNames: {
    'tuiguang.costs': { zh: '费用明细', en: 'Cost lines' },
    'tuiguang.request-cap': { zh: '申请金额上限', en: 'Request cap' },
    'tuiguang.activity-dates': { zh: '活动日期', en: 'Activity dates' },
  },
  rubric: [
    { key: 'plan', name: { zh: '推广方案', en: 'Promotion plan' }, weight: 30, max: 10 },
    { key: 'workQuality', name: { zh: '作品质量', en: 'Quality of the works' }, weight: 20, max: 10 },
    { key: 'reach', name: { zh: '预期效果与影响', en: 'Expected reach and impact' }, weight: 30, max: 10 },
    { key: 'budget', name: { zh: '预算合理性', en: 'Soundness of the budget' }, weight: 20, max: 10 },
  ],
  defaultAggregation: 'mean',
  attachmentKinds: [...standardKinds(TRACKS), documentKind('cost-evidence', TRACKS), otherKind()],
  award: {
    kind: 'grant',
    document: 'notice',
    titles: Object.fromEntries(
      TRACKS.map((code) => [
        code,
        {
          zh: `原创动漫推广计划·${TRACK_NAMES[code].zh}`,
          en: `Original Animation Promotion — ${TRACK_NAMES[code].en}`,
        },
      ]),
    ),
    instalments: [
      {
        instalmentNo: 1,
        percent: 100,
        milestone: 'spending-proof',
        name: { zh: '凭支出凭证拨付', en: 'Paid against proof of spending' },
      },
    ],
  },
  formLayout: () => TUIGUANG_FORM,
  callDefaults: { requestSharePercent: TUIGUANG_DEFAULT_REQUEST_SHARE_PERCENT },
  workflow: { provincialReview: false, blindReview: false, noticeWorkingDays: 5, annualReview: false },
};

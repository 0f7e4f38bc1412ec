import { ProgramDefinition } from '../program-definition';
import { TUIGUANG_EVALUATION, TUIGUANG_REPORTS } from './tuiguang.reports';
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
  // 签约 (issue 13): no program publishes the plan's length; 6 months is this portal's setting, not a published rule.
  agreement: {
    planMonths: 6,
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
        zh: '按推广方案完成推广活动（展会、播出、海外发行等）。',
        en: 'Carry out the promotion plan (fairs, broadcasts, distribution abroad).',
      },
      {
        zh: '每一支出科目的支出凭证（合同、发票、付款记录）。',
        en: 'Proof of spending for every cost line (contracts, invoices, payment records).',
      },
      {
        zh: '推广效果报告（覆盖人次、播出或发行数据）。',
        en: "A report of the promotion's reach (audience, broadcast or distribution figures).",
      },
    ],
  },
  formLayout: () => TUIGUANG_FORM,
  callDefaults: {
    requestSharePercent: TUIGUANG_DEFAULT_REQUEST_SHARE_PERCENT,
    provincialStage: 'none',
    agreementRequired: true,
    reportsRequired: true,
  },
  workflow: { provincialReview: false, blindReview: false, noticeWorkingDays: 5, annualReview: false },
  reports: TUIGUANG_REPORTS,
  evaluation: TUIGUANG_EVALUATION,
};

import { ProgramDefinition } from '../program-definition';
import { YUANDONGLI_EVALUATION, YUANDONGLI_REPORTS } from './yuandongli.reports';
import { documentKind, otherKind, standardKinds, workSampleKind } from '../engine/attachment-kinds';
import { YuandongliPayloadDto } from './yuandongli.dto';
import { YUANDONGLI_RULES, YUANDONGLI_TRACKS } from './yuandongli.rules';
import { yuandongliFormLayout } from './yuandongli.form';

const TRACK_NAMES: Record<string, { zh: string; en: string }> = {
  'comic-book': { zh: '原创漫画图书', en: 'Original comic book' },
  'periodical-serial': { zh: '期刊连载漫画', en: 'Comic serial in a periodical' },
  'web-comic': { zh: '网络漫画', en: 'Web comic' },
  'web-animation': { zh: '网络动画', en: 'Web animation' },
  'minority-translation': { zh: '漫画图书民文译制', en: 'Translation into a minority language' },
};

const NAME = {
  zh: '“原动力”中国原创动漫出版扶持计划',
  en: '“Yuandongli” Original Chinese Animation and Comics Publishing Support Plan',
};
const CLEAN_RECORD = { zh: '三年内无违规', en: 'Clean record' };

/** “原动力” 中国原创动漫出版扶持计划: grants for unpublished original works, blind expert review. */
export const YUANDONGLI_PROGRAM: ProgramDefinition = {
  code: 'yuandongli',
  prefix: 'YD',
  name: NAME,
  agency: { zh: '国家新闻出版署', en: 'National Press and Publication Administration' },
  tracks: YUANDONGLI_TRACKS.map((code) => ({ code, name: TRACK_NAMES[code] })),
  payloadDto: () => YuandongliPayloadDto,
  rules: YUANDONGLI_RULES,
  ruleNames: {
    'yuandongli.unpublished': { zh: '截止时尚未出版', en: 'Unpublished at deadline' },
    'yuandongli.periodical-publisher': { zh: '期刊出版单位', en: 'Periodical publisher' },
    'yuandongli.no-foreign-copyright': { zh: '无境外共有版权', en: 'No foreign co-ownership' },
    'yuandongli.not-funded-before': { zh: '未获资助', en: 'Not funded before' },
    'yuandongli.translation-language': { zh: '译制语种', en: 'Translation language' },
    'yuandongli.clean-record': CLEAN_RECORD,
  },
  rubric: [
    { key: 'orientation', name: { zh: '思想内容', en: 'Content and orientation' }, weight: 25, max: 10 },
    { key: 'originality', name: { zh: '原创性', en: 'Originality' }, weight: 30, max: 10 },
    { key: 'artistry', name: { zh: '艺术水准', en: 'Artistry' }, weight: 25, max: 10 },
    { key: 'publishingValue', name: { zh: '出版与市场价值', en: 'Publishing and market value' }, weight: 20, max: 10 },
  ],
  defaultAggregation: 'trimmed',
  attachmentKinds: [
    ...standardKinds(YUANDONGLI_TRACKS),
    workSampleKind(YUANDONGLI_TRACKS),
    documentKind('copyright-proof', YUANDONGLI_TRACKS),
    otherKind(),
  ],
  award: {
    kind: 'grant',
    document: 'notice',
    titles: Object.fromEntries(
      YUANDONGLI_TRACKS.map((code) => [
        code,
        {
          zh: `“原动力”扶持作品（${TRACK_NAMES[code].zh}）`,
          en: `Yuandongli supported work (${TRACK_NAMES[code].en})`,
        },
      ]),
    ),
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
  // 签约 (issue 13): no program publishes the plan's length; 12 months is this portal's setting, not a published rule.
  agreement: {
    planMonths: 12,
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
        zh: '完成扶持作品的出版（含网络出版），并取得出版许可或上线证明。',
        en: 'Publish the supported work (online included) with its publication licence or proof of release.',
      },
      {
        zh: '报送样书或作品链接，以及出版发行情况说明。',
        en: 'Send sample copies or links to the work and a statement of its publication and distribution.',
      },
      { zh: '资金使用明细表及相关票据。', en: 'The spending detail with its receipts.' },
    ],
  },
  formLayout: yuandongliFormLayout,
  flagNotes: [
    {
      kind: 'violation',
      text: {
        zh: `开始日期在近三年内的，该单位的${NAME.zh}申报不符合“${CLEAN_RECORD.zh}”。`,
        en: `Starting within the last three years, it fails “${CLEAN_RECORD.en}” for the organization's ${NAME.en} applications.`,
      },
    },
  ],
  callDefaults: { provincialStage: 'recommend', provincialQuota: 5, agreementRequired: true, reportsRequired: true },
  workflow: { provincialReview: false, blindReview: true, noticeWorkingDays: 5, annualReview: false },
  reports: YUANDONGLI_REPORTS,
  evaluation: YUANDONGLI_EVALUATION,
};

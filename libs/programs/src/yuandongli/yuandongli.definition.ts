import { ProgramDefinition } from '../program-definition';
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
  workflow: { provincialReview: false, blindReview: true, noticeWorkingDays: 5, annualReview: false },
};

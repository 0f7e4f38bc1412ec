import { ProgramDefinition } from '../program-definition';
import { documentKind, otherKind, standardKinds, workSampleKind } from '../engine/attachment-kinds';
import { DongmanjiangPayloadDto } from './dongmanjiang.dto';
import { DONGMANJIANG_RULES, OVERSEAS_TRACKS, PERSON_TRACKS, TEAM_TRACKS } from './dongmanjiang.rules';

const YUAN = 100; // fen

/** The seven categories and their places: 20 awards in all (DOMAIN.md). */
const CATEGORIES: { code: string; zh: string; en: string; places: number }[] = [
  { code: 'best-work', zh: '最佳作品', en: 'Best work', places: 12 },
  { code: 'creative-team', zh: '优秀创作团队', en: 'Creative team', places: 2 },
  { code: 'screenwriter', zh: '最佳编剧', en: 'Best screenwriter', places: 1 },
  { code: 'director', zh: '最佳导演', en: 'Best director', places: 1 },
  { code: 'character', zh: '最佳动漫形象', en: 'Best character', places: 2 },
  { code: 'intl-work', zh: '国际市场作品', en: 'International market: work', places: 1 },
  { code: 'intl-org', zh: '国际市场机构', en: 'International market: organisation', places: 1 },
];
const TRACKS = CATEGORIES.map((c) => c.code);
/** Never published: the portal's default prize per award (the officer may change the amounts per call). */
export const DONGMANJIANG_PRIZE_FEN = 100_000 * YUAN;

/**
 * 中国文化艺术政府奖动漫奖 (DOMAIN.md, "Other programs"): every three years (a triennial call series opens it), seven
 * categories and 20 awards — best works 12, creative teams 2, screenwriter 1, director 1, character 2, international
 * market work 1 and organisation 1 (`award.tiers`, one per category: the fill by ranking gives each category its
 * places). Nominees are works, teams, persons (the screenwriter and the director, named with their ID number: personal
 * data, never shown to experts) and organisations. Compliance check, expert review, then the leading group's
 * deliberation vote (`callDefaults.deliberation`: only the elected can be awarded), the 公示 with real-name written
 * objections, a certificate and the prize.
 */
export const DONGMANJIANG_PROGRAM: ProgramDefinition = {
  code: 'dongmanjiang',
  prefix: 'DMJ',
  name: { zh: '中国文化艺术政府奖动漫奖', en: 'China Government Award for Culture and Art: Animation' },
  agency: { zh: '文化和旅游部', en: 'Ministry of Culture and Tourism' },
  tracks: CATEGORIES.map((c) => ({ code: c.code, name: { zh: c.zh, en: c.en } })),
  payloadDto: () => DongmanjiangPayloadDto,
  rules: DONGMANJIANG_RULES,
  ruleNames: {
    'dongmanjiang.released-in-period': { zh: '在本届评奖期内发表', en: 'Came out within the award’s period' },
    'dongmanjiang.nominee-complete': { zh: '被提名人信息完整', en: 'The nominee is named in full' },
    'dongmanjiang.once-per-category': { zh: '同一作品每类别提名一次', en: 'One nomination per work and category' },
  },
  // never published: the portal's weights (each criterion 0–10)
  rubric: [
    { key: 'ideological', name: { zh: '思想性', en: 'Ideological merit' }, weight: 30, max: 10 },
    { key: 'artistic', name: { zh: '艺术性', en: 'Artistic merit' }, weight: 35, max: 10 },
    { key: 'innovation', name: { zh: '创新性', en: 'Innovation' }, weight: 20, max: 10 },
    { key: 'influence', name: { zh: '社会影响', en: 'Influence' }, weight: 15, max: 10 },
  ],
  defaultAggregation: 'trimmed',
  attachmentKinds: [
    ...standardKinds(TRACKS),
    workSampleKind(TRACKS.filter((t) => t !== 'intl-org')),
    documentKind(
      'nominee-credits',
      [...PERSON_TRACKS, ...TEAM_TRACKS],
      { zh: '署名证明（片头片尾字幕或版权页）', en: 'Proof of credit (titles or the copyright page)' },
      { identityBearing: true },
    ),
    documentKind('overseas-proof', OVERSEAS_TRACKS, {
      zh: '境外发行或收入证明',
      en: 'Proof of distribution or income abroad',
    }),
    otherKind(),
  ],
  award: {
    kind: 'grant',
    document: 'certificate',
    titles: Object.fromEntries(
      CATEGORIES.map((c) => [c.code, { zh: `动漫奖·${c.zh}`, en: `Animation Award: ${c.en}` }]),
    ),
    instalments: [{ instalmentNo: 1, percent: 100, milestone: 'finalize', name: { zh: '奖金', en: 'Prize' } }],
    tiers: CATEGORIES.map((c) => ({
      name: { zh: c.zh, en: c.en },
      count: c.places,
      amountFen: DONGMANJIANG_PRIZE_FEN,
      track: c.code,
    })),
  },
  callDefaults: { provincialStage: 'none', deliberation: true },
  workflow: { provincialReview: false, blindReview: false, noticeWorkingDays: 7, annualReview: false },
};

import { ProgramDefinition } from '../program-definition';
import { documentKind, otherKind, standardKinds, workSampleKind } from '../engine/attachment-kinds';
import { TuiyouPayloadDto } from './tuiyou.dto';
import { TUIYOU_RULES } from './tuiyou.rules';
import { TUIYOU_FORM } from './tuiyou.form';

const TRACKS = ['yearly', 'quarterly'];
const YUAN = 100; // fen

/**
 * 优秀国产动画片推优 (DOMAIN.md, "Other programs"): each year the broadcast and film authority puts forward the best
 * domestic animations of the past year and rewards them in tiers — by default 19 works sharing ¥3,000,000 as 3 ×
 * ¥300,000, 5 × ¥200,000 and 11 × ¥100,000 (`award.tiers`: where the officer's fill by ranking starts; the officer
 * may change them per call). Works are broadcast and known, so the review is not blind. The quarterly
 * recommendations (季度推荐) carry no money: the `quarterly` track is a list track (`award.listTracks`), its calls
 * opened each quarter by a recurring call series restricted to it (a call's `tracks`), its outcome a published list.
 */
export const TUIYOU_PROGRAM: ProgramDefinition = {
  code: 'tuiyou',
  prefix: 'TY',
  name: { zh: '优秀国产动画片推优', en: 'Outstanding Domestic Animation Awards' },
  agency: { zh: '国家广播电视总局', en: 'National Radio and Television Administration' },
  tracks: [
    { code: 'yearly', name: { zh: '年度推优', en: 'Yearly selection' } },
    { code: 'quarterly', name: { zh: '季度推荐', en: 'Quarterly recommendation' } },
  ],
  payloadDto: () => TuiyouPayloadDto,
  rules: TUIYOU_RULES,
  ruleNames: {
    'tuiyou.premiered-in-window': { zh: '上一年度以来首播', en: 'First broadcast since last year' },
    'tuiyou.once-per-work': { zh: '同一作品只推荐一次', en: 'A work is put forward once' },
  },
  // never published: the portal's weights (each criterion 0–10)
  rubric: [
    { key: 'ideological', name: { zh: '思想性', en: 'Ideological merit' }, weight: 30, max: 10 },
    { key: 'artistic', name: { zh: '艺术性', en: 'Artistic merit' }, weight: 30, max: 10 },
    { key: 'craft', name: { zh: '制作水准', en: 'Craft' }, weight: 20, max: 10 },
    { key: 'reach', name: { zh: '传播影响', en: 'Reach' }, weight: 20, max: 10 },
  ],
  defaultAggregation: 'trimmed',
  attachmentKinds: [
    ...standardKinds(TRACKS),
    documentKind(
      'broadcast-licence',
      TRACKS,
      { zh: '发行许可证', en: 'Distribution licence' },
      { identityBearing: false },
    ),
    workSampleKind(TRACKS),
    otherKind(),
  ],
  award: {
    kind: 'grant',
    document: 'notice',
    titles: {
      yearly: { zh: '优秀国产动画片', en: 'Outstanding domestic animation' },
      quarterly: { zh: '季度优秀国产动画片推荐', en: 'Quarterly recommended domestic animation' },
    },
    listTracks: ['quarterly'],
    instalments: [
      { instalmentNo: 1, percent: 100, milestone: 'finalize', name: { zh: '奖励资金', en: 'Award money' } },
    ],
    tiers: [
      { name: { zh: '一等', en: 'First tier' }, count: 3, amountFen: 300_000 * YUAN },
      { name: { zh: '二等', en: 'Second tier' }, count: 5, amountFen: 200_000 * YUAN },
      { name: { zh: '三等', en: 'Third tier' }, count: 11, amountFen: 100_000 * YUAN },
    ],
  },
  formLayout: () => TUIYOU_FORM,
  callDefaults: { provincialStage: 'none' },
  workflow: { provincialReview: false, blindReview: false, noticeWorkingDays: 5, annualReview: false },
};

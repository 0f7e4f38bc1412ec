import { ProgramDefinition } from '../program-definition';
import { documentKind, otherKind, standardKinds } from '../engine/attachment-kinds';
import { YdylPayloadDto } from './ydyl.dto';
import { YDYL_RULES } from './ydyl.rules';

const TRACKS = ['enterprise', 'project'];

/**
 * 动漫游戏产业“一带一路”国际合作重点企业和重点项目名录 (DOMAIN.md, "Other programs"): yearly, by application;
 * companies and projects of animation and games going abroad. The outcome is a published list without money: the
 * award is of kind `certification` with a `notice` document (入选通知书, no certificate number, no amount). Listed
 * entries can be recommended to the export schemes: not built yet (docs/schemes.md).
 */
export const YDYL_PROGRAM: ProgramDefinition = {
  code: 'ydyl',
  prefix: 'YL',
  name: { zh: '动漫游戏产业“一带一路”国际合作重点名录', en: 'Belt and Road Animation and Games List' },
  agency: { zh: '文化和旅游部', en: 'Ministry of Culture and Tourism' },
  tracks: [
    { code: 'enterprise', name: { zh: '重点企业', en: 'Key enterprise' } },
    { code: 'project', name: { zh: '重点项目', en: 'Key project' } },
  ],
  payloadDto: () => YdylPayloadDto,
  rules: YDYL_RULES,
  ruleNames: {
    'ydyl.abroad': { zh: '有境外合作', en: 'Cooperation abroad' },
    'ydyl.one-per-track': { zh: '每类别限报一项', en: 'One entry per track' },
  },
  // never published: the portal's weights (each criterion 0–10)
  rubric: [
    { key: 'international', name: { zh: '国际化程度', en: 'International reach' }, weight: 35, max: 10 },
    { key: 'culture', name: { zh: '文化内涵', en: 'Cultural value' }, weight: 25, max: 10 },
    { key: 'strength', name: { zh: '企业或项目实力', en: 'Strength' }, weight: 25, max: 10 },
    { key: 'plan', name: { zh: '合作计划可行性', en: 'Feasibility of the plan' }, weight: 15, max: 10 },
  ],
  defaultAggregation: 'mean',
  attachmentKinds: [
    ...standardKinds(TRACKS),
    documentKind('overseas-proof', TRACKS, {
      zh: '境外合作证明（合同、协议或收入凭证）',
      en: 'Proof of cooperation abroad (contracts, agreements or income records)',
    }),
    otherKind(),
  ],
  award: {
    kind: 'certification',
    document: 'notice',
    titles: {
      enterprise: { zh: '“一带一路”国际合作重点企业', en: 'Belt and Road key enterprise' },
      project: { zh: '“一带一路”国际合作重点项目', en: 'Belt and Road key project' },
    },
    instalments: [],
  },
  callDefaults: { provincialStage: 'none' },
  workflow: { provincialReview: false, blindReview: false, noticeWorkingDays: 5, annualReview: false },
};

import { ProgramDefinition } from '../program-definition';
import { documentKind, otherKind, standardKinds, workSampleKind } from '../engine/attachment-kinds';
import { JsXiangmukuPayloadDto } from './js-xiangmuku.dto';
import { JS_PROVINCE, JS_XIANGMUKU_RULES } from './js-xiangmuku.rules';

const TRACKS = ['project'];

/**
 * 江苏省重点动漫项目库 (DOMAIN.md, "Provincial schemes"): a provincial program of 江苏省文化和旅游厅 (`office`: its
 * officers open the calls, check, run the review and decide; the national office has no say; only organizations
 * registered in 江苏 apply). Ideas are called for each January (a yearly call series); the expert selection scores
 * the projects (the roadshow's live panel is not built: an ordinary non-blind review round); the outcome is entry
 * into the bank — a list without money (`certification` with a `notice`: 入库通知书), published on the public lists
 * page. Not built: the bank's dynamic management (in the bank, promoted, watch, removed; yearly review) and the
 * quarterly and yearly recommendations out of the bank (docs/schemes.md).
 */
export const JS_XIANGMUKU_PROGRAM: ProgramDefinition = {
  code: 'js-xiangmuku',
  prefix: 'JSX',
  name: { zh: '江苏省重点动漫项目库', en: 'Jiangsu Key Animation Project Bank' },
  agency: { zh: '江苏省文化和旅游厅', en: 'Jiangsu Department of Culture and Tourism' },
  office: { provinceCode: JS_PROVINCE },
  tracks: [{ code: 'project', name: { zh: '动漫项目', en: 'Project' } }],
  payloadDto: () => JsXiangmukuPayloadDto,
  rules: JS_XIANGMUKU_RULES,
  ruleNames: {
    'js-xiangmuku.in-province': { zh: '在江苏登记注册', en: 'Registered in Jiangsu' },
    'js-xiangmuku.rights-owned': { zh: '拥有项目著作权', en: 'Owns the project’s copyright' },
    'js-xiangmuku.per-organization': { zh: '每单位每批次不超过 3 个项目', en: 'At most 3 projects per organization' },
  },
  // never published: the portal's weights (each criterion 0–10)
  rubric: [
    { key: 'originality', name: { zh: '原创性', en: 'Originality' }, weight: 30, max: 10 },
    { key: 'market', name: { zh: '市场前景', en: 'Market prospects' }, weight: 30, max: 10 },
    { key: 'team', name: { zh: '团队实力', en: 'Team' }, weight: 20, max: 10 },
    { key: 'feasibility', name: { zh: '实施可行性', en: 'Feasibility' }, weight: 20, max: 10 },
  ],
  defaultAggregation: 'trimmed',
  attachmentKinds: [
    ...standardKinds(TRACKS),
    workSampleKind(TRACKS),
    documentKind('business-plan', TRACKS, { zh: '项目计划书', en: 'Business plan' }, { identityBearing: false }),
    otherKind(),
  ],
  award: {
    kind: 'certification',
    document: 'notice',
    titles: { project: { zh: '江苏省重点动漫项目库入库项目', en: 'Jiangsu key animation project (in the bank)' } },
    instalments: [],
  },
  callDefaults: { provincialStage: 'none' },
  workflow: { provincialReview: false, blindReview: false, noticeWorkingDays: 5, annualReview: false },
};

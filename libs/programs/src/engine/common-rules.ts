import {
  EligibilityContext,
  EligibilityRule,
  I18nText,
  OrganizationFlagFacts,
  ProgramDefinition,
  RuleResult,
} from '../program-definition';
import { toDateOnly } from './dates';
import { fail, pass } from './rule-kit';

/** The rules every program gets from the engine, in this order, before the program's own. */
export const COMMON_RULE_KEYS = ['common.declaration', 'common.required-attachments', 'common.not-excluded'] as const;

/** The names of the common rules, as the eligibility report shows them. */
export const COMMON_RULE_NAMES: Record<(typeof COMMON_RULE_KEYS)[number], I18nText> = {
  'common.declaration': { zh: '承诺书', en: 'Declaration' },
  'common.required-attachments': { zh: '必备附件', en: 'Required attachments' },
  'common.not-excluded': { zh: '未被列入失信/禁入名单', en: 'Not excluded' },
};

/** `payload.declaration === true`: the signed 承诺 (commitment that all materials are true). */
export function checkDeclaration(ctx: EligibilityContext): RuleResult {
  const key = 'common.declaration';
  const value = ctx.application.payload?.declaration;
  if (value === true) {
    return pass(
      key,
      '已勾选承诺：所填信息和所附材料真实、准确、完整',
      'The declaration is signed: all information and materials are true, accurate and complete',
    );
  }
  return fail(
    key,
    '尚未勾选承诺（declaration），须承诺所填信息和所附材料真实、准确、完整',
    'The declaration (declaration) is not signed: the applicant must declare that all information and materials are true, accurate and complete',
  );
}

/** The attachment kinds a track requires, in the program's order. */
export function requiredAttachmentKinds(def: ProgramDefinition, track: string | null) {
  return def.attachmentKinds.filter((k) => track !== null && k.required.includes(track));
}

/** Every kind the track requires has at least one uploaded attachment. */
export function checkRequiredAttachments(def: ProgramDefinition, ctx: EligibilityContext): RuleResult {
  const key = 'common.required-attachments';
  const track = ctx.application.track;
  if (def.tracks.length > 0 && !def.tracks.some((t) => t.code === track)) {
    return fail(
      key,
      '尚未选择申报类别，无法确定必需附件',
      'No track is chosen yet, so the required attachments cannot be determined',
    );
  }
  const present = new Set(ctx.application.attachmentKinds ?? []);
  const required = requiredAttachmentKinds(def, track);
  const missing = required.filter((k) => !present.has(k.kind));
  if (missing.length === 0) {
    return pass(
      key,
      required.length ? `必需附件齐全：${required.map((k) => k.name.zh).join('、')}` : '本类别无必需附件',
      required.length
        ? `All required attachments are present: ${required.map((k) => k.name.en).join(', ')}`
        : 'This track requires no attachments',
    );
  }
  return fail(
    key,
    `缺少必需附件 ${missing.length} 项：${missing.map((k) => `${k.name.zh}（${k.kind}）`).join('、')}`,
    `${missing.length} required attachment${missing.length > 1 ? 's are' : ' is'} missing: ${missing.map((k) => `${k.name.en} (${k.kind})`).join(', ')}`,
  );
}

/** A flag is active on `today` when from ≤ today ≤ until (until absent or null = open-ended). */
export function isFlagActive(flag: OrganizationFlagFacts, today: string): boolean {
  const from = toDateOnly(flag.from);
  if (from === null || from > today) return false;
  if (flag.until === null || flag.until === undefined) return true;
  const until = toDateOnly(flag.until);
  return until === null ? true : today <= until;
}

const EXCLUSION_NAMES = {
  dishonest: { zh: '严重失信主体', en: 'seriously dishonest (严重失信)' },
  barred: { zh: '禁止申报', en: 'barred from applying' },
} as const;

/** Not flagged `dishonest` or `barred` on `today`. */
export function checkNotExcluded(ctx: EligibilityContext): RuleResult {
  const key = 'common.not-excluded';
  const active = (ctx.organization.flags ?? []).filter(
    (f) => (f.kind === 'dishonest' || f.kind === 'barred') && isFlagActive(f, ctx.today),
  );
  if (active.length === 0) {
    return pass(
      key,
      `截至 ${ctx.today}，申报单位未被列为严重失信主体，也未被禁止申报`,
      `As of ${ctx.today} the organization is neither listed as seriously dishonest nor barred`,
    );
  }
  const zh = active
    .map(
      (f) =>
        `${EXCLUSION_NAMES[f.kind as 'dishonest' | 'barred'].zh}（自 ${toDateOnly(f.from)} 起${f.until ? `至 ${toDateOnly(f.until)}` : '，无截止日期'}）`,
    )
    .join('；');
  const en = active
    .map(
      (f) =>
        `${EXCLUSION_NAMES[f.kind as 'dishonest' | 'barred'].en} (from ${toDateOnly(f.from)}${f.until ? ` until ${toDateOnly(f.until)}` : ', open-ended'})`,
    )
    .join('; ');
  return fail(
    key,
    `申报单位在 ${ctx.today} 处于限制期内：${zh}，不得申报`,
    `On ${ctx.today} the organization is excluded: ${en}`,
  );
}

/** The common rules, bound to a program (the attachment rule needs its kinds). */
export function commonRules(def: ProgramDefinition): EligibilityRule[] {
  return [
    { key: 'common.declaration', check: checkDeclaration },
    { key: 'common.required-attachments', check: (ctx) => checkRequiredAttachments(def, ctx) },
    { key: 'common.not-excluded', check: checkNotExcluded },
  ];
}

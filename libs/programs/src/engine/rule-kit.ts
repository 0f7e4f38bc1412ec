import { EligibilityContext, EligibilityRule, I18nText, RuleResult } from '../program-definition';
import { formatCount, formatFen, formatShare, meetsShare } from './format';

/** Helpers for writing eligibility rules: readers that never throw, results, and the share rule. */

export function pass(rule: string, zh: string, en: string): RuleResult {
  return { rule, passed: true, detail: { zh, en } };
}

export function fail(rule: string, zh: string, en: string): RuleResult {
  return { rule, passed: false, detail: { zh, en } };
}

export function defineRule(
  key: string,
  check: (ctx: EligibilityContext) => RuleResult,
  tracks?: string[],
): EligibilityRule {
  return tracks ? { key, tracks, check } : { key, check };
}

/** Reads `a.b.c` from an object; undefined when any step is missing or not an object. */
export function read(source: unknown, path: string): unknown {
  let cur: unknown = source;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** An integer (number or bigint) as bigint, else null (missing, a fraction, a string, …). */
export function asInteger(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return null;
}

export function readInteger(source: unknown, path: string): bigint | null {
  return asInteger(read(source, path));
}

/** A non-empty (after trimming) string, else null. */
export function readText(source: unknown, path: string): string | null {
  const v = read(source, path);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export function readArray(source: unknown, path: string): unknown[] | null {
  const v = read(source, path);
  return Array.isArray(v) ? v : null;
}

/** Work titles compare without surrounding spaces, with runs of white space as one, case-insensitively. */
export function normalizeTitle(title: string): string {
  return title.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export type Quantity = 'fen' | 'people';

export function formatQuantity(value: bigint, unit: Quantity): I18nText {
  return unit === 'fen'
    ? { zh: formatFen(value), en: formatFen(value) }
    : { zh: `${formatCount(value)} 人`, en: `${formatCount(value)}` };
}

export interface ShareRuleSpec {
  key: string;
  tracks?: string[];
  percent: number;
  unit: Quantity;
  numerator: { path: string; label: I18nText };
  denominator: { path: string; label: I18nText };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * numerator ≥ percent % of denominator, compared as numerator × 100 ≥ denominator × percent on BigInt.
 * Missing values and a zero denominator fail this rule alone, with a message saying so.
 */
export function shareRule(spec: ShareRuleSpec): EligibilityRule {
  const { key, percent, unit, numerator, denominator } = spec;
  return defineRule(
    key,
    (ctx) => {
      const payload = ctx.application.payload;
      const num = readInteger(payload, numerator.path);
      const den = readInteger(payload, denominator.path);
      const missing = [num === null ? numerator : null, den === null ? denominator : null].filter(
        (x): x is typeof numerator => x !== null,
      );
      if (missing.length) {
        return fail(
          key,
          `未填写${missing.map((m) => m.label.zh).join('、')}，无法计算占比（要求不低于 ${percent}%）`,
          `${capitalize(missing.map((m) => m.label.en).join(' and '))} not filled in, so the share (at least ${percent}% required) cannot be computed`,
        );
      }
      if (den! <= 0n) {
        return fail(
          key,
          `${denominator.label.zh}为 0，无法计算${numerator.label.zh}的占比（要求不低于 ${percent}%）`,
          `${capitalize(denominator.label.en)} is 0, so the share of ${numerator.label.en} (at least ${percent}% required) cannot be computed`,
        );
      }
      const share = formatShare(num!, den!);
      const n = formatQuantity(num!, unit);
      const d = formatQuantity(den!, unit);
      const ok = meetsShare(num!, den!, percent);
      const zhHead = `${numerator.label.zh} ${n.zh} 占${denominator.label.zh} ${d.zh} 的 ${share}%`;
      const enHead = `${capitalize(numerator.label.en)} (${n.en}) is ${share}% of ${denominator.label.en} (${d.en})`;
      return ok
        ? pass(key, `${zhHead}，达到 ${percent}% 的要求`, `${enHead}, meeting the required ${percent}%`)
        : fail(key, `${zhHead}，低于 ${percent}%`, `${enHead}, below the required ${percent}%`);
    },
    spec.tracks,
  );
}

export const APPLICATION_STATUS_NAMES: Record<string, I18nText> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  returned: { zh: '退回补正', en: 'returned for correction' },
  under_review: { zh: '评审中', en: 'under review' },
  reviewed: { zh: '已评审', en: 'reviewed' },
  proposed: { zh: '拟入选', en: 'proposed' },
  awarded: { zh: '已入选', en: 'awarded' },
  not_awarded: { zh: '未通过', en: 'not awarded' },
  rejected: { zh: '不予受理', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  revoked: { zh: '已撤销', en: 'revoked' },
};

export function statusName(status: string): I18nText {
  return APPLICATION_STATUS_NAMES[status] ?? { zh: status, en: status };
}

/** Statuses that mean "entered and not withdrawn": everything except an unsent draft and a withdrawal. */
export function isEntered(status: string): boolean {
  return status !== 'draft' && status !== 'withdrawn';
}

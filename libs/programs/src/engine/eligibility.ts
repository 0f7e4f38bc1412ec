import { EligibilityContext, EligibilityRule, ProgramDefinition, RuleResult } from '../program-definition';
import { commonRules } from './common-rules';
import { fail } from './rule-kit';

/** A rule applies when it names no tracks, or names the application's track. */
export function ruleAppliesToTrack(rule: EligibilityRule, track: string | null): boolean {
  return !rule.tracks || (track !== null && rule.tracks.includes(track));
}

/** Every rule that applies to the program and track: the common ones first, then the program's own. */
export function applicableRules(def: ProgramDefinition, track: string | null): EligibilityRule[] {
  return [...commonRules(def), ...def.rules.filter((r) => ruleAppliesToTrack(r, track))];
}

/** The rule keys a track is judged by (for forms and tests). */
export function applicableRuleKeys(def: ProgramDefinition, track: string | null): string[] {
  return applicableRules(def, track).map((r) => r.key);
}

function runRule(rule: EligibilityRule, ctx: EligibilityContext): RuleResult {
  try {
    const result = rule.check(ctx);
    return { rule: rule.key, passed: result.passed === true, detail: result.detail };
  } catch {
    // A rule must never turn bad data into a 500: it fails, alone, with a message.
    return fail(
      rule.key,
      '无法判断此项：相关字段缺失或格式不正确',
      'This check could not be made: the fields it needs are missing or malformed',
    );
  }
}

/** Judges an application: one result per applicable rule, never throws. */
export function evaluateEligibility(def: ProgramDefinition, ctx: EligibilityContext): RuleResult[] {
  return applicableRules(def, ctx.application.track).map((rule) => runRule(rule, ctx));
}

export function isEligible(results: RuleResult[]): boolean {
  return results.every((r) => r.passed);
}

/**
 * Runs the program's rules named by `keys` (in that order) on a context, with the same runner as applications: the
 * 年审 checks a filing again with the program's own rules. An unknown key is skipped.
 */
export function evaluateRuleKeys(def: ProgramDefinition, keys: string[], ctx: EligibilityContext): RuleResult[] {
  return keys
    .map((k) => def.rules.find((r) => r.key === k))
    .filter((r): r is EligibilityRule => !!r)
    .map((rule) => runRule(rule, ctx));
}

import { ErrorDetail } from '@portal/platform';

export interface RubricItem {
  key: string;
  name: { zh: string; en: string };
  weight: number;
  max: number;
}

export const COMMENT_MAX_LENGTH = 20_000;

export interface ScoreCheck {
  /** Malformed values (not a finite number): 400. */
  malformed: ErrorDetail[];
  /** Rule violations (unknown criterion, outside 0…max, missing at submit): 422. */
  violations: ErrorDetail[];
}

/**
 * Checks an expert's scores against the rubric. A draft may leave criteria out; `complete` (submit) needs every
 * criterion and a written opinion. Scores are numbers from 0 to the criterion's max, inclusive.
 */
export function checkScores(
  scores: Record<string, unknown> | null | undefined,
  comment: string | null | undefined,
  rubric: RubricItem[],
  opts: { complete: boolean },
): ScoreCheck {
  const malformed: ErrorDetail[] = [];
  const violations: ErrorDetail[] = [];
  const byKey = new Map(rubric.map((c) => [c.key, c]));
  const given = scores ?? {};
  for (const [key, value] of Object.entries(given)) {
    const c = byKey.get(key);
    const path = `scores.${key}`;
    if (!c) {
      violations.push({
        path,
        message: { zh: `评分细则中没有“${key}”这一项`, en: `${key} is not a criterion of the rubric` },
      });
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      malformed.push({
        path,
        message: { zh: `“${c.name.zh}”的分数应为数字`, en: `the score for ${c.name.en} must be a number` },
      });
      continue;
    }
    if (value < 0 || value > c.max) {
      violations.push({
        path,
        message: {
          zh: `“${c.name.zh}”的分数应在 0 至 ${c.max} 之间`,
          en: `the score for ${c.name.en} must be between 0 and ${c.max}`,
        },
      });
    }
  }
  if (typeof comment === 'string' && comment.length > COMMENT_MAX_LENGTH) {
    violations.push({
      path: 'comment',
      message: {
        zh: `评审意见不能超过 ${COMMENT_MAX_LENGTH} 字`,
        en: `the opinion may have at most ${COMMENT_MAX_LENGTH} characters`,
      },
    });
  }
  if (opts.complete) {
    for (const c of rubric) {
      if (!(c.key in given))
        violations.push({
          path: `scores.${c.key}`,
          message: { zh: `请为“${c.name.zh}”打分`, en: `${c.name.en} has no score` },
        });
    }
    if (typeof comment !== 'string' || comment.trim().length === 0) {
      violations.push({ path: 'comment', message: { zh: '请填写书面评审意见', en: 'a written opinion is required' } });
    }
  }
  return { malformed, violations };
}

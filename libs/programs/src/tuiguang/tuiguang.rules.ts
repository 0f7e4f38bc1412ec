import { EligibilityRule } from '../program-definition';
import { isDateOnly } from '../engine/dates';
import { formatFen } from '../engine/format';
import { asInteger, defineRule, fail, pass, read, readArray, readInteger } from '../engine/rule-kit';

/** The share of eligible costs a request may reach when the call sets none. */
export const TUIGUANG_DEFAULT_REQUEST_SHARE_PERCENT = 50;

function costAmounts(payload: unknown): (bigint | null)[] | null {
  const costs = readArray(payload, 'costs');
  return costs ? costs.map((c) => asInteger(read(c, 'amountFen'))) : null;
}

/** At least one cost line, every amount > 0. */
const costs = defineRule('tuiguang.costs', (ctx) => {
  const key = 'tuiguang.costs';
  const amounts = costAmounts(ctx.application.payload);
  if (!amounts || amounts.length === 0)
    return fail(key, '未填写费用明细，至少需要一项', 'No cost lines are given; at least one is needed');
  const bad = amounts.map((a, i) => (a === null || a <= 0n ? i + 1 : 0)).filter((n) => n > 0);
  if (bad.length) {
    return fail(
      key,
      `第 ${bad.join('、')} 项费用的金额须大于 0`,
      `Cost line${bad.length > 1 ? 's' : ''} ${bad.join(', ')} must have an amount greater than 0`,
    );
  }
  const total = amounts.reduce<bigint>((s, a) => s + (a ?? 0n), 0n);
  return pass(
    key,
    `费用明细 ${amounts.length} 项，合计 ${formatFen(total)}`,
    `${amounts.length} cost line${amounts.length > 1 ? 's' : ''}, ${formatFen(total)} in total`,
  );
});

/** requestedFen × 100 ≤ percent × Σ costs (percent = the call's requestSharePercent, default 50). */
const requestCap = defineRule('tuiguang.request-cap', (ctx) => {
  const key = 'tuiguang.request-cap';
  const percent = BigInt(ctx.call.requestSharePercent ?? TUIGUANG_DEFAULT_REQUEST_SHARE_PERCENT);
  const requested = readInteger(ctx.application.payload, 'requestedFen');
  if (requested === null) return fail(key, '未填写申请补贴金额', 'The amount requested is not filled in');
  const total = (costAmounts(ctx.application.payload) ?? []).reduce<bigint>(
    (s, a) => s + (a !== null && a > 0n ? a : 0n),
    0n,
  );
  if (total <= 0n) {
    return fail(
      key,
      `费用合计为 0，无法计算申请上限（费用合计的 ${percent}%）`,
      `The costs add up to 0, so the cap (${percent}% of the costs) cannot be computed`,
    );
  }
  const cap = (total * percent) / 100n; // shown rounded down; the comparison below is exact
  const head = { zh: `申请金额 ${formatFen(requested)}`, en: `The request of ${formatFen(requested)}` };
  const tail = {
    zh: `费用合计 ${formatFen(total)} 的 ${percent}%（上限 ${formatFen(cap)}）`,
    en: `${percent}% of the costs of ${formatFen(total)} (cap ${formatFen(cap)})`,
  };
  return requested * 100n <= percent * total
    ? pass(key, `${head.zh} 未超过${tail.zh}`, `${head.en} is within ${tail.en}`)
    : fail(key, `${head.zh} 超过${tail.zh}`, `${head.en} exceeds ${tail.en}`);
});

/** startsOn ≤ endsOn, and endsOn in the call's year. */
const activityDates = defineRule('tuiguang.activity-dates', (ctx) => {
  const key = 'tuiguang.activity-dates';
  const startsOn = read(ctx.application.payload, 'activity.startsOn');
  const endsOn = read(ctx.application.payload, 'activity.endsOn');
  const year = ctx.call.year;
  if (!isDateOnly(startsOn) || !isDateOnly(endsOn)) {
    return fail(
      key,
      '未填写或填错活动起止日期（YYYY-MM-DD）',
      'The activity’s start and end dates are missing or malformed (YYYY-MM-DD)',
    );
  }
  if (startsOn > endsOn) {
    return fail(
      key,
      `活动开始日期 ${startsOn} 晚于结束日期 ${endsOn}`,
      `The activity starts on ${startsOn}, after it ends on ${endsOn}`,
    );
  }
  if (Number(endsOn.slice(0, 4)) !== year) {
    return fail(
      key,
      `活动结束日期 ${endsOn} 不在本批次年度 ${year} 年内`,
      `The activity ends on ${endsOn}, outside the call's year ${year}`,
    );
  }
  return pass(
    key,
    `活动自 ${startsOn} 至 ${endsOn}，在 ${year} 年内结束`,
    `The activity runs from ${startsOn} to ${endsOn} and ends within ${year}`,
  );
});

export const TUIGUANG_RULES: EligibilityRule[] = [costs, requestCap, activityDates];

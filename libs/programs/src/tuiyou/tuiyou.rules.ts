import { EligibilityRule } from '../program-definition';
import { shanghaiDate, toDateOnly } from '../engine/dates';
import { defineRule, fail, isEntered, normalizeTitle, pass, readText } from '../engine/rule-kit';

/**
 * The year's 推优 takes works first broadcast from 1 January of the year before the call's year up to the call's
 * closing day (Asia/Shanghai): a work broadcast late in a year can still be put forward the next year. This window
 * is the portal's reading; the notices name "上一年度播出的优秀国产动画片".
 */
const premieredInWindow = defineRule('tuiyou.premiered-in-window', (ctx) => {
  const key = 'tuiyou.premiered-in-window';
  const from = `${ctx.call.year - 1}-01-01`;
  const to = shanghaiDate(new Date(ctx.call.closesAt));
  const on = toDateOnly(ctx.application.payload.premieredOn);
  if (!on) return fail(key, '未填写首播日期', 'The date of the first broadcast is not filled in');
  if (on < from)
    return fail(
      key,
      `首播日期 ${on} 早于 ${from}：本年度推优只推荐 ${ctx.call.year - 1} 年以来首播的作品`,
      `First broadcast on ${on}, before ${from}: this year's call takes works first broadcast since ${ctx.call.year - 1}`,
    );
  if (on > to)
    return fail(
      key,
      `首播日期 ${on} 晚于申报截止日 ${to}：须为已播出的作品`,
      `First broadcast on ${on}, after the call closes (${to}): the work must have been broadcast`,
    );
  return pass(key, `首播日期 ${on} 在 ${from} 至 ${to} 之间`, `First broadcast on ${on}, between ${from} and ${to}`);
});

/**
 * A work is put forward once per track: not again after an entry on the same track (the yearly selection, or the
 * quarterly recommendations) that was not withdrawn. A work recommended in a quarter may still enter the year's selection.
 */
const oncePerWork = defineRule('tuiyou.once-per-work', (ctx) => {
  const key = 'tuiyou.once-per-work';
  const title = readText(ctx.application.payload, 'workTitle');
  if (!title)
    return fail(key, '未填写片名，无法核对是否重复申报', 'The title is not filled in, so repeats cannot be checked');
  const wanted = normalizeTitle(title);
  const earlier = (ctx.organizationHistory ?? []).find(
    (h) =>
      h.programCode === 'tuiyou' &&
      h.track === ctx.application.track &&
      h.applicationId !== ctx.application.id &&
      isEntered(h.status) &&
      typeof h.workTitle === 'string' &&
      normalizeTitle(h.workTitle) === wanted,
  );
  if (earlier)
    return fail(
      key,
      `《${title}》已申报过推优，同一作品只能推荐一次`,
      `"${title}" was already put forward in a 推优 call; a work is put forward once`,
    );
  return pass(key, `《${title}》未申报过推优`, `"${title}" has not been put forward before`);
});

export const TUIYOU_RULES: EligibilityRule[] = [premieredInWindow, oncePerWork];

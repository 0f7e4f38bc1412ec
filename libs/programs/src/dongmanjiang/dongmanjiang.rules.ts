import { EligibilityRule } from '../program-definition';
import { shanghaiDate, toDateOnly } from '../engine/dates';
import { defineRule, fail, isEntered, pass, readArray, readInteger } from '../engine/rule-kit';

/** The categories that name a person, a team, or an income abroad. */
export const PERSON_TRACKS = ['screenwriter', 'director'];
export const TEAM_TRACKS = ['creative-team'];
export const OVERSEAS_TRACKS = ['intl-work', 'intl-org'];
/** A creative team has at least this many members (the portal's reading: a team, not a pair). */
export const TEAM_MIN_MEMBERS = 3;

/**
 * The award is given every three years for the works of those years: first broadcast, release or publication within
 * the three years before the call's closing day (Asia/Shanghai). The period is the portal's reading of "届期内".
 */
const releasedInPeriod = defineRule('dongmanjiang.released-in-period', (ctx) => {
  const key = 'dongmanjiang.released-in-period';
  const to = shanghaiDate(new Date(ctx.call.closesAt));
  const from = `${Number(to.slice(0, 4)) - 3}${to.slice(4)}`;
  const on = toDateOnly(ctx.application.payload.releasedOn);
  if (!on)
    return fail(key, '未填写首播、上映或出版日期', 'The date of first broadcast, release or publication is missing');
  if (on < from || on > to)
    return fail(
      key,
      `作品于 ${on} 发表，不在本届评奖期（${from} 至 ${to}）内`,
      `The work came out on ${on}, outside this award's period (${from} to ${to})`,
    );
  return pass(key, `作品于 ${on} 发表，在本届评奖期内`, `The work came out on ${on}, within the award's period`);
});

/** What the category needs named: the person (screenwriter, director), the team's members, the income abroad. */
const nomineeComplete = defineRule('dongmanjiang.nominee-complete', (ctx) => {
  const key = 'dongmanjiang.nominee-complete';
  const track = ctx.application.track ?? '';
  const p = ctx.application.payload;
  if (PERSON_TRACKS.includes(track)) {
    const nominee = p.nominee as { name?: unknown; idNumber?: unknown } | undefined;
    if (!nominee || typeof nominee.name !== 'string' || !nominee.name.trim() || typeof nominee.idNumber !== 'string')
      return fail(
        key,
        '个人类别须填写被提名人姓名和身份证号码',
        'A person category needs the nominee’s name and ID number',
      );
    return pass(key, `被提名人：${nominee.name}`, `Nominee: ${nominee.name}`);
  }
  if (TEAM_TRACKS.includes(track)) {
    const members = readArray(p, 'teamMembers') ?? [];
    if (members.length < TEAM_MIN_MEMBERS)
      return fail(
        key,
        `创作团队须列出至少 ${TEAM_MIN_MEMBERS} 名成员（现 ${members.length} 名）`,
        `A creative team lists at least ${TEAM_MIN_MEMBERS} members (${members.length} now)`,
      );
    return pass(key, `团队成员 ${members.length} 名`, `${members.length} team members`);
  }
  if (OVERSEAS_TRACKS.includes(track)) {
    const income = readInteger(p, 'overseasIncomeFen') ?? 0n;
    if (income <= 0n)
      return fail(key, '国际市场类别须填写境外收入', 'An international market category needs the income abroad');
    return pass(key, '已填写境外收入', 'The income abroad is given');
  }
  return pass(key, '本类别无须另列被提名人', 'This category names no further nominee');
});

/** A work is nominated once per category and award (an organization may nominate it in several categories). */
const oncePerCategory = defineRule('dongmanjiang.once-per-category', (ctx) => {
  const key = 'dongmanjiang.once-per-category';
  const title = typeof ctx.application.payload.workTitle === 'string' ? ctx.application.payload.workTitle.trim() : '';
  const twice = (ctx.organizationHistory ?? []).some(
    (h) =>
      h.programCode === 'dongmanjiang' &&
      h.callId === ctx.call.id &&
      h.track === ctx.application.track &&
      h.applicationId !== ctx.application.id &&
      isEntered(h.status) &&
      (h.workTitle ?? '').trim() === title,
  );
  return twice
    ? fail(key, `《${title}》已在本届该类别提名`, `"${title}" is already nominated in this category`)
    : pass(key, '本届该类别首次提名', 'First nomination in this category');
});

export const DONGMANJIANG_RULES: EligibilityRule[] = [releasedInPeriod, nomineeComplete, oncePerCategory];

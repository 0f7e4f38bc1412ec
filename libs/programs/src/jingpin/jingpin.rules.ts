import { EligibilityRule, HistoryEntry } from '../program-definition';
import { defineRule, fail, isEntered, normalizeTitle, pass, readText, statusName } from '../engine/rule-kit';

export const JINGPIN_TRACK_NAMES = {
  idea: { zh: '动漫创意', en: 'idea' },
  product: { zh: '动漫产品', en: 'product' },
} as const;

function trackName(track: string | null) {
  return (
    (track && JINGPIN_TRACK_NAMES[track as keyof typeof JINGPIN_TRACK_NAMES]) || {
      zh: track ?? '未选择',
      en: track ?? 'none',
    }
  );
}

/**
 * One entry per organization, call and track. An entry is any application that was submitted and not
 * withdrawn; drafts do not count (an organization may hold several drafts, API.md), so the second
 * submission in the same call and track is the one refused.
 */
const onePerTrack = defineRule('jingpin.one-per-track', (ctx) => {
  const key = 'jingpin.one-per-track';
  const track = ctx.application.track;
  const t = trackName(track);
  const others = (ctx.organizationHistory ?? []).filter(
    (h) =>
      h.programCode === 'jingpin' &&
      h.callId === ctx.call.id &&
      h.track === track &&
      h.applicationId !== ctx.application.id &&
      isEntered(h.status),
  );
  if (others.length === 0) {
    return pass(
      key,
      `本单位在本批次“${t.zh}”类别仅此一件申报`,
      `This is the organization's only entry on the ${t.en} track of this call`,
    );
  }
  const s = statusName(others[0].status);
  return fail(
    key,
    `本单位在本批次“${t.zh}”类别已有申报（状态：${s.zh}），每个单位每批次每个类别限报一件`,
    `The organization already has an entry on the ${t.en} track of this call (status: ${s.en}); one entry per track and call is allowed`,
  );
});

/**
 * The same work (by title, ignoring case and spacing) may not be entered again in another jingpin call,
 * unless it won on the idea track and is now entered on the product track.
 */
const noRepeatWork = defineRule('jingpin.no-repeat-work', (ctx) => {
  const key = 'jingpin.no-repeat-work';
  const title = readText(ctx.application.payload, 'workTitle');
  if (!title)
    return fail(
      key,
      '未填写作品名称，无法核对是否重复申报',
      'The title of the work is not filled in, so repeats cannot be checked',
    );
  const wanted = normalizeTitle(title);
  const earlier = (ctx.organizationHistory ?? []).filter(
    (h) =>
      h.programCode === 'jingpin' &&
      h.callId !== ctx.call.id &&
      h.applicationId !== ctx.application.id &&
      isEntered(h.status) &&
      typeof h.workTitle === 'string' &&
      normalizeTitle(h.workTitle) === wanted,
  );
  const exempt = (h: HistoryEntry) =>
    ctx.application.track === 'product' && h.track === 'idea' && h.status === 'awarded';
  const blocking = earlier.filter((h) => !exempt(h));
  if (blocking.length) {
    const h = blocking[0];
    const t = trackName(h.track);
    const s = statusName(h.status);
    const onProduct = ctx.application.track === 'product';
    const noteZh = onProduct ? '（仅往届“动漫创意”类别入选作品可申报“动漫产品”类别）' : '';
    const noteEn = onProduct ? ' (only an awarded idea may return on the product track)' : '';
    return fail(
      key,
      `作品《${title}》已在往届精品工程“${t.zh}”类别申报过（状态：${s.zh}），同一作品不得重复申报${noteZh}`,
      `The work "${title}" was already entered in an earlier jingpin call on the ${t.en} track (status: ${s.en}); ` +
        `a work may not be entered twice${noteEn}`,
    );
  }
  if (earlier.length) {
    return pass(
      key,
      `作品《${title}》曾以“动漫创意”类别入选，可申报“动漫产品”类别`,
      `The work "${title}" was awarded on the idea track and may be entered on the product track`,
    );
  }
  return pass(
    key,
    `作品《${title}》未在往届精品工程中申报过`,
    `The work "${title}" has not been entered in an earlier jingpin call`,
  );
});

export const JINGPIN_RULES: EligibilityRule[] = [onePerTrack, noRepeatWork];

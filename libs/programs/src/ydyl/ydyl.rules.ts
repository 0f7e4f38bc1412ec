import { EligibilityRule } from '../program-definition';
import { defineRule, fail, isEntered, pass, readArray, readInteger } from '../engine/rule-kit';

/**
 * An entry of the list goes abroad: at least one cooperation abroad named, and for a key enterprise an income abroad
 * last year above 0 (a project may be starting out). The plan names no threshold: this is the portal's reading.
 */
const abroad = defineRule('ydyl.abroad', (ctx) => {
  const key = 'ydyl.abroad';
  const partners = readArray(ctx.application.payload, 'partners') ?? [];
  if (!partners.length)
    return fail(key, '未填写境外合作（国家或地区、合作方）', 'No cooperation abroad (country, partner) is named');
  if (ctx.application.track === 'enterprise') {
    const income = readInteger(ctx.application.payload, 'overseasIncomeFen') ?? 0n;
    if (income <= 0n)
      return fail(key, '重点企业须有上一年度境外收入', 'A key enterprise needs income abroad last year');
  }
  return pass(key, `境外合作 ${partners.length} 项`, `${partners.length} cooperation(s) abroad`);
});

/** One entry per organization, call and track (an enterprise is listed once a year, its projects one by one). */
const onePerTrack = defineRule('ydyl.one-per-track', (ctx) => {
  const key = 'ydyl.one-per-track';
  const others = (ctx.organizationHistory ?? []).filter(
    (h) =>
      h.programCode === 'ydyl' &&
      h.callId === ctx.call.id &&
      h.track === ctx.application.track &&
      h.applicationId !== ctx.application.id &&
      isEntered(h.status),
  );
  return others.length
    ? fail(key, '本单位在本批次该类别已有申报', 'The organization already has an entry on this track of the call')
    : pass(key, '本单位在本批次该类别仅此一件申报', "The organization's only entry on this track of the call");
});

export const YDYL_RULES: EligibilityRule[] = [abroad, onePerTrack];

/**
 * "Fill by ranking": a proposal of awards down the ranking, tier by tier, until the budget is spent. Pure.
 * - Candidates are taken in ranking order (unranked ones last, never awarded).
 * - Each gets the current tier while that tier has places left (`count`, absent = unlimited) and its amount fits in
 *   what is left of the budget; when it does not fit, the next (cheaper) tier is tried for the same candidate.
 * - When no tier is left, everyone below is rejected. Amounts are integer fen; nothing is rounded.
 * - A tier with a `track` (issue 15: 动漫奖's places per category) takes that track's candidates only; a tier without
 *   takes any. Each candidate gets the first tier, in order, that takes it, has a place and fits the budget.
 */
export interface FillTier {
  tier: string;
  amountFen: number;
  count?: number;
  track?: string;
}

export interface FillCandidate {
  applicationId: string;
  rank: number | null;
  track?: string | null;
}

export interface FillResult {
  applicationId: string;
  outcome: 'award' | 'reject';
  tier: string | null;
  amountFen: number;
}

export function fillByRanking(
  candidates: FillCandidate[],
  tiers: FillTier[],
  budgetFen: number,
): { items: FillResult[]; totalFen: number; remainingFen: number } {
  const ordered = [...candidates].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const used = tiers.map(() => 0);
  let remaining = budgetFen;
  const items: FillResult[] = [];
  // a full tier stays full and the budget only shrinks, so searching from the first tier for every candidate is the
  // same as walking one pointer down the tiers when no tier names a track
  const takes = (i: number, c: FillCandidate) =>
    (tiers[i].track === undefined || tiers[i].track === c.track) &&
    used[i] < (tiers[i].count ?? Infinity) &&
    tiers[i].amountFen <= remaining;
  for (const c of ordered) {
    if (c.rank === null) {
      items.push({ applicationId: c.applicationId, outcome: 'reject', tier: null, amountFen: 0 });
      continue;
    }
    const t = tiers.findIndex((_, i) => takes(i, c));
    if (t < 0) {
      items.push({ applicationId: c.applicationId, outcome: 'reject', tier: null, amountFen: 0 });
      continue;
    }
    used[t]++;
    remaining -= tiers[t].amountFen;
    items.push({
      applicationId: c.applicationId,
      outcome: 'award',
      tier: tiers[t].tier,
      amountFen: tiers[t].amountFen,
    });
  }
  return { items, totalFen: budgetFen - remaining, remainingFen: remaining };
}

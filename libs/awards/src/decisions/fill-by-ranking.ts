/**
 * "Fill by ranking": a proposal of awards down the ranking, tier by tier, until the budget is spent. Pure.
 * - Candidates are taken in ranking order (unranked ones last, never awarded).
 * - Each gets the current tier while that tier has places left (`count`, absent = unlimited) and its amount fits in
 *   what is left of the budget; when it does not fit, the next (cheaper) tier is tried for the same candidate.
 * - When no tier is left, everyone below is rejected. Amounts are integer fen; nothing is rounded.
 */
export interface FillTier {
  tier: string;
  amountFen: number;
  count?: number;
}

export interface FillCandidate {
  applicationId: string;
  rank: number | null;
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
  let t = 0;
  const items: FillResult[] = [];
  for (const c of ordered) {
    if (c.rank === null) {
      items.push({ applicationId: c.applicationId, outcome: 'reject', tier: null, amountFen: 0 });
      continue;
    }
    while (t < tiers.length && (used[t] >= (tiers[t].count ?? Infinity) || tiers[t].amountFen > remaining)) t++;
    if (t >= tiers.length) {
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

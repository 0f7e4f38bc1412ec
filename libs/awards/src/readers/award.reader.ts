import { EntityManager } from 'typeorm';

/**
 * Awards' readers of `award` for other libs (payments): named queries, and SQL fragments for reads that must stay
 * inside the caller's one statement.
 */

/** The status of the award whose id is the SQL expression `awardId` (e.g. `i.award_id`), as a scalar SQL expression. */
export function awardStatusSql(awardId: string): string {
  return `(SELECT aw.status FROM award aw WHERE aw.id = ${awardId})`;
}

export interface AwardOwner {
  organizationId: string;
  amountFen: number;
  status: string;
}

/** Who holds an award and for how much; null when there is none. `share` locks it against revocation (FOR SHARE). */
export async function findAwardOwner(m: EntityManager, awardId: string, share = false): Promise<AwardOwner | null> {
  const rows: { organization_id: string; amount_fen: string; status: string }[] = await m.query(
    `SELECT organization_id, amount_fen, status FROM award WHERE id = $1 ${share ? 'FOR SHARE' : ''}`,
    [awardId],
  );
  const r = rows[0];
  return r ? { organizationId: r.organization_id, amountFen: Number(r.amount_fen), status: r.status } : null;
}

import { EntityManager } from 'typeorm';
import { awardsRelation } from '@portal/awards';

/**
 * The end of an award's plan (YYYY-MM-DD, Asia/Shanghai): the task agreement's `plan_ends_on` (moved by approved schedule
 * changes), or — while no agreement exists — the last approved schedule change's `planEndsOn`, or the award's day plus
 * the program's `agreement.planMonths` (`planMonths`).
 * Null when neither is known. The closing report falls due on it.
 */
export async function planEndOf(m: EntityManager, awardId: string, planMonths: number | null): Promise<string | null> {
  const rows: { agreed: string | null; computed: string | null }[] = await m.query(
    `SELECT COALESCE(to_char(g.plan_ends_on, 'YYYY-MM-DD'),
                     (SELECT ch.proposed->>'planEndsOn' FROM award_change ch
                       WHERE ch.award_id = aw.id AND ch.kind = 'schedule' AND ch.status = 'approved'
                       ORDER BY ch.agreement_version DESC LIMIT 1)) AS agreed,
            to_char(((aw.created_at AT TIME ZONE 'Asia/Shanghai')::date + make_interval(months => $2::int))::date, 'YYYY-MM-DD') AS computed
       FROM ${awardsRelation('aw')} LEFT JOIN grant_agreement g ON g.award_id = aw.id
      WHERE aw.id = $1`,
    [awardId, planMonths ?? 0],
  );
  const r = rows[0];
  if (!r) return null;
  return r.agreed ?? (planMonths === null ? null : r.computed);
}

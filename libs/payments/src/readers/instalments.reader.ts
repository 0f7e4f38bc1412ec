import { EntityManager } from 'typeorm';
import { INSTALMENT_FROM, INSTALMENT_SELECT, instalmentView, InstalmentView } from '../instalments/instalment.view';

/** An award's instalments in order, as the API shows them (payments' reader for the dossier). */
export async function awardInstalments(m: EntityManager, awardId: string): Promise<InstalmentView[]> {
  const rows = await m.query(
    `SELECT ${INSTALMENT_SELECT} FROM ${INSTALMENT_FROM} WHERE i.award_id = $1 ORDER BY i.instalment_no`,
    [awardId],
  );
  return rows.map(instalmentView);
}

/**
 * The columns of `instalment` other libs may read, as a relation for the caller's FROM list under `alias` (statistics:
 * money paid by program, province and year). A plain subquery: Postgres folds it into the caller's statement.
 */
export function instalmentsRelation(alias: string): string {
  return `(SELECT id, award_id, application_id, organization_id, call_id, instalment_no, amount_fen, status, paid_at
             FROM instalment) ${alias}`;
}

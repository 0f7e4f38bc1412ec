import { EntityManager } from 'typeorm';
import { SqlRow } from '@portal/platform';
import { usersRelation } from '@portal/identity';
import { ChangeKind, ChangeStatus } from './change-status';

export interface ChangeView {
  id: string;
  awardId: string;
  kind: ChangeKind;
  reason: string;
  proposed: Record<string, unknown>;
  status: ChangeStatus;
  requestedBy: string;
  requestedByName: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** Approved: the agreement version this change made. */
  agreementVersion: number | null;
  version: number;
}

/** Columns for changeView over `award_change ch` with the users `ru` (requester) and `du` (decider), see CHANGE_JOINS. */
export const CHANGE_SELECT = `ch.id, ch.award_id, ch.kind, ch.reason, ch.proposed, ch.status, ch.requested_by, ru.name AS requested_by_name,
  ch.requested_at, ch.decided_by, du.name AS decided_by_name, ch.decided_at, ch.decision_note, ch.agreement_version, ch.version`;
export const CHANGE_JOINS = `LEFT JOIN ${usersRelation('ru')} ON ru.id = ch.requested_by LEFT JOIN ${usersRelation('du')} ON du.id = ch.decided_by`;

export function changeView(r: SqlRow): ChangeView {
  return {
    id: r.id,
    awardId: r.award_id,
    kind: r.kind,
    reason: r.reason,
    proposed: r.proposed,
    status: r.status,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name ?? null,
    requestedAt: new Date(r.requested_at).toISOString(),
    decidedBy: r.decided_by ?? null,
    decidedByName: r.decided_by_name ?? null,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note ?? null,
    agreementVersion: r.agreement_version === null ? null : Number(r.agreement_version),
    version: Number(r.version),
  };
}

/** The award's changes, oldest first; `approvedOnly` for the agreement's annex (变更记录), in version order. */
export async function changesOf(m: EntityManager, awardId: string, approvedOnly = false): Promise<ChangeView[]> {
  const rows: SqlRow[] = await m.query(
    `SELECT ${CHANGE_SELECT} FROM award_change ch ${CHANGE_JOINS}
      WHERE ch.award_id = $1 ${approvedOnly ? `AND ch.status = 'approved'` : ''}
      ORDER BY ${approvedOnly ? 'ch.agreement_version' : 'ch.requested_at, ch.seq'}`,
    [awardId],
  );
  return rows.map(changeView);
}

/** One line of an approved change for the agreement's annex. */
export function changeSummary(c: ChangeView): string {
  const p = c.proposed;
  if (c.kind === 'title') return `项目名称变更为“${String(p.title)}”`;
  if (c.kind === 'schedule') return `计划完成日期变更为 ${String(p.planEndsOn)}`;
  const lines = Array.isArray(p.lines)
    ? (p.lines as { item: string; amountFen: number; note?: string }[])
        .map((l) => `${l.item} ${(l.amountFen / 100).toFixed(2)} 元${l.note ? `（${l.note}）` : ''}`)
        .join('；')
    : '';
  return [p.text ? String(p.text) : '', lines].filter(Boolean).join('；');
}

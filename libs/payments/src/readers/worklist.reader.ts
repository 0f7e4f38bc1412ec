import { EntityManager } from 'typeorm';
import { applicationTitleJoin, callsRelation } from '@portal/applications';
import { userNameJoin } from '@portal/identity';

/**
 * Payments' part of the home pages' work lists (issue 14, item 6): named queries over `instalment` and
 * `payment_batch` for the app layer's `GET /api/me/worklist` (finance).
 */
export interface FinanceWork {
  /** Planned instalments due on or before `today`, grouped as a batch gathers them (call × instalment number). */
  due: {
    count: number;
    totalFen: number;
    items: {
      callId: string;
      callTitle: string;
      instalmentNo: number;
      count: number;
      totalFen: number;
      dueOn: string;
    }[];
  };
  /** Batches prepared and not yet approved; `preparedByMe`: this user may not approve it (maker-checker). */
  awaitingApproval: {
    count: number;
    items: {
      id: string;
      callTitle: string;
      instalmentNo: number;
      count: number;
      totalFen: number;
      preparedBy: string;
      preparedByMe: boolean;
      createdAt: string;
    }[];
  };
  /** Failed payments, the oldest failure first; `retryProposed`: a retry waits for a second user. */
  failed: {
    count: number;
    items: {
      id: string;
      awardId: string;
      applicationNumber: string | null;
      amountFen: number;
      failure: string | null;
      retryProposed: boolean;
    }[];
  };
}

export async function financeWork(
  m: EntityManager,
  userId: string,
  today: string,
  limit: number,
): Promise<FinanceWork> {
  const [due, dueTotals, batches, failed] = await Promise.all([
    m.query(
      `SELECT i.call_id AS "callId", c.title AS "callTitle", i.instalment_no AS "instalmentNo", count(*)::int AS count,
              sum(i.amount_fen)::bigint AS "totalFen", to_char(min(i.due_on), 'YYYY-MM-DD') AS "dueOn"
         FROM instalment i JOIN ${callsRelation('c')} ON c.id = i.call_id
        WHERE i.status = 'planned' AND i.due_on IS NOT NULL AND i.due_on <= $1::date
        GROUP BY i.call_id, c.title, i.instalment_no
        ORDER BY min(i.due_on), i.call_id, i.instalment_no LIMIT $2`,
      [today, limit],
    ) as Promise<
      { callId: string; callTitle: string; instalmentNo: number; count: number; totalFen: string; dueOn: string }[]
    >,
    m.query(
      `SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen FROM instalment
        WHERE status = 'planned' AND due_on IS NOT NULL AND due_on <= $1::date`,
      [today],
    ) as Promise<{ n: number; fen: string }[]>,
    m.query(
      `SELECT b.id, c.title AS "callTitle", b.instalment_no AS "instalmentNo", b.count, b.total_fen AS "totalFen",
              pu.name AS "preparedBy", b.prepared_by = $1 AS "preparedByMe", b.created_at AS "createdAt",
              count(*) OVER ()::int AS total
         FROM payment_batch b JOIN ${callsRelation('c')} ON c.id = b.call_id ${userNameJoin('pu', 'b.prepared_by')}
        WHERE b.status = 'prepared'
        ORDER BY b.created_at, b.id LIMIT $2`,
      [userId, limit],
    ) as Promise<
      {
        id: string;
        callTitle: string;
        instalmentNo: number;
        count: number;
        totalFen: string;
        preparedBy: string;
        preparedByMe: boolean;
        createdAt: Date;
        total: number;
      }[]
    >,
    m.query(
      `SELECT i.id, i.award_id AS "awardId", t.number, i.amount_fen AS "amountFen", i.failure,
              i.retry_proposed_by IS NOT NULL AS "retryProposed", count(*) OVER ()::int AS total
         FROM instalment i ${applicationTitleJoin('t', 'i.application_id')}
        WHERE i.status = 'failed'
        ORDER BY i.updated_at, i.id LIMIT $1`,
      [limit],
    ) as Promise<
      {
        id: string;
        awardId: string;
        number: string | null;
        amountFen: string;
        failure: string | null;
        retryProposed: boolean;
        total: number;
      }[]
    >,
  ]);
  return {
    due: {
      count: dueTotals[0]?.n ?? 0,
      totalFen: Number(dueTotals[0]?.fen ?? 0),
      items: due.map((r) => ({ ...r, totalFen: Number(r.totalFen) })),
    },
    awaitingApproval: {
      count: batches[0]?.total ?? 0,
      items: batches.map((r) => ({
        id: r.id,
        callTitle: r.callTitle,
        instalmentNo: r.instalmentNo,
        count: r.count,
        totalFen: Number(r.totalFen),
        preparedBy: r.preparedBy,
        preparedByMe: r.preparedByMe,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
    },
    failed: {
      count: failed[0]?.total ?? 0,
      items: failed.map((r) => ({
        id: r.id,
        awardId: r.awardId,
        applicationNumber: r.number,
        amountFen: Number(r.amountFen),
        failure: r.failure,
        retryProposed: r.retryProposed,
      })),
    },
  };
}

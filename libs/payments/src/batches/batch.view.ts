import { SqlRow } from '@portal/platform';
/** A payment batch as GET /api/payment-batches/:id shows it. */
export interface BatchView {
  id: string;
  /** prepared → approved → completed (every instalment settled: paid, failed or cancelled). */
  status: 'prepared' | 'approved' | 'completed';
  callId: string;
  instalmentNo: number;
  rail: string | null;
  preparedBy: string;
  preparedByName: string;
  approvedBy: string | null;
  approvedByName: string | null;
  count: number;
  totalFen: number;
  skipped: { instalmentId: string; reason: string }[];
  createdAt: string;
  approvedAt: string | null;
  exportedAt: string | null;
  byStatus: Record<string, { count: number; totalFen: number }>;
  /** The call's setting: retries and a bank return's failed lines need a second finance user. */
  paymentDualControl: boolean;
  /** Bank return proposals waiting for a second finance user. */
  pendingReturnProposals: number;
}

export function batchView(r: SqlRow, byStatus: { status: string; count: string; total: string }[]): BatchView {
  const by: BatchView['byStatus'] = {};
  for (const s of byStatus) by[s.status] = { count: Number(s.count), totalFen: Number(s.total) };
  const inFlight = ['batched', 'approved', 'sending'].some((s) => by[s]?.count);
  return {
    id: r.id,
    status: r.status === 'approved' && !inFlight ? 'completed' : r.status,
    callId: r.call_id,
    instalmentNo: Number(r.instalment_no),
    rail: r.rail ?? null,
    preparedBy: r.prepared_by,
    preparedByName: r.prepared_by_name,
    approvedBy: r.approved_by ?? null,
    approvedByName: r.approved_by_name ?? null,
    count: Number(r.count),
    totalFen: Number(r.total_fen),
    skipped: r.skipped ?? [],
    createdAt: new Date(r.created_at).toISOString(),
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    exportedAt: r.exported_at ? new Date(r.exported_at).toISOString() : null,
    byStatus: by,
    paymentDualControl: r.payment_dual_control === true,
    pendingReturnProposals: Number(r.pending_return_proposals ?? 0),
  };
}

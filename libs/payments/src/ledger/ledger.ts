import { EntityManager } from 'typeorm';

/** One line of the append-only payment ledger: a transition or an answer of the rail. */
export interface LedgerLine {
  instalmentId: string;
  awardId: string;
  at: Date;
  kind: string;
  from?: string | null;
  to?: string | null;
  amountFen?: number;
  actorId?: string | null;
  detail?: Record<string, unknown>;
}

/** Money kinds: what the balance of an award is made of. */
export const MONEY_KINDS = ['paid', 'recovery-opened', 'recovered'] as const;

/** Appends lines (one statement, however many). The table refuses UPDATE and DELETE. */
export async function appendLedger(m: EntityManager, lines: LedgerLine[]): Promise<void> {
  if (!lines.length) return;
  await m.query(
    `INSERT INTO payment_ledger (instalment_id, award_id, at, kind, from_status, to_status, amount_fen, actor_id, detail)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::uuid[], $9::jsonb[])`,
    [
      lines.map((l) => l.instalmentId),
      lines.map((l) => l.awardId),
      lines.map((l) => l.at.toISOString()),
      lines.map((l) => l.kind),
      lines.map((l) => l.from ?? null),
      lines.map((l) => l.to ?? null),
      lines.map((l) => String(l.amountFen ?? 0)),
      lines.map((l) => l.actorId ?? null),
      lines.map((l) => JSON.stringify(l.detail ?? {})),
    ],
  );
}

import { EntityManager } from 'typeorm';
import { appendLedger } from '../ledger/ledger';
import { findInstalmentTransition, InstalmentStatus, PaymentActor, sourcesOf } from './instalment-status';

/** Columns a transition may set together with the status. */
const SETTABLE = {
  failure: 'text',
  paid_at: 'timestamptz',
  batch_id: 'uuid',
  rail: 'text',
  rail_reference: 'text',
  sending_since: 'timestamptz',
} as const;
type Settable = keyof typeof SETTABLE;

export interface MoveInstalments {
  ids: string[];
  to: InstalmentStatus;
  actor: PaymentActor;
  actorId: string | null;
  /** Business time (the portal clock), written to the ledger. */
  at: Date;
  /** Only instalments now in one of these statuses move (default: every status the transition table allows). */
  from?: InstalmentStatus[];
  set?: Partial<Record<Settable, unknown>>;
  detail?: Record<string, unknown>;
}

export interface MovedInstalment {
  id: string;
  awardId: string;
  organizationId: string;
  instalmentNo: number;
  amountFen: number;
  from: InstalmentStatus;
}

/**
 * Moves a set of instalments to `to`, each only along an allowed transition for `actor` (others are left alone and
 * not returned), under row locks, writing one ledger line per instalment. Runs in the caller's transaction.
 */
export async function moveInstalments(m: EntityManager, o: MoveInstalments): Promise<MovedInstalment[]> {
  if (!o.ids.length) return [];
  const allowed = sourcesOf(o.to, o.actor).filter((s) => !o.from || o.from.includes(s));
  if (!allowed.length) return [];
  const locked: any[] = await m.query(
    `SELECT id, award_id, organization_id, instalment_no, amount_fen, status FROM instalment
      WHERE id = ANY($1::uuid[]) AND status = ANY($2::text[]) ORDER BY id FOR UPDATE`,
    [o.ids, allowed],
  );
  if (!locked.length) return [];
  const params: unknown[] = [locked.map((r) => r.id), o.to];
  const sets = ['status = $2', 'updated_at = now()'];
  for (const [col, value] of Object.entries(o.set ?? {})) {
    if (!(col in SETTABLE) || value === undefined) continue;
    params.push(value instanceof Date ? value.toISOString() : value);
    sets.push(`${col} = $${params.length}::${SETTABLE[col as Settable]}`);
  }
  await m.query(`UPDATE instalment SET ${sets.join(', ')} WHERE id = ANY($1::uuid[])`, params);
  const moved: MovedInstalment[] = locked.map((r) => ({
    id: r.id,
    awardId: r.award_id,
    organizationId: r.organization_id,
    instalmentNo: Number(r.instalment_no),
    amountFen: Number(r.amount_fen),
    from: r.status,
  }));
  await appendLedger(
    m,
    moved.map((r) => ({
      instalmentId: r.id,
      awardId: r.awardId,
      at: o.at,
      kind: findInstalmentTransition(r.from, o.to)!.kind,
      from: r.from,
      to: o.to,
      amountFen: r.amountFen,
      actorId: o.actorId,
      detail: o.detail,
    })),
  );
  return moved;
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClockService, Tx } from '@portal/platform';
import { InstalmentMachine } from './instalment-mover';

/** Why an instalment waits: the task agreement not yet countersigned, or an overdue report of a kind. */
export const HOLD_AGREEMENT = 'agreement';
export const holdForOverdueReport = (reportKind: string): string => `report-overdue:${reportKind}`;

export interface InstalmentHold {
  instalmentNo: number;
  status: string;
  reasons: string[];
}

/**
 * Holds on an award's instalments (issue 13). An instalment not yet batched (`planned`) goes to `held` with a reason;
 * one already held gathers the further reason; releasing a reason drops it, and an instalment whose last reason is
 * released goes back to `planned` (keeping its due day). The status changes go through the machine; the list of
 * reasons of an instalment that stays held is kept beside it here. Instalments already batched or on their way are
 * never held back: a batch is finance's commitment.
 */
@Injectable()
export class InstalmentHolds {
  constructor(
    private readonly machine: InstalmentMachine,
    private readonly clock: ClockService,
  ) {}

  /** Holds the award's instalments still to be batched; the number newly held. `instalmentNos` limits it to those. */
  async hold(
    tx: Tx,
    awardId: string,
    reason: string,
    actorId: string | null,
    instalmentNos?: number[],
  ): Promise<number> {
    const at = this.clock.now();
    const only = instalmentNos ? ` AND instalment_no = ANY($3::int[])` : '';
    const params: unknown[] = [awardId, reason, ...(instalmentNos ? [instalmentNos] : [])];
    await tx.manager.query(
      `UPDATE instalment SET hold_reasons = array_append(hold_reasons, $2::text)
        WHERE award_id = $1 AND status = 'held' AND NOT ($2::text = ANY(hold_reasons))${only}`,
      params,
    );
    const rows: { id: string }[] = await tx.manager.query(
      `SELECT id FROM instalment WHERE award_id = $1 AND status = 'planned' AND $2::text IS NOT NULL${only} ORDER BY id`,
      params,
    );
    const moved = await this.machine.move(tx, {
      items: rows.map((r) => ({ id: r.id })),
      to: 'held',
      from: ['planned'],
      actor: actorId ? 'officer' : 'system',
      actorId,
      at,
      holdReason: reason,
      detail: { reason },
    });
    return moved.length;
  }

  /** Releases `reason` on the award's held instalments; the number that went back to `planned`. */
  async release(tx: Tx, awardId: string, reason: string, actorId: string | null): Promise<number> {
    const at = this.clock.now();
    await tx.manager.query(
      `UPDATE instalment SET hold_reasons = array_remove(hold_reasons, $2::text)
        WHERE award_id = $1 AND status = 'held' AND $2::text = ANY(hold_reasons) AND cardinality(hold_reasons) > 1`,
      [awardId, reason],
    );
    const rows: { id: string }[] = await tx.manager.query(
      `SELECT id FROM instalment WHERE award_id = $1 AND status = 'held' AND hold_reasons = ARRAY[$2::text] ORDER BY id`,
      [awardId, reason],
    );
    const moved = await this.machine.move(tx, {
      items: rows.map((r) => ({ id: r.id })),
      to: 'planned',
      from: ['held'],
      actor: actorId ? 'officer' : 'system',
      actorId,
      at,
      holdReason: reason,
      detail: { reason },
    });
    return moved.length;
  }

  /** The award's instalments with their holds, in order. */
  async of(m: EntityManager, awardId: string): Promise<InstalmentHold[]> {
    const rows: { instalment_no: number; status: string; hold_reasons: string[] }[] = await m.query(
      `SELECT instalment_no, status, hold_reasons FROM instalment WHERE award_id = $1 ORDER BY instalment_no`,
      [awardId],
    );
    return rows.map((r) => ({ instalmentNo: Number(r.instalment_no), status: r.status, reasons: r.hold_reasons }));
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, ClockService, inTransaction, shanghaiDay, SqlRow, Tx } from '@portal/platform';
import { planInstalments } from '../plan/instalment-plan';
import { appendLedger } from '../ledger/ledger';
import { PaymentSettlement } from '../sending/settlement';
import { AwardForPlan, AwardInstalmentLine, AwardPayments, AwardPlanShare, findAwardOwner } from '@portal/awards';
import { InstalmentMachine } from './instalment-mover';
import { INSTALMENT_FROM, INSTALMENT_SELECT, instalmentView, InstalmentView } from './instalment.view';
import { AWARD_ERRORS } from '@portal/awards';
import { PAYMENT_ERRORS } from '../errors';

export type PlanShare = AwardPlanShare;

/** Payment plans of awards: created at finalize, made due by milestones, cancelled or recovered by revocation. */
@Injectable()
export class PaymentPlans implements AwardPayments {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly settlement: PaymentSettlement,
    private readonly machine: InstalmentMachine,
  ) {}

  /** The award's instalments (planInstalments: whole fen, the last takes the remainder); the `finalize` ones are due today. */
  async create(tx: Tx, award: AwardForPlan, shares: PlanShare[], actorId: string | null): Promise<number> {
    if (!shares.length || award.amountFen <= 0) return 0;
    const now = this.clock.now();
    const today = shanghaiDay(now);
    const plan = planInstalments(award.amountFen, shares);
    const rows: { id: string; instalment_no: number; amount_fen: string }[] = await tx.manager.query(
      `INSERT INTO instalment (award_id, application_id, organization_id, call_id, instalment_no, percent, milestone, amount_fen, due_on)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, * FROM unnest($5::int[], $6::int[], $7::text[], $8::bigint[], $9::date[])
       RETURNING id, instalment_no, amount_fen`,
      [
        award.id,
        award.applicationId,
        award.organizationId,
        award.callId,
        plan.map((p) => p.instalmentNo),
        plan.map((p) => p.percent),
        plan.map((p) => p.milestone),
        plan.map((p) => String(p.amountFen)),
        plan.map((p) => (p.milestone === 'finalize' ? today : null)),
      ],
    );
    await appendLedger(
      tx.manager,
      rows.map((r) => ({
        instalmentId: r.id,
        awardId: award.id,
        at: now,
        kind: 'planned',
        to: 'planned',
        amountFen: Number(r.amount_fen),
        actorId,
      })),
    );
    return rows.length;
  }

  /** The award's instalment plan, in order (the notice of award shows it). */
  async planOf(m: EntityManager, awardId: string): Promise<AwardInstalmentLine[]> {
    const rows: { instalment_no: number; percent: number; amount_fen: string; milestone: string }[] = await m.query(
      `SELECT instalment_no, percent, amount_fen, milestone FROM instalment WHERE award_id = $1 ORDER BY instalment_no`,
      [awardId],
    );
    return rows.map((p) => ({
      instalmentNo: Number(p.instalment_no),
      percent: Number(p.percent),
      amountFen: Number(p.amount_fen),
      milestone: p.milestone,
    }));
  }

  /** Revocation: unpaid instalments cancelled, paid ones put up for recovery (追回). */
  async revoke(
    tx: Tx,
    awardId: string,
    reason: string,
    actorId: string,
  ): Promise<{ cancelledFen: number; recoveringFen: number }> {
    const ids: { id: string }[] = await tx.manager.query(`SELECT id FROM instalment WHERE award_id = $1`, [awardId]);
    const all = ids.map((r) => r.id);
    const cancelled = await this.machine.move(tx, {
      items: all.map((id) => ({ id })),
      to: 'cancelled',
      actor: 'officer',
      actorId,
      at: this.clock.now(),
      detail: { reason },
    });
    const recoveringFen = await this.settlement.openRecovery(tx, all, reason, actorId);
    return { cancelledFen: cancelled.reduce((s, m) => s + m.amountFen, 0), recoveringFen };
  }

  /** An officer accepts the milestone of an instalment: it becomes due today. */
  async acceptMilestone(user: AuthUser, awardId: string, instalmentNo: number, note: string): Promise<InstalmentView> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (tx) => {
      const award = await findAwardOwner(tx.manager, awardId, true);
      if (!award) throw AWARD_ERRORS['AWARD.NOT_FOUND']();
      const rows: SqlRow[] = await tx.manager.query(
        `SELECT id, due_on, status, amount_fen FROM instalment WHERE award_id = $1 AND instalment_no = $2 FOR UPDATE`,
        [awardId, instalmentNo],
      );
      if (!rows.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
      if (award.status === 'revoked') throw AWARD_ERRORS['AWARD.REVOKED']({});
      const r = rows[0];
      if (r.due_on !== null || r.status !== 'planned') throw PAYMENT_ERRORS['INSTALMENT.ALREADY_DUE']();
      const today = shanghaiDay(now);
      await this.machine.move(tx, {
        items: [{ id: r.id }],
        to: 'planned',
        from: ['planned'],
        actor: 'officer',
        actorId: user.id,
        at: now,
        dueOn: today,
        reason: note,
        detail: { note, dueOn: today },
      });
      const view = await tx.manager.query(`SELECT ${INSTALMENT_SELECT} FROM ${INSTALMENT_FROM} WHERE i.id = $1`, [
        r.id,
      ]);
      return instalmentView(view[0]);
    });
  }
}

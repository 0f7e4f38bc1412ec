import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, ClockService, inTransaction, shanghaiDay, SqlRow, Tx } from '@portal/platform';
import { planInstalments } from '../plan/instalment-plan';
import { appendLedger } from '../ledger/ledger';
import { PaymentSettlement } from '../sending/settlement';
import { AwardForPlan, AwardInstalmentLine, AwardPayments, AwardPlanShare, findAwardOwner } from '@portal/awards';
import { InstalmentMachine } from './instalment-mover';
import { HOLD_AGREEMENT, InstalmentHolds } from './instalment-holds';
import { callFollowupSettings } from '@portal/applications';
import { INSTALMENT_FROM, INSTALMENT_SELECT, instalmentView, InstalmentView } from './instalment.view';
import { AWARD_ERRORS } from '@portal/awards';
import { PAYMENT_ERRORS } from '../errors';
import { staffMaySeeApplicationMoney } from '../shared/officer-scope';

export type PlanShare = AwardPlanShare;

/** Payment plans of awards: created at finalize, made due by milestones, cancelled or recovered by revocation. */
@Injectable()
export class PaymentPlans implements AwardPayments {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly settlement: PaymentSettlement,
    private readonly machine: InstalmentMachine,
    private readonly holds: InstalmentHolds,
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
    // 签约 (issue 13): on a call that requires it, nothing is batched before the agreement is countersigned
    if ((await callFollowupSettings(tx.manager, award.callId)).agreementRequired)
      await this.holds.hold(tx, award.id, HOLD_AGREEMENT, null);
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

  /** Revocation: unpaid instalments cancelled, paid ones put up for recovery (追回) of `recoveryPercent` of each. */
  async revoke(
    tx: Tx,
    awardId: string,
    reason: string,
    actorId: string,
    recoveryPercent = 100,
  ): Promise<{ cancelledFen: number; recoveringFen: number }> {
    // first: stamp the instalments on their way (see PaymentSettlement). It waits for a paid statement holding one, so
    // the recovery below (a later statement) sees that payment; a paid statement that comes after sees the stamp.
    await tx.manager.query(
      `UPDATE instalment SET award_revoked_at = $2 WHERE award_id = $1 AND status = 'sending' AND award_revoked_at IS NULL`,
      [awardId, this.clock.now()],
    );
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
    const recoveringFen = await this.settlement.openRecovery(tx, all, reason, actorId, recoveryPercent);
    return { cancelledFen: cancelled.reduce((s, m) => s + m.amountFen, 0), recoveringFen };
  }

  /** An officer accepts the milestone of an instalment: it becomes due today. 404 outside the officer's scope. */
  async acceptMilestone(user: AuthUser, awardId: string, instalmentNo: number, note: string): Promise<InstalmentView> {
    return inTransaction(this.ds, async (tx) => {
      const award = await findAwardOwner(tx.manager, awardId, true);
      if (!award || !(await staffMaySeeApplicationMoney(tx.manager, user, award.applicationId)))
        throw AWARD_ERRORS['AWARD.NOT_FOUND']();
      const id = await this.makeDue(tx, awardId, instalmentNo, user.id, note, award.status);
      const view = await tx.manager.query(`SELECT ${INSTALMENT_SELECT} FROM ${INSTALMENT_FROM} WHERE i.id = $1`, [id]);
      return instalmentView(view[0]);
    });
  }

  /**
   * The milestone of an instalment accepted in the caller's transaction (the hand route above, an accepted report of
   * issue 13): a planned instalment not yet due becomes due today. The caller has checked who may; `awardStatus` is
   * the award's (locked FOR SHARE by the caller). 404 for no such instalment, 409 for a revoked award or an instalment
   * already due or beyond planned (held, batched, paid …). The instalment's id.
   */
  async makeDue(
    tx: Tx,
    awardId: string,
    instalmentNo: number,
    actorId: string,
    note: string,
    awardStatus: string,
  ): Promise<string> {
    const now = this.clock.now();
    const rows: SqlRow[] = await tx.manager.query(
      `SELECT id, due_on, status, amount_fen FROM instalment WHERE award_id = $1 AND instalment_no = $2 FOR UPDATE`,
      [awardId, instalmentNo],
    );
    if (!rows.length) throw PAYMENT_ERRORS['INSTALMENT.NOT_FOUND']();
    if (awardStatus === 'revoked') throw AWARD_ERRORS['AWARD.REVOKED']({});
    const r = rows[0];
    if (r.due_on !== null || r.status !== 'planned') throw PAYMENT_ERRORS['INSTALMENT.ALREADY_DUE']();
    const today = shanghaiDay(now);
    await this.machine.move(tx, {
      items: [{ id: r.id }],
      to: 'planned',
      from: ['planned'],
      actor: 'officer',
      actorId,
      at: now,
      dueOn: today,
      reason: note,
      detail: { note, dueOn: today },
    });
    return r.id as string;
  }
}

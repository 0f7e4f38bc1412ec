import { EntityManager } from 'typeorm';
import { Tx } from '@portal/platform';

/**
 * What awards needs from payments (a port: payments depends on awards, not the other way round). Payments provides it
 * (`PaymentPlans`) under this token from a global module, so awards never imports payments.
 */
export const AWARD_PAYMENTS = Symbol('AWARD_PAYMENTS');

export interface AwardForPlan {
  id: string;
  applicationId: string;
  organizationId: string;
  callId: string;
  amountFen: number;
}

export interface AwardPlanShare {
  instalmentNo: number;
  percent: number;
  /** What makes it due: `finalize` (due on the day of finalize) or a milestone an officer accepts. */
  milestone: string;
}

export interface AwardInstalmentLine {
  instalmentNo: number;
  percent: number;
  amountFen: number;
  milestone: string;
}

export interface AwardPayments {
  /** The award's instalments, in the caller's transaction; how many were planned. */
  create(tx: Tx, award: AwardForPlan, shares: AwardPlanShare[], actorId: string | null): Promise<number>;
  /**
   * Revocation: unpaid instalments cancelled, paid ones put up for recovery (追回) of `recoveryPercent` of each
   * (a whole percent, default 100; a program's share on a failed evaluation).
   */
  revoke(
    tx: Tx,
    awardId: string,
    reason: string,
    actorId: string,
    recoveryPercent?: number,
  ): Promise<{ cancelledFen: number; recoveringFen: number }>;
  /** The award's instalment plan, in order (for the notice of award). */
  planOf(m: EntityManager, awardId: string): Promise<AwardInstalmentLine[]>;
}

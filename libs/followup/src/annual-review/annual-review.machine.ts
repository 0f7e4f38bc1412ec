import { Injectable } from '@nestjs/common';
import { AuditService, Tx } from '@portal/platform';
import { RuleResult } from '@portal/programs';
import { FOLLOWUP_ERRORS } from '../errors';
import { AnnualReviewActor, annualReviewTransition, AnnualReviewStatus } from './annual-review-status';

interface Actor {
  by: AnnualReviewActor;
  userId: string | null;
}

/** The new row of a 年审: a draft the enterprise starts, or `missed` written by the lapse job. */
export interface NewAnnualReview {
  awardId: string;
  organizationId: string;
  year: number;
  payload: Record<string, unknown>;
  ruleResults: RuleResult[] | null;
  exchangeDue: boolean;
}

/** What a move writes besides the status. */
export interface MoveEffects {
  ruleResults?: RuleResult[];
  note?: string | null;
}

/**
 * The one writer of `annual_review` (followup owns it): creation and every status change follow
 * ANNUAL_REVIEW_TRANSITIONS, each with its audit event in the caller's transaction; a move whose row is no longer in
 * its `from` status (a second submit or decision racing the first) changes nothing and answers 409.
 */
@Injectable()
export class AnnualReviewMachine {
  constructor(private readonly audit: AuditService) {}

  async create(tx: Tx, to: 'draft' | 'missed', row: NewAnnualReview, actor: Actor, at: Date): Promise<string | null> {
    const t = annualReviewTransition(null, to, actor.by);
    if (!t) throw new Error(`annual review: no transition to ${to} by ${actor.by}`);
    const rows: { id: string }[] = await tx.manager.query(
      `INSERT INTO annual_review (award_id, organization_id, year, status, payload, rule_results, exchange_due, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (award_id, year) DO NOTHING RETURNING id`,
      [
        row.awardId,
        row.organizationId,
        row.year,
        to,
        JSON.stringify(row.payload),
        row.ruleResults ? JSON.stringify(row.ruleResults) : null,
        row.exchangeDue,
        at,
      ],
    );
    if (!rows.length) return null; // another request created it first
    await this.audit.record(tx.manager, {
      actorId: actor.userId,
      action: `annual-review.${t.event}`,
      entityType: 'annual-review',
      entityId: rows[0].id,
      data: { awardId: row.awardId, year: row.year, exchangeDue: row.exchangeDue },
    });
    return rows[0].id;
  }

  /** A draft's figures and the rules run on them (no status change). */
  async saveDraft(
    tx: Tx,
    id: string,
    payload: Record<string, unknown>,
    ruleResults: RuleResult[],
    userId: string,
    at: Date,
  ): Promise<void> {
    const [rows]: [unknown[], number] = await tx.manager.query(
      `UPDATE annual_review SET payload = $2, rule_results = $3, updated_at = $4, version = version + 1
        WHERE id = $1 AND status = 'draft' RETURNING id`,
      [id, JSON.stringify(payload), JSON.stringify(ruleResults), at],
    );
    if (!rows.length) throw FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_DRAFT']({ status: 'submitted' });
    await this.audit.record(tx.manager, {
      actorId: userId,
      action: 'annual-review.saved',
      entityType: 'annual-review',
      entityId: id,
      data: { passed: ruleResults.filter((r) => r.passed).length, of: ruleResults.length },
    });
  }

  async move(
    tx: Tx,
    review: { id: string; status: AnnualReviewStatus },
    to: AnnualReviewStatus,
    actor: Actor,
    at: Date,
    effects: MoveEffects = {},
  ): Promise<void> {
    const t = annualReviewTransition(review.status, to, actor.by);
    if (!t) throw this.refusal(review.status, to);
    const set: string[] = ['status = $3', 'updated_at = $4', 'version = version + 1'];
    const params: unknown[] = [review.id, review.status, to, at];
    if (to === 'submitted') set.push(`submitted_at = $4, submitted_by = $${params.push(actor.userId)}`);
    if (to === 'passed' || to === 'failed') set.push(`decided_at = $4, decided_by = $${params.push(actor.userId)}`);
    if (effects.ruleResults) set.push(`rule_results = $${params.push(JSON.stringify(effects.ruleResults))}`);
    if (effects.note !== undefined) set.push(`note = $${params.push(effects.note)}`);
    const [rows]: [unknown[], number] = await tx.manager.query(
      `UPDATE annual_review SET ${set.join(', ')} WHERE id = $1 AND status = $2 RETURNING id`,
      params,
    );
    if (!rows.length) throw this.refusal(review.status, to);
    await this.audit.record(tx.manager, {
      actorId: actor.userId,
      action: `annual-review.${t.event}`,
      entityType: 'annual-review',
      entityId: review.id,
      data: { from: review.status, to, ...(effects.note ? { note: effects.note } : {}) },
    });
  }

  private refusal(from: AnnualReviewStatus, to: AnnualReviewStatus) {
    return to === 'passed' || to === 'failed'
      ? FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_SUBMITTED']({ status: from })
      : FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_DRAFT']({ status: from });
  }
}

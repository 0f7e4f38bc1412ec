import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction } from '@portal/platform';
import {
  applicationIdsInStatus,
  applicationsRelation,
  ApplicationStateMachine,
  CallsService,
  lockApplicationsInStatus,
} from '@portal/applications';
import { REVIEW_ERRORS } from '../errors';
import { RankingRow } from '../aggregation/aggregation';
import { readRanking } from './ranking.query';
import { newSeed, ReviewDrawService } from '../assignment/review-draw.service';
import { CallRow, ReviewRepository } from '../review.repository';
import { ReviewsService } from '../reviews/reviews.service';
import { nextReviewStatus } from '../reviews/review-state';
import { APPLICATION_ERRORS } from '@portal/applications';

const closedError = () => REVIEW_ERRORS['REVIEW.ROUND_CLOSED']();

/** The officer's side of a call's review round: the draw, progress, the close, and the ranking. */
@Injectable()
export class RoundService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ReviewRepository,
    private readonly draw: ReviewDrawService,
    private readonly reviews: ReviewsService,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly applicationStates: ApplicationStateMachine,
    private readonly calls: CallsService,
  ) {}

  private async call(callId: string): Promise<CallRow> {
    const call = await this.repo.findCall(callId);
    if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    return call;
  }

  /** Draws experts for every under_review application's gap; a re-run only fills gaps. One draw per call at a time. */
  async runDraw(caller: AuthUser, callId: string, seedIn?: number) {
    const seed = seedIn ?? newSeed();
    return inTransaction(this.ds, async (tx) => {
      await this.repo.lockRound(tx.manager, callId);
      const call = await this.repo.findCall(callId, tx.manager);
      if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      if (call.reviewClosedAt) throw closedError();
      const r = await this.draw.fillGaps(tx, call, caller.id, { seed, reason: 'draw' });
      return { assigned: r.assigned, shortfalls: r.shortfalls, seed };
    });
  }

  /** Counts only; no scores, before or after the close. */
  async progress(callId: string) {
    const call = await this.call(callId);
    const rows: {
      applicationId: string;
      number: string | null;
      title: string;
      status: string;
      pending: number;
      submitted: number;
      declined: number;
      expired: number;
    }[] = await this.ds.query(
      `SELECT a.id AS "applicationId", a.number, a.title, a.status,
                count(r.id) FILTER (WHERE r.status = 'pending')::int AS pending,
                count(r.id) FILTER (WHERE r.status = 'submitted')::int AS submitted,
                count(r.id) FILTER (WHERE r.status = 'declined')::int AS declined,
                count(r.id) FILTER (WHERE r.status = 'expired')::int AS expired
           FROM ${applicationsRelation('a')} LEFT JOIN review_assignment r ON r.application_id = a.id
          WHERE a.call_id = $1 AND (a.status = 'under_review' OR r.id IS NOT NULL)
          GROUP BY a.id, a.number, a.title, a.status ORDER BY a.number NULLS LAST, a.id`,
      [callId],
    );
    const sum = (k: 'pending' | 'submitted' | 'declined' | 'expired') => rows.reduce((s, r) => s + r[k], 0);
    const closed = !!call.reviewClosedAt;
    return {
      callId,
      reviewersPerApplication: call.reviewersPerApplication,
      closedAt: call.reviewClosedAt,
      total: sum('pending') + sum('submitted') + sum('declined') + sum('expired'),
      submitted: sum('submitted'),
      pending: sum('pending'),
      declined: sum('declined'),
      expired: sum('expired'),
      byApplication: rows.map((r) => ({
        applicationId: r.applicationId,
        number: r.number,
        title: r.title,
        status: r.status,
        submitted: r.submitted,
        pending: r.pending,
        declined: r.declined,
        expired: r.expired,
        missing:
          !closed && r.status === 'under_review'
            ? Math.max(0, call.reviewersPerApplication - r.pending - r.submitted)
            : 0,
      })),
    };
  }

  /**
   * Ends the round: pending reviews expire, `review_closed_at` is set, and every under_review application with at least
   * one submitted review becomes `reviewed` (through the applications' state machine: history + audit). Applications
   * without any submitted review stay `under_review` and appear unranked. 409 when nothing was submitted or when
   * already closed.
   */
  async close(caller: AuthUser, callId: string) {
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      await this.repo.lockRound(m, callId);
      const call = await this.repo.findCall(callId, m);
      if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      if (call.reviewClosedAt) throw closedError();
      const submitted = Number(
        (
          await m.query(
            `SELECT count(*)::int AS n FROM review_assignment WHERE call_id = $1 AND status = 'submitted'`,
            [callId],
          )
        )[0].n,
      );
      if (submitted === 0) throw REVIEW_ERRORS['REVIEW.NOTHING_SUBMITTED']();
      const now = this.clock.now();

      nextReviewStatus('pending', 'expire', 'officer');
      const [expiredRows] = await m.query(
        `UPDATE review_assignment SET status = 'expired', expired_at = $2, updated_at = $2, version = version + 1
          WHERE call_id = $1 AND status = 'pending' RETURNING id`,
        [callId, now],
      );
      const expiredIds = (expiredRows as { id: string }[]).map((r) => r.id);
      await this.repo.insertHistory(m, expiredIds, now, caller.id, 'pending', 'expired', 'review round closed');

      if (!(await this.calls.closeReview(m, callId, now))) throw closedError();

      // The applications with at least one submitted review, still under_review, locked by their owner's reader.
      const withSubmitted: { application_id: string }[] = await m.query(
        `SELECT DISTINCT application_id FROM review_assignment WHERE call_id = $1 AND status = 'submitted'`,
        [callId],
      );
      const apps = await lockApplicationsInStatus(
        m,
        callId,
        withSubmitted.map((r) => r.application_id),
        'under_review',
      );
      for (const a of apps) {
        await this.applicationStates.transition(
          tx,
          a,
          'reviewed',
          { kind: 'officer', userId: caller.id },
          { comment: 'expert review closed / 专家评审结束' },
        );
      }
      const unreviewed = (await applicationIdsInStatus(m, callId, 'under_review')).map((id) => ({ id }));
      await this.audit.record(m, {
        actorId: caller.id,
        action: 'review.round-closed',
        entityType: 'call',
        entityId: callId,
        data: {
          submitted,
          expired: expiredIds.length,
          reviewed: apps.map((a) => a.id),
          unreviewed: unreviewed.map((a) => a.id),
        },
      });
      return {
        callId,
        closedAt: now,
        submitted,
        expired: expiredIds.length,
        reviewed: apps.length,
        unreviewed: unreviewed.map((a) => a.id),
      };
    });
  }

  /** The ranking by the call's aggregation (plain array); 409 before review-close. */
  async ranking(callId: string): Promise<RankingRow[]> {
    const call = await this.call(callId);
    if (!call.reviewClosedAt) throw REVIEW_ERRORS['REVIEW.ROUND_OPEN']();
    return readRanking(this.ds, call, this.reviews.rubricOf(call.programCode));
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, PortalConfig } from '@portal/platform';
import {
  applicationIdsInStatus,
  applicationsRelation,
  ApplicationStateMachine,
  CallsService,
  lockApplicationsInStatus,
} from '@portal/applications';
import { REVIEW_ERRORS } from '../errors';
import { officeProvince, ProgramRegistry } from '@portal/programs';
import { readRanking, RankingRowWithProvince } from './ranking.query';
import { newSeed, ReviewDrawService } from '../assignment/review-draw.service';
import { CallRow, ReviewRepository, RoundProvince } from '../review.repository';
import { ReviewsService } from '../reviews/reviews.service';
import { nextReviewStatus } from '../reviews/review-state';
import { APPLICATION_ERRORS } from '@portal/applications';
import { organizationsRelation } from '@portal/identity';
import {
  applicationIdsInScope,
  assertProvincialRound,
  assertRunsRound,
  assertSeesRound,
  reviewScopeJoin,
  reviewScopeSql,
} from './officer-scope';

const closedError = () => REVIEW_ERRORS['REVIEW.ROUND_CLOSED']();

/**
 * The officer's side of a call's review round: the draw, progress, the close, and the ranking. Each method takes the
 * round: null for the national round (the national office), a province's code for that province's expert round on a
 * `recommend` call (issue 12: its officers only, over its provincial_passed applications, its experts). The rounds
 * never mix: each reads and writes only its own assignments (review_assignment.round_province).
 */
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
    private readonly config: PortalConfig,
    private readonly programs: ProgramRegistry,
  ) {}

  /**
   * Whether the draw takes a seed from the request: only on a staging portal (PORTAL_TEST_CLOCK=1). The progress view
   * says so, so the officer's draw form shows its seed field only where a seed is accepted.
   */
  private get seedAllowed(): boolean {
    return this.config.PORTAL_TEST_CLOCK;
  }

  private async call(callId: string): Promise<CallRow> {
    const call = await this.repo.findCall(callId);
    if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
    return call;
  }

  /**
   * Draws experts for every under_review application's gap; a re-run only fills gaps. One draw per call at a time.
   * The seed is crypto-random, drawn here and recorded (on every assignment, in the audit event, in the answer); a
   * seed in the request is honoured only on a staging portal (PORTAL_TEST_CLOCK=1), else 400: a chosen seed would
   * let an officer steer experts to applications. The first draw that assigns anyone freezes the call's review
   * settings (CallsService.update answers 409 from then on).
   */
  async runDraw(caller: AuthUser, callId: string, seedIn?: number, province: RoundProvince = null) {
    if (seedIn !== undefined && !this.seedAllowed) throw REVIEW_ERRORS['REVIEW.SEED_NOT_ALLOWED']();
    const seed = seedIn ?? newSeed();
    return inTransaction(this.ds, async (tx) => {
      await this.repo.lockRound(tx.manager, callId);
      await this.calls.lockForDraw(tx.manager, callId); // the settings read below stay true until this draw commits
      const call = await this.repo.findCall(callId, tx.manager);
      if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      await this.assertRunsOpenRound(tx.manager, caller, call, province);
      const now = this.clock.now();
      if (province !== null) {
        // the province draws while its stage is open; what it forwards after that is the national office's
        if (call.provincialClosesAt && now.getTime() >= call.provincialClosesAt.getTime())
          throw APPLICATION_ERRORS['PROVINCIAL.CLOSED']({ provincialClosesAt: call.provincialClosesAt });
      } else if (
        call.provincialStage !== 'none' &&
        call.provincialClosesAt &&
        now.getTime() < call.provincialClosesAt.getTime()
      ) {
        // the national review comes after the provinces, over what they forwarded
        throw REVIEW_ERRORS['REVIEW.PROVINCES_OPEN']({ provincialClosesAt: call.provincialClosesAt });
      }
      const r = await this.draw.fillGaps(tx, call, caller.id, { seed, reason: 'draw', province });
      if (r.assigned > 0) await this.calls.markReviewDrawn(tx.manager, callId, this.clock.now());
      return { assigned: r.assigned, shortfalls: r.shortfalls, seed };
    });
  }

  /** The caller runs this round (national: the national office; a province's: its officers) and it is still open. */
  private async assertRunsOpenRound(m: EntityManager, caller: AuthUser, call: CallRow, province: RoundProvince) {
    if (province === null) assertRunsRound(caller, call, officeProvince(this.programs.get(call.programCode)));
    else assertProvincialRound(caller, call, province);
    if (await this.repo.roundClosedAt(m, call, province)) throw closedError();
  }

  /**
   * Counts only; no scores, before or after the close. The national round: an officer of a province sees its
   * applications only (issue 12). A province's round: its applications waiting for (or with) reviewers of that round.
   */
  async progress(caller: AuthUser, callId: string, province: RoundProvince = null) {
    const call = await this.call(callId);
    if (province === null) assertSeesRound(caller, call);
    else assertProvincialRound(caller, call, province);
    const closedAt = await this.repo.roundClosedAt(this.ds.manager, call, province);
    const params: unknown[] = [callId, province];
    const scope =
      province === null
        ? `${reviewScopeSql(caller, params)} AND (a.status = 'under_review' OR r.id IS NOT NULL)`
        : `so.province_code = $2 AND (a.status = 'provincial_passed' OR r.id IS NOT NULL)`;
    const waiting = province === null ? 'under_review' : 'provincial_passed';
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
           FROM ${applicationsRelation('a')} ${reviewScopeJoin('a.id')}
           LEFT JOIN review_assignment r ON r.application_id = a.id AND r.round_province IS NOT DISTINCT FROM $2::text
          WHERE a.call_id = $1 AND ${scope}
          GROUP BY a.id, a.number, a.title, a.status ORDER BY a.number NULLS LAST, a.id`,
      params,
    );
    const sum = (k: 'pending' | 'submitted' | 'declined' | 'expired') => rows.reduce((s, r) => s + r[k], 0);
    const closed = !!closedAt;
    return {
      callId,
      reviewersPerApplication: call.reviewersPerApplication,
      closedAt,
      total: sum('pending') + sum('submitted') + sum('declined') + sum('expired'),
      submitted: sum('submitted'),
      pending: sum('pending'),
      declined: sum('declined'),
      expired: sum('expired'),
      seedAllowed: this.seedAllowed,
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
          !closed && r.status === waiting ? Math.max(0, call.reviewersPerApplication - r.pending - r.submitted) : 0,
      })),
    };
  }

  /**
   * Ends the round: pending reviews expire, `review_closed_at` is set, and every under_review application with at least
   * one submitted review becomes `reviewed` (through the applications' state machine: history + audit). Applications
   * without any submitted review stay `under_review` and appear unranked. 409 when nothing was submitted or when
   * already closed.
   */
  async close(caller: AuthUser, callId: string, province: RoundProvince = null) {
    return inTransaction(this.ds, async (tx) => {
      const m = tx.manager;
      await this.repo.lockRound(m, callId);
      const call = await this.repo.findCall(callId, m);
      if (!call) throw APPLICATION_ERRORS['CALL.NOT_FOUND']();
      await this.assertRunsOpenRound(m, caller, call, province);
      const submitted = Number(
        (
          await m.query(
            `SELECT count(*)::int AS n FROM review_assignment
              WHERE call_id = $1 AND status = 'submitted' AND round_province IS NOT DISTINCT FROM $2::text`,
            [callId, province],
          )
        )[0].n,
      );
      if (submitted === 0) throw REVIEW_ERRORS['REVIEW.NOTHING_SUBMITTED']();
      const now = this.clock.now();

      nextReviewStatus('pending', 'expire', 'officer');
      const [expiredRows] = await m.query(
        `UPDATE review_assignment SET status = 'expired', expired_at = $2, updated_at = $2, version = version + 1
          WHERE call_id = $1 AND status = 'pending' AND round_province IS NOT DISTINCT FROM $3::text RETURNING id`,
        [callId, now, province],
      );
      const expiredIds = (expiredRows as { id: string }[]).map((r) => r.id);
      await this.repo.insertHistory(m, expiredIds, now, caller.id, 'pending', 'expired', 'review round closed');
      if (province !== null) return this.closeProvincial(m, caller, callId, province, now, submitted, expiredIds);

      if (!(await this.calls.closeReview(m, callId, now))) throw closedError();

      // The applications with at least one submitted review, still under_review, locked by their owner's reader.
      const withSubmitted: { application_id: string }[] = await m.query(
        `SELECT DISTINCT application_id FROM review_assignment
          WHERE call_id = $1 AND status = 'submitted' AND round_province IS NULL`,
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

  /**
   * A province's round ends: its pending reviews expired (above), the close recorded; its applications stay
   * provincial_passed — the ranking orders the province's recommendation (POST /api/calls/:callId/recommendations).
   */
  private async closeProvincial(
    m: EntityManager,
    caller: AuthUser,
    callId: string,
    province: string,
    now: Date,
    submitted: number,
    expiredIds: string[],
  ) {
    if (!(await this.repo.closeProvincialRound(m, callId, province, now, caller.id))) throw closedError();
    const rows: { id: string; reviewed: boolean }[] = await m.query(
      `SELECT a.id, EXISTS (SELECT 1 FROM review_assignment r WHERE r.application_id = a.id AND r.round_province = $2
                             AND r.status = 'submitted') AS reviewed
         FROM ${applicationsRelation('a')} JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
        WHERE a.call_id = $1 AND o.province_code = $2 AND a.status = 'provincial_passed'`,
      [callId, province],
    );
    const reviewed = rows.filter((r) => r.reviewed).length;
    const unreviewed = rows.filter((r) => !r.reviewed).map((r) => r.id);
    await this.audit.record(m, {
      actorId: caller.id,
      action: 'review.provincial-round-closed',
      entityType: 'call',
      entityId: callId,
      data: { provinceCode: province, submitted, expired: expiredIds.length, unreviewed },
    });
    return { callId, closedAt: now, submitted, expired: expiredIds.length, reviewed, unreviewed };
  }

  /**
   * The ranking by the call's aggregation (plain array); 409 before the round's close. The national round ranks the
   * national reviews only; a province's round ranks its applications by its own experts' scores.
   */
  async ranking(caller: AuthUser, callId: string, province: RoundProvince = null): Promise<RankingRowWithProvince[]> {
    const call = await this.call(callId);
    if (province !== null) {
      assertProvincialRound(caller, call, province);
      if (!(await this.repo.provincialRoundClosedAt(this.ds.manager, callId, province)))
        throw REVIEW_ERRORS['REVIEW.ROUND_OPEN']();
      return readRanking(this.ds, call, this.reviews.rubricOf(call.programCode), province);
    }
    assertSeesRound(caller, call);
    if (!call.reviewClosedAt) throw REVIEW_ERRORS['REVIEW.ROUND_OPEN']();
    const rows = await readRanking(this.ds, call, this.reviews.rubricOf(call.programCode));
    // an officer of a province sees its applications' places in the national ranking (issue 12)
    const mine = await applicationIdsInScope(this.ds.manager, caller, callId);
    return mine ? rows.filter((r) => mine.has(r.applicationId)) : rows;
  }
}

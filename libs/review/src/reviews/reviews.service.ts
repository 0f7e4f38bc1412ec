import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, AuthUser, ClockService, inTransaction, officerScope, Page, page, Tx } from '@portal/platform';
import { REVIEW_ERRORS } from '../errors';
import { isIdentityBearing, ProgramRegistry } from '@portal/programs';
import { applicationsRelation, callsRelation } from '@portal/applications';
import { organizationsRelation, userContact, usersRelation } from '@portal/identity';
import {
  anonymiseApplication,
  anonymiseTitle,
  IdentityFacts,
  maskPersonalNumbers,
  withoutPersonalNumbers,
} from '../blind/anonymise';
import { newSeed, ReviewDrawService } from '../assignment/review-draw.service';
import { ReminderScheduler } from '../reminders/reminder.scheduler';
import { ApplicationIdentityRow, CallRow, ReviewRepository, ReviewRow, roundClosedSql } from '../review.repository';
import { DeclineReviewDto, ReviewListQuery, SaveReviewDto, SubmitReviewDto } from './review.dto';
import { assignmentGivesAccess, nextReviewStatus, ReviewAction, ReviewActor, ReviewStatus } from './review-state';
import { checkScores, RubricItem } from './score-rules';
import { officerSeesApplication, reviewScopeJoin, reviewScopeSql } from '../round/officer-scope';

/** A row of the review list's statement. */
interface ReviewListRow {
  id: string;
  applicationId: string;
  status: ReviewStatus;
  dueAt: Date;
  callId: string;
  callTitle: string;
  blind: boolean;
  applicationNumber: string | null;
  applicationTitle: string;
  payload: Record<string, unknown> | null;
  programCode: string;
  track: string | null;
  submittedAt: Date | null;
  declineReason: string | null;
  expertId: string;
  expertName: string;
  roundClosed: boolean;
}

const isOfficer = (u: AuthUser) => u.roles.includes('officer');
const isExpert = (u: AuthUser) => u.roles.includes('expert');

export function identityFacts(row: ApplicationIdentityRow | undefined): IdentityFacts {
  if (!row) return { organizationName: '', creditCode: '', personNames: [] };
  return {
    organizationName: row.organizationName,
    creditCode: row.creditCode,
    personNames: [row.legalRepresentative, ...row.memberNames],
    otherTerms: [row.address, ...row.memberContacts],
  };
}

/** A review as GET /api/reviews/:id returns it (see the module README in the report). */
export interface ReviewView {
  id: string;
  callId: string;
  applicationId: string;
  status: ReviewStatus;
  dueAt: Date;
  declineReason: string | null;
  declineDetail: string | null;
  declinedAt: Date | null;
  draftSavedAt: Date | null;
  submittedAt: Date | null;
  version: number;
  /** Whether `scores` and `comment` are shown to this caller (the expert: always; an officer: after review-close). */
  scoresVisible: boolean;
  scores: Record<string, number> | null;
  comment: string | null;
  expert?: { id: string; name: string; email: string };
  call: {
    id: string;
    title: string;
    programCode: string;
    year: number;
    blindReview: boolean;
    reviewClosed: boolean;
    rubric: RubricItem[];
  };
  /** Null for an expert whose assignment no longer gives access (declined, expired, or the round closed). */
  application: Record<string, unknown> | null;
}

/**
 * The expert's side of the round (their invitations, drafts, submit, decline) and the officer's read access.
 * Ownership: an expert sees only their own reviews; another expert's review is 404, like an unknown id.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ReviewRepository,
    private readonly programs: ProgramRegistry,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly draw: ReviewDrawService,
    private readonly reminders: ReminderScheduler,
  ) {}

  rubricOf(programCode: string): RubricItem[] {
    const def = this.programs.get(programCode);
    if (!def) throw new Error(`program ${programCode} is not registered`);
    return def.rubric.map((c) => ({ key: c.key, name: { ...c.name }, weight: c.weight, max: c.max }));
  }

  /** Expert: own reviews. Officer: every review, `?callId=` to narrow. Never scores. */
  async list(caller: AuthUser, q: ReviewListQuery): Promise<Page<Record<string, unknown>>> {
    const officer = isOfficer(caller);
    const params: unknown[] = [];
    const where: string[] = [];
    if (!officer) {
      params.push(caller.id);
      where.push(`r.expert_id = $${params.length}`);
    } else {
      // issue 12: an officer lists the reviews of the applications in their scope only
      const scope = reviewScopeSql(caller, params);
      if (scope !== 'TRUE') where.push(scope);
      // a province's expert round is that province's: the national office sees the national round's reviews only
      if (!officerScope(caller).provinceCode) where.push('r.round_province IS NULL');
    }
    if (q.callId) {
      params.push(q.callId);
      where.push(`r.call_id = $${params.length}`);
    }
    if (q.status) {
      params.push(q.status);
      where.push(`r.status = $${params.length}`);
    }
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(
      (
        await this.ds.query(
          `SELECT count(*)::int AS n FROM review_assignment r ${reviewScopeJoin('r.application_id')} ${cond}`,
          params,
        )
      )[0].n,
    );
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows: ReviewListRow[] = await this.ds.query(
      `SELECT r.id, r.application_id AS "applicationId", r.status, r.due_at AS "dueAt", r.call_id AS "callId",
              c.title AS "callTitle", c.blind_review AS "blind", a.number AS "applicationNumber",
              a.title AS "applicationTitle", a.payload, a.program_code AS "programCode", a.track, r.submitted_at AS "submittedAt",
              r.decline_reason AS "declineReason", r.expert_id AS "expertId", u.name AS "expertName",
              ${roundClosedSql('r', 'c')} AS "roundClosed"
         FROM review_assignment r JOIN ${callsRelation('c')} ON c.id = r.call_id
         JOIN ${applicationsRelation('a')} ON a.id = r.application_id JOIN ${usersRelation('u')} ON u.id = r.expert_id
         ${reviewScopeJoin('r.application_id')}
         ${cond}
        ORDER BY r.due_at, a.number NULLS LAST, r.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const blindIds = officer
      ? []
      : rows.filter((r) => r.blind && assignmentGivesAccess(r.status, r.roundClosed)).map((r) => r.applicationId);
    const ids = await this.repo.identities([...new Set(blindIds)]);
    const items = rows.map((r) => {
      const item: Record<string, unknown> = {
        id: r.id,
        applicationId: r.applicationId,
        status: r.status,
        dueAt: r.dueAt,
        callId: r.callId,
        callTitle: r.callTitle,
        applicationNumber: r.applicationNumber,
        // an expert whose assignment is no longer live (declined, expired, the round closed) keeps the row, not the title
        applicationTitle: officer
          ? r.applicationTitle
          : !assignmentGivesAccess(r.status, r.roundClosed)
            ? null
            : r.blind
              ? anonymiseTitle(r.applicationTitle, identityFacts(ids.get(r.applicationId)), r.payload)
              : maskPersonalNumbers(r.applicationTitle),
        programCode: r.programCode,
        track: r.track,
        submittedAt: r.submittedAt,
        declineReason: r.declineReason,
      };
      if (officer) item.expert = { id: r.expertId, name: r.expertName };
      return item;
    });
    return page(items, total, q);
  }

  /** Loads a review the caller may see: its expert, or an officer. Everyone else: 404. */
  private async visible(
    caller: AuthUser,
    id: string,
    m?: EntityManager,
    forUpdate = false,
  ): Promise<{ review: ReviewRow; asExpert: boolean }> {
    const review = await this.repo.findReview(id, m, forUpdate);
    if (!review) throw REVIEW_ERRORS['REVIEW.NOT_FOUND']();
    if (review.expertId === caller.id && isExpert(caller)) return { review, asExpert: true };
    if (
      isOfficer(caller) &&
      (review.roundProvince === null || officerScope(caller).provinceCode === review.roundProvince) &&
      (await officerSeesApplication(m ?? this.ds.manager, caller, review.applicationId))
    )
      return { review, asExpert: false };
    throw REVIEW_ERRORS['REVIEW.NOT_FOUND']();
  }

  /** Loads the caller's own review (the expert acting on it); anyone else: 404. */
  private async own(caller: AuthUser, id: string, m: EntityManager): Promise<ReviewRow> {
    const review = await this.repo.findReview(id, m, true);
    if (!review || review.expertId !== caller.id) throw REVIEW_ERRORS['REVIEW.NOT_FOUND']();
    return review;
  }

  async get(caller: AuthUser, id: string): Promise<ReviewView> {
    const { review, asExpert } = await this.visible(caller, id);
    const call = (await this.repo.findCall(review.callId))!;
    const closed = !!(await this.repo.roundClosedAt(this.ds.manager, call, review.roundProvince));
    const scoresVisible = asExpert || closed;
    // the expert keeps their own review record; the application only while the assignment is live (the one rule)
    const application =
      asExpert && !assignmentGivesAccess(review.status, closed)
        ? null
        : await this.applicationFor(review, call, asExpert);
    const view: ReviewView = {
      id: review.id,
      callId: review.callId,
      applicationId: review.applicationId,
      status: review.status,
      dueAt: review.dueAt,
      declineReason: review.declineReason,
      declineDetail: review.declineDetail,
      declinedAt: review.declinedAt,
      draftSavedAt: review.draftSavedAt,
      submittedAt: review.submittedAt,
      version: review.version,
      scoresVisible,
      scores: scoresVisible ? (review.scores ?? null) : null,
      comment: scoresVisible ? (review.comment ?? null) : null,
      call: {
        id: call.id,
        title: call.title,
        programCode: call.programCode,
        year: call.year,
        blindReview: call.blindReview,
        reviewClosed: closed,
        rubric: this.rubricOf(call.programCode),
      },
      application,
    };
    if (!asExpert) {
      view.expert = (await userContact(this.ds.manager, review.expertId)) ?? undefined;
    }
    return view;
  }

  /**
   * The application inside a review view. Officer: everything, with the organization. Expert of a blind call: the
   * anonymised view without identity-bearing files. Expert of an open call: the organization is known, but no
   * person's ID number or phone.
   */
  private async applicationFor(review: ReviewRow, call: CallRow, asExpert: boolean): Promise<Record<string, unknown>> {
    const app = await this.repo.application(review.applicationId);
    const [attachments, history] = await Promise.all([
      this.repo.attachments(review.applicationId),
      this.repo.applicationHistory(review.applicationId),
    ]);
    const blind = asExpert && call.blindReview;
    const def = this.programs.get(app.programCode);
    const base = {
      id: app.id,
      number: app.number,
      title: app.title,
      programCode: app.programCode,
      track: app.track,
      status: app.status,
      payload: app.payload ?? {},
      attachments: blind ? attachments.filter((a) => !isIdentityBearing(def, a.kind)) : attachments,
      history: history.map((h) => ({ at: h.at, actor: h.actor, from: h.from, to: h.to, comment: h.comment })),
    };
    let application: Record<string, unknown>;
    if (blind) {
      const ids = await this.repo.identities([review.applicationId]);
      application = { ...anonymiseApplication(base, identityFacts(ids.get(review.applicationId))) };
    } else {
      application = {
        ...base,
        blind: false,
        firstSubmittedAt: app.firstSubmittedAt,
        organization: {
          id: app.organizationId,
          name: app.organizationName,
          creditCode: app.creditCode,
          regionCode: app.regionCode,
          provinceCode: app.provinceCode,
        },
      };
      if (asExpert) {
        application.title = maskPersonalNumbers(app.title);
        application.payload = withoutPersonalNumbers(base.payload);
        application.attachments = base.attachments.map((a) => ({ ...a, fileName: maskPersonalNumbers(a.fileName) }));
        application.history = base.history.map((h) => ({
          ...h,
          comment: h.comment == null ? null : maskPersonalNumbers(h.comment),
        }));
      }
    }
    for (const a of application.attachments as { id: string; url?: string }[])
      a.url = `/api/applications/${review.applicationId}/attachments/${a.id}`;
    return application;
  }

  /** The expert's own saved drafts, oldest first. */
  async versions(caller: AuthUser, id: string) {
    const review = await this.repo.findReview(id);
    if (!review || review.expertId !== caller.id) throw REVIEW_ERRORS['REVIEW.NOT_FOUND']();
    const rows: { n: number; savedAt: Date; scores: Record<string, number>; comment: string | null }[] =
      await this.ds.query(
        `SELECT n, saved_at AS "savedAt", scores, comment FROM review_version WHERE review_id = $1 ORDER BY n`,
        [id],
      );
    return rows;
  }

  /** Applies one transition of the state machine: status, history row and audit event, in the caller's transaction. */
  private async transition(
    tx: Tx,
    review: ReviewRow,
    action: ReviewAction,
    actor: { id: string | null; as: ReviewActor },
    set: Record<string, unknown>,
    auditData: Record<string, unknown> = {},
    comment: string | null = null,
  ): Promise<ReviewRow> {
    const to = nextReviewStatus(review.status, action, actor.as);
    const now = this.clock.now();
    const cols = Object.keys(set);
    const assignments = cols.map((c, i) => `${c} = $${i + 4}`);
    const res = await tx.manager.query(
      `UPDATE review_assignment SET status = $2, version = version + 1, updated_at = $3${assignments.length ? ', ' + assignments.join(', ') : ''}
        WHERE id = $1 RETURNING id`,
      [review.id, to, now, ...cols.map((c) => set[c])],
    );
    if (!res[0]?.length) throw REVIEW_ERRORS['REVIEW.NOT_FOUND']();
    if (to !== review.status)
      await this.repo.insertHistory(tx.manager, [review.id], now, actor.id, review.status, to, comment);
    await this.audit.record(tx.manager, {
      actorId: actor.id,
      action: `review.${action === 'save' ? 'draft-saved' : action === 'submit' ? 'submitted' : action === 'decline' ? 'declined' : 'expired'}`,
      entityType: 'review',
      entityId: review.id,
      data: { applicationId: review.applicationId, callId: review.callId, from: review.status, to, ...auditData },
    });
    return (await this.repo.findReview(review.id, tx.manager))!;
  }

  private checkVersion(review: ReviewRow, version?: number) {
    if (version !== undefined && version !== review.version) throw REVIEW_ERRORS['REVIEW.STALE_VERSION']();
  }

  private async saveDraft(
    tx: Tx,
    caller: AuthUser,
    review: ReviewRow,
    scores: Record<string, unknown>,
    comment: string | null | undefined,
  ): Promise<ReviewRow> {
    nextReviewStatus(review.status, 'save', 'expert'); // 409 first: a submitted review is read-only whatever the body
    const call = (await this.repo.findCall(review.callId, tx.manager))!;
    const { malformed, violations } = checkScores(scores, comment, this.rubricOf(call.programCode), {
      complete: false,
    });
    if (malformed.length) throw REVIEW_ERRORS['REVIEW.SCORES_MALFORMED']({ details: malformed });
    if (violations.length) throw REVIEW_ERRORS['REVIEW.SCORES_INVALID']({ details: violations });
    const now = this.clock.now();
    const clean = Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v as number]));
    const n = Number(
      (
        await tx.manager.query(`SELECT COALESCE(max(n), 0) + 1 AS n FROM review_version WHERE review_id = $1`, [
          review.id,
        ])
      )[0].n,
    );
    await tx.manager.query(
      `INSERT INTO review_version (review_id, n, saved_at, scores, comment) VALUES ($1, $2, $3, $4, $5)`,
      [review.id, n, now, JSON.stringify(clean), comment ?? null],
    );
    return this.transition(
      tx,
      review,
      'save',
      { id: caller.id, as: 'expert' },
      { scores: JSON.stringify(clean), comment: comment ?? null, draft_saved_at: now },
      { versionNo: n },
    );
  }

  async save(caller: AuthUser, id: string, dto: SaveReviewDto): Promise<ReviewView> {
    await inTransaction(this.ds, async (tx) => {
      const review = await this.own(caller, id, tx.manager);
      nextReviewStatus(review.status, 'save', 'expert');
      this.checkVersion(review, dto.version);
      await this.saveDraft(tx, caller, review, dto.scores, dto.comment);
    });
    return this.get(caller, id);
  }

  async submit(caller: AuthUser, id: string, dto: SubmitReviewDto): Promise<ReviewView> {
    let submitted!: ReviewRow;
    await inTransaction(this.ds, async (tx) => {
      let review = await this.own(caller, id, tx.manager);
      nextReviewStatus(review.status, 'submit', 'expert');
      this.checkVersion(review, dto.version);
      if (dto.scores !== undefined || dto.comment !== undefined) {
        review = await this.saveDraft(
          tx,
          caller,
          review,
          dto.scores ?? review.scores ?? {},
          dto.comment !== undefined ? dto.comment : review.comment,
        );
      }
      const call = (await this.repo.findCall(review.callId, tx.manager))!;
      const { malformed, violations } = checkScores(
        review.scores ?? {},
        review.comment,
        this.rubricOf(call.programCode),
        { complete: true },
      );
      const details = [...malformed, ...violations];
      if (details.length) throw REVIEW_ERRORS['REVIEW.INCOMPLETE']({ details });
      submitted = await this.transition(
        tx,
        review,
        'submit',
        { id: caller.id, as: 'expert' },
        { submitted_at: this.clock.now() },
      );
    });
    await this.reminders.cancel(submitted.id);
    return this.get(caller, id);
  }

  /**
   * The expert declines: for a conflict, the applicant's credit code is added to the expert's conflicts (remembering
   * this review, so the code of a blind application is never shown back); then a replacement is drawn for the
   * application (same draw, filling the gap; shortfall reported when nobody is left).
   */
  async decline(caller: AuthUser, id: string, dto: DeclineReviewDto) {
    const result = await inTransaction(this.ds, async (tx) => {
      const first = await this.repo.findReview(id, tx.manager);
      if (!first || first.expertId !== caller.id) throw REVIEW_ERRORS['REVIEW.NOT_FOUND']();
      await this.repo.lockRound(tx.manager, first.callId);
      const review = await this.own(caller, id, tx.manager);
      const call = (await this.repo.findCall(review.callId, tx.manager)) as CallRow;
      nextReviewStatus(review.status, 'decline', 'expert');
      const now = this.clock.now();
      const detail = dto.detail?.trim() || null;
      await this.transition(
        tx,
        review,
        'decline',
        { id: caller.id, as: 'expert' },
        { decline_reason: dto.reason, decline_detail: detail, declined_at: now },
        { reason: dto.reason },
        dto.reason === 'conflict' ? 'conflict of interest declared' : 'unavailable',
      );
      if (dto.reason === 'conflict') {
        await tx.manager.query(
          `INSERT INTO expert_conflict (expert_id, credit_code, note, source_review_id)
           SELECT $1, o.credit_code, $3, $2
             FROM ${applicationsRelation('a')} JOIN ${organizationsRelation('o')} ON o.id = a.organization_id WHERE a.id = $4
           ON CONFLICT (expert_id, credit_code) DO NOTHING`,
          [caller.id, review.id, detail ?? '', review.applicationId],
        );
        await this.audit.record(tx.manager, {
          actorId: caller.id,
          action: 'expert.conflict-declared',
          entityType: 'user',
          entityId: caller.id,
          data: { reviewId: review.id, applicationId: review.applicationId },
        });
      }
      // the replacement comes from the same round (a province's round: that province's experts)
      const replacement = (await this.repo.roundClosedAt(tx.manager, call, review.roundProvince))
        ? { assigned: 0, shortfalls: [] }
        : await this.draw.fillGaps(tx, call, caller.id, {
            seed: newSeed(),
            applicationIds: [review.applicationId],
            reason: 'replacement',
            province: review.roundProvince,
          });
      return { assigned: replacement.assigned, shortfalls: replacement.shortfalls };
    });
    await this.reminders.cancel(id);
    const view = await this.get(caller, id);
    return { ...view, replacement: result };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationRepository, applicationsRelation, callsRelation } from '@portal/applications';
import { applicantContactsSql, applicantNamesSql, organizationsRelation, usersRelation } from '@portal/identity';
import { ReviewStatus } from './reviews/review-state';

/** A call as the review round needs it. */
export interface CallRow {
  id: string;
  programCode: string;
  year: number;
  title: string;
  reviewersPerApplication: number;
  blindReview: boolean;
  regionRecusal: boolean;
  aggregation: 'mean' | 'trimmed' | 'zscore';
  spreadThreshold: number;
  reviewClosedAt: Date | null;
  /** The provincial stage (issue 12): a `recommend` call may have a provincial expert round per province. */
  provincialStage: 'none' | 'check' | 'recommend';
  provincialClosesAt: Date | null;
}

/**
 * Which round of a call (issue 12): null, the national round; a province's two-digit code, that province's round on a
 * `recommend` call (review_assignment.round_province). The two never mix: draws, progress, close and ranking each
 * read one round's assignments.
 */
export type RoundProvince = string | null;

export interface ReviewRow {
  id: string;
  callId: string;
  applicationId: string;
  expertId: string;
  /** The round: null national, else the province whose provincial round it belongs to. */
  roundProvince: RoundProvince;
  status: ReviewStatus;
  dueAt: Date;
  declineReason: 'conflict' | 'unavailable' | null;
  declineDetail: string | null;
  declinedAt: Date | null;
  scores: Record<string, number> | null;
  comment: string | null;
  draftSavedAt: Date | null;
  submittedAt: Date | null;
  expiredAt: Date | null;
  remindedAt: Date | null;
  createdAt: Date;
  version: number;
}

export interface ApplicationIdentityRow {
  applicationId: string;
  organizationId: string;
  organizationName: string;
  creditCode: string;
  legalRepresentative: string;
  address: string;
  /** Names, e-mails and phones of the organization's users. */
  memberNames: string[];
  memberContacts: string[];
}

const REVIEW_COLUMNS = `r.id, r.call_id AS "callId", r.application_id AS "applicationId", r.expert_id AS "expertId",
  r.round_province AS "roundProvince", r.status,
  r.due_at AS "dueAt", r.decline_reason AS "declineReason", r.decline_detail AS "declineDetail", r.declined_at AS "declinedAt",
  r.scores, r.comment, r.draft_saved_at AS "draftSavedAt", r.submitted_at AS "submittedAt", r.expired_at AS "expiredAt",
  r.reminded_at AS "remindedAt", r.created_at AS "createdAt", r.version`;

const CALL_COLUMNS = `c.id, c.program_code AS "programCode", c.year, c.title, c.reviewers_per_application AS "reviewersPerApplication",
  c.blind_review AS "blindReview", c.region_recusal AS "regionRecusal", c.aggregation, c.spread_threshold::float8 AS "spreadThreshold",
  c.review_closed_at AS "reviewClosedAt", c.provincial_stage AS "provincialStage", c.provincial_closes_at AS "provincialClosesAt"`;

/**
 * SQL: whether the round of the assignment `r` (on call `c`) is closed — the national round by call.review_closed_at, a
 * province's round by its provincial_review_round row.
 */
export function roundClosedSql(r: string, c: string): string {
  return `(CASE WHEN ${r}.round_province IS NULL THEN ${c}.review_closed_at IS NOT NULL
    ELSE EXISTS (SELECT 1 FROM provincial_review_round prr WHERE prr.call_id = ${r}.call_id AND prr.province_code = ${r}.round_province) END)`;
}

/** Per-call lock key space for the review round (draw, decline, close): two-key advisory locks. */
export const REVIEW_ROUND_LOCK = 7_261_301;

/** Named queries of the review module. Client input reaches SQL only as bound parameters. */
@Injectable()
export class ReviewRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationRepository,
  ) {}

  private q(m?: EntityManager) {
    return m ?? this.ds.manager;
  }

  /** Serialises draws, declines and the close of one call's round (released at commit). */
  async lockRound(m: EntityManager, callId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [REVIEW_ROUND_LOCK, callId]);
  }

  async findCall(callId: string, m?: EntityManager): Promise<CallRow | null> {
    const rows = await this.q(m).query(`SELECT ${CALL_COLUMNS} FROM ${callsRelation('c')} WHERE c.id = $1`, [callId]);
    return rows[0] ?? null;
  }

  async findReview(id: string, m?: EntityManager, forUpdate = false): Promise<ReviewRow | null> {
    const rows = await this.q(m).query(
      `SELECT ${REVIEW_COLUMNS} FROM review_assignment r WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** When a province's round was closed (null: open or never drawn). */
  async provincialRoundClosedAt(m: EntityManager, callId: string, province: string): Promise<Date | null> {
    const rows: { closedAt: Date }[] = await m.query(
      `SELECT closed_at AS "closedAt" FROM provincial_review_round WHERE call_id = $1 AND province_code = $2`,
      [callId, province],
    );
    return rows[0]?.closedAt ?? null;
  }

  /** When the round was closed: the national one by the call, a province's by its row. */
  async roundClosedAt(m: EntityManager, call: CallRow, province: RoundProvince): Promise<Date | null> {
    return province === null ? call.reviewClosedAt : this.provincialRoundClosedAt(m, call.id, province);
  }

  /** Records the close of a province's round; false when it was already closed. */
  async closeProvincialRound(m: EntityManager, callId: string, province: string, at: Date, by: string) {
    const rows: unknown[] = await m.query(
      `INSERT INTO provincial_review_round (call_id, province_code, closed_at, closed_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING call_id`,
      [callId, province, at, by],
    );
    return rows.length > 0;
  }

  /**
   * Applications of the call waiting for reviewers, optionally only some: for the national round the under_review ones
   * (on a call with a provincial stage only forwarded applications ever get there); for a province's round its
   * provincial_passed applications still held by the province.
   */
  async underReviewApplications(m: EntityManager, callId: string, onlyIds?: string[], province: RoundProvince = null) {
    const rows: {
      id: string;
      programCode: string;
      track: string | null;
      organizationId: string;
      creditCode: string;
      provinceCode: string;
      number: string | null;
    }[] = await m.query(
      `SELECT a.id, a.program_code AS "programCode", a.track, a.organization_id AS "organizationId", o.credit_code AS "creditCode",
                o.province_code AS "provinceCode", a.number
           FROM ${applicationsRelation('a')} JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
          WHERE a.call_id = $1 AND ($2::uuid[] IS NULL OR a.id = ANY($2::uuid[]))
            AND CASE WHEN $3::text IS NULL THEN a.status = 'under_review' AND a.level = 'national'
                     ELSE a.status = 'provincial_passed' AND a.level = 'provincial' AND o.province_code = $3 END
          ORDER BY a.id`,
      [callId, onlyIds ?? null, province],
    );
    return rows;
  }

  /** Every assignment of the call (any status, any round): who is taken for which application, and each expert's load. */
  async callAssignments(m: EntityManager, callId: string) {
    const rows: { applicationId: string; expertId: string; status: ReviewStatus; roundProvince: RoundProvince }[] =
      await m.query(
        `SELECT application_id AS "applicationId", expert_id AS "expertId", status, round_province AS "roundProvince"
         FROM review_assignment WHERE call_id = $1`,
        [callId],
      );
    return rows;
  }

  /**
   * The pool for a program: active users with the expert role, an available profile and a field of the program; for a
   * province's round only the experts registered with that province (expert_profile.province_code).
   */
  async poolForProgram(m: EntityManager, programCode: string, province: RoundProvince = null) {
    const rows: {
      id: string;
      name: string;
      email: string;
      organizationId: string | null;
      fields: string[];
      employerCreditCode: string;
      provinceCode: string;
      conflicts: string[];
    }[] = await m.query(
      `SELECT u.id, u.name, u.email, u.organization_id AS "organizationId", p.fields,
              p.employer_credit_code AS "employerCreditCode", p.province_code AS "provinceCode",
              COALESCE((SELECT array_agg(c.credit_code) FROM expert_conflict c WHERE c.expert_id = u.id), '{}') AS conflicts
         FROM ${usersRelation('u')} JOIN expert_profile p ON p.user_id = u.id
        WHERE 'expert' = ANY(u.roles) AND u.disabled_at IS NULL AND p.available
          AND EXISTS (SELECT 1 FROM unnest(p.fields) f WHERE f = $1 OR f LIKE $1 || '/%')
          AND ($2::text IS NULL OR p.province_code = $2)
        ORDER BY u.id`,
      [programCode, province],
    );
    return rows;
  }

  /** Who the applicant is: what a blind view must not show. */
  async identities(applicationIds: string[], m?: EntityManager): Promise<Map<string, ApplicationIdentityRow>> {
    if (applicationIds.length === 0) return new Map();
    const rows: ApplicationIdentityRow[] = await this.q(m).query(
      `SELECT a.id AS "applicationId", o.id AS "organizationId", o.name AS "organizationName", o.credit_code AS "creditCode",
              o.legal_representative AS "legalRepresentative", o.address,
              ${applicantNamesSql('o.id', 'a.created_by')} AS "memberNames",
              ${applicantContactsSql('o.id', 'a.created_by')} AS "memberContacts"
         FROM ${applicationsRelation('a')} JOIN ${organizationsRelation('o')} ON o.id = a.organization_id
        WHERE a.id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(rows.map((r) => [r.applicationId, r]));
  }

  async application(applicationId: string, m?: EntityManager) {
    const rows = await this.q(m).query(
      `SELECT a.id, a.call_id AS "callId", a.number, a.title, a.program_code AS "programCode", a.track, a.status, a.payload,
              a.first_submitted_at AS "firstSubmittedAt", a.submitted_at AS "submittedAt",
              o.id AS "organizationId", o.name AS "organizationName", o.credit_code AS "creditCode",
              o.region_code AS "regionCode", o.province_code AS "provinceCode", o.legal_representative AS "legalRepresentative",
              o.address
         FROM ${applicationsRelation('a')} JOIN ${organizationsRelation('o')} ON o.id = a.organization_id WHERE a.id = $1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /** The application's current attachments in upload order (applications' reader). */
  async attachments(applicationId: string, m?: EntityManager) {
    const rows = await this.applications.attachments(applicationId, m);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      fileName: r.fileName,
      size: Number(r.size),
      mimeType: r.mimeType,
      createdAt: r.createdAt,
    }));
  }

  /** The application's history, oldest first (applications' reader). */
  applicationHistory(applicationId: string) {
    return this.applications.history(applicationId);
  }

  async insertHistory(
    m: EntityManager,
    reviewIds: string[],
    at: Date,
    actorId: string | null,
    from: ReviewStatus | null,
    to: ReviewStatus,
    comment: string | null,
  ) {
    if (reviewIds.length === 0) return;
    await m.query(
      `INSERT INTO review_history (review_id, at, actor_id, from_status, to_status, comment)
       SELECT id, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS id`,
      [reviewIds, at, actorId, from, to, comment],
    );
  }
}

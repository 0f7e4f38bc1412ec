import { EntityManager } from 'typeorm';
import { usersRelation } from '@portal/identity';
import { ReviewStatus } from '../reviews/review-state';

/** One expert's assignment on an application, as the dossier's review summary shows it (review's reader). */
export interface ApplicationReviewLine {
  expertId: string;
  /** The expert's name: officers' copy only (the dossier anonymises it for the applicant). */
  expertName: string;
  /** null: the national round; else the province of a provincial round. */
  roundProvince: string | null;
  status: ReviewStatus;
  scores: Record<string, number> | null;
  comment: string | null;
  submittedAt: string | null;
}

/** Every assignment of the application, national round first, in the order they were drawn. */
export async function applicationReviewLines(
  m: EntityManager,
  applicationId: string,
): Promise<ApplicationReviewLine[]> {
  const rows: {
    expert_id: string;
    name: string | null;
    round_province: string | null;
    status: ReviewStatus;
    scores: Record<string, number> | null;
    comment: string | null;
    submitted_at: Date | null;
  }[] = await m.query(
    `SELECT r.expert_id, u.name, r.round_province, r.status, r.scores, r.comment, r.submitted_at
       FROM review_assignment r LEFT JOIN ${usersRelation('u')} ON u.id = r.expert_id
      WHERE r.application_id = $1
      ORDER BY r.round_province NULLS FIRST, r.created_at, r.id`,
    [applicationId],
  );
  return rows.map((r) => ({
    expertId: r.expert_id,
    expertName: r.name ?? '',
    roundProvince: r.round_province,
    status: r.status,
    scores: r.scores,
    comment: r.comment,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  }));
}

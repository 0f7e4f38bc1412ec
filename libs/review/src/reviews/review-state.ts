import { REVIEW_ERRORS } from '../errors';

/**
 * The review assignment's state machine: the one place that knows which status changes exist and who may make them.
 *
 *   pending ──save (expert)────────────▶ pending      (a draft; every save kept as a version)
 *   pending ──submit (expert)──────────▶ submitted    (read-only from then on)
 *   pending ──decline (expert)─────────▶ declined     (a replacement is drawn)
 *   pending ──expire (officer, system)─▶ expired      (review-close)
 *
 * submitted, declined and expired are final.
 */
export const REVIEW_STATUSES = ['pending', 'declined', 'submitted', 'expired'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type ReviewAction = 'save' | 'submit' | 'decline' | 'expire';
export type ReviewActor = 'expert' | 'officer' | 'system';

interface Rule {
  from: readonly ReviewStatus[];
  to: ReviewStatus;
  by: readonly ReviewActor[];
}

export const REVIEW_TRANSITIONS: Readonly<Record<ReviewAction, Rule>> = {
  save: { from: ['pending'], to: 'pending', by: ['expert'] },
  submit: { from: ['pending'], to: 'submitted', by: ['expert'] },
  decline: { from: ['pending'], to: 'declined', by: ['expert'] },
  expire: { from: ['pending'], to: 'expired', by: ['officer', 'system'] },
};

export const FINAL_REVIEW_STATUSES: readonly ReviewStatus[] = ['declined', 'submitted', 'expired'];

/** Whether `actor` may take `action` on a review in `status`, without throwing. */
export function canTakeReviewAction(status: ReviewStatus, action: ReviewAction, actor: ReviewActor): boolean {
  const rule = REVIEW_TRANSITIONS[action];
  return rule.by.includes(actor) && rule.from.includes(status);
}

const STATUS_ZH: Record<ReviewStatus, string> = {
  pending: '待评审',
  declined: '已谢绝',
  submitted: '已提交',
  expired: '已过期',
};

/**
 * The status after `action`, or a DomainError: 403 when the actor may never take the action, 409 when the review's
 * status does not allow it (REVIEW.ALREADY_SUBMITTED for a submitted review, REVIEW.NOT_PENDING otherwise).
 */
export function nextReviewStatus(status: ReviewStatus, action: ReviewAction, actor: ReviewActor): ReviewStatus {
  const rule = REVIEW_TRANSITIONS[action];
  if (!rule) throw new Error(`unknown review action ${action}`);
  if (!rule.by.includes(actor)) {
    throw REVIEW_ERRORS['REVIEW.ACTION_NOT_ALLOWED']({ actor, action });
  }
  if (!rule.from.includes(status)) {
    if (status === 'submitted') {
      throw REVIEW_ERRORS['REVIEW.ALREADY_SUBMITTED']();
    }
    throw REVIEW_ERRORS['REVIEW.NOT_PENDING']({ statusZh: STATUS_ZH[status], status, action });
  }
  return rule.to;
}

/**
 * The one answer to "may this expert read the application of this assignment (its view and its files)": a `pending`
 * assignment, and a `submitted` one while the call's round is open (the expert may re-read what they judged until
 * the close). `declined` and `expired` give nothing, and after the close no assignment does. ReviewAccess (the
 * EXPERT_ACCESS port behind GET /api/applications/:id and its files) and ReviewsService (GET /api/reviews…) both ask it.
 */
export function assignmentGivesAccess(status: ReviewStatus, roundClosed: boolean): boolean {
  return (status === 'pending' || status === 'submitted') && !roundClosed;
}

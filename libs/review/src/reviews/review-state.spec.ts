import { DomainError } from '@portal/platform';
import {
  assignmentGivesAccess,
  canTakeReviewAction,
  nextReviewStatus,
  REVIEW_STATUSES,
  ReviewAction,
  ReviewActor,
} from './review-state';
import { checkScores, RubricItem } from './score-rules';

const err = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('review state machine', () => {
  it('moves a pending review by the expert', () => {
    expect(nextReviewStatus('pending', 'save', 'expert')).toBe('pending');
    expect(nextReviewStatus('pending', 'submit', 'expert')).toBe('submitted');
    expect(nextReviewStatus('pending', 'decline', 'expert')).toBe('declined');
    expect(nextReviewStatus('pending', 'expire', 'officer')).toBe('expired');
    expect(nextReviewStatus('pending', 'expire', 'system')).toBe('expired');
  });

  it('keeps a submitted review read-only: 409 REVIEW.ALREADY_SUBMITTED', () => {
    for (const a of ['save', 'submit', 'decline'] as ReviewAction[]) {
      const e = err(() => nextReviewStatus('submitted', a, 'expert'));
      expect([e.status, e.code]).toEqual([409, 'REVIEW.ALREADY_SUBMITTED']);
    }
    expect(err(() => nextReviewStatus('submitted', 'expire', 'officer')).status).toBe(409);
  });

  it('treats declined and expired as final (409 REVIEW.NOT_PENDING)', () => {
    for (const s of ['declined', 'expired'] as const)
      for (const a of ['save', 'submit', 'decline'] as ReviewAction[])
        expect(err(() => nextReviewStatus(s, a, 'expert')).code).toBe('REVIEW.NOT_PENDING');
  });

  it('lets only the right actor act (403)', () => {
    expect(err(() => nextReviewStatus('pending', 'submit', 'officer')).status).toBe(403);
    expect(err(() => nextReviewStatus('pending', 'expire', 'expert')).status).toBe(403);
    expect(err(() => nextReviewStatus('pending', 'decline', 'system')).status).toBe(403);
  });

  it('agrees with canTakeReviewAction everywhere', () => {
    for (const s of REVIEW_STATUSES)
      for (const a of ['save', 'submit', 'decline', 'expire'] as ReviewAction[])
        for (const who of ['expert', 'officer', 'system'] as ReviewActor[]) {
          let ok = true;
          try {
            nextReviewStatus(s, a, who);
          } catch {
            ok = false;
          }
          expect(canTakeReviewAction(s, a, who)).toBe(ok);
        }
  });
});

describe('score rules', () => {
  const rubric: RubricItem[] = [
    { key: 'artistic', name: { zh: '艺术性', en: 'Artistic merit' }, weight: 60, max: 10 },
    { key: 'market', name: { zh: '市场', en: 'Market' }, weight: 40, max: 5 },
  ];

  it('accepts a partial draft within range, including 0 and max', () => {
    expect(checkScores({ artistic: 10 }, null, rubric, { complete: false })).toEqual({ malformed: [], violations: [] });
    expect(checkScores({ artistic: 0, market: 5 }, '', rubric, { complete: false })).toEqual({
      malformed: [],
      violations: [],
    });
  });

  it('rejects a score outside 0…max and an unknown criterion (422 details)', () => {
    const r = checkScores({ artistic: 10.5, market: -1, extra: 3 }, null, rubric, { complete: false });
    expect(r.violations.map((d) => d.path).sort()).toEqual(['scores.artistic', 'scores.extra', 'scores.market']);
  });

  it('reports a non-number as malformed (400)', () => {
    expect(checkScores({ artistic: '8' }, null, rubric, { complete: false }).malformed.map((d) => d.path)).toEqual([
      'scores.artistic',
    ]);
    expect(checkScores({ artistic: Number.NaN }, null, rubric, { complete: false }).malformed).toHaveLength(1);
  });

  it('needs every criterion and a non-blank opinion at submit', () => {
    const r = checkScores({ artistic: 8 }, '   ', rubric, { complete: true });
    expect(r.violations.map((d) => d.path)).toEqual(['scores.market', 'comment']);
    expect(checkScores({ artistic: 8, market: 4 }, '很好', rubric, { complete: true })).toEqual({
      malformed: [],
      violations: [],
    });
  });

  it('gives an expert access only through a live assignment: pending, or submitted while the round is open', () => {
    const table = REVIEW_STATUSES.flatMap((status) =>
      [false, true].map((closed) => [status, closed, assignmentGivesAccess(status, closed)]),
    );
    expect(table).toEqual([
      ['pending', false, true],
      ['pending', true, false],
      ['declined', false, false],
      ['declined', true, false],
      ['submitted', false, true],
      ['submitted', true, false],
      ['expired', false, false],
      ['expired', true, false],
    ]);
  });
});

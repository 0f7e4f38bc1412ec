import { RENDING_ANNUAL_REVIEW } from '@portal/programs';
import { annualReviewTransition, certifiedBefore, exchangeDue, nextDay, reviewWindow } from './annual-review-status';

describe('annual review: window, eligibility, exchange, transitions', () => {
  it('opens 1 May and closes 31 July; a missed review lapses on 1 August', () => {
    expect(reviewWindow(RENDING_ANNUAL_REVIEW, 2027)).toEqual({ opensOn: '2027-05-01', closesOn: '2027-07-31' });
    expect(nextDay('2027-07-31')).toBe('2027-08-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('reviews certificates of the years before only', () => {
    expect(certifiedBefore('2026-12-31', 2027)).toBe(true);
    expect(certifiedBefore('2027-01-01', 2027)).toBe(false);
  });

  it('calls a certificate older than three years for exchange', () => {
    expect(exchangeDue(RENDING_ANNUAL_REVIEW, '2024-04-30', 2027)).toBe(true);
    expect(exchangeDue(RENDING_ANNUAL_REVIEW, '2024-05-01', 2027)).toBe(false);
    expect(exchangeDue(RENDING_ANNUAL_REVIEW, '2026-06-10', 2027)).toBe(false);
  });

  it('allows only the table’s moves', () => {
    expect(annualReviewTransition('draft', 'submitted', 'owner')).toBeDefined();
    expect(annualReviewTransition('submitted', 'passed', 'officer')).toBeDefined();
    expect(annualReviewTransition('submitted', 'passed', 'owner')).toBeUndefined();
    expect(annualReviewTransition('passed', 'failed', 'officer')).toBeUndefined();
    expect(annualReviewTransition('submitted', 'missed', 'system')).toBeUndefined();
  });
});

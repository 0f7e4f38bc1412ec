import { AnnualReviewDefinition } from '@portal/programs';

export type AnnualReviewStatus = 'draft' | 'submitted' | 'passed' | 'failed' | 'missed';
export type AnnualReviewActor = 'owner' | 'officer' | 'system';

/**
 * Every status change of a 年审, and who makes it; nothing else is allowed. `AnnualReviewMachine` is the one writer of
 * `annual_review.status` and follows this table. `missed`: not filed when the window closed (the lapse job, which also
 * turns a draft that was never submitted into `missed`).
 */
export const ANNUAL_REVIEW_TRANSITIONS: readonly {
  from: AnnualReviewStatus | null;
  to: AnnualReviewStatus;
  by: AnnualReviewActor;
  event: string;
}[] = [
  { from: null, to: 'draft', by: 'owner', event: 'drafted' },
  { from: 'draft', to: 'submitted', by: 'owner', event: 'submitted' },
  { from: 'submitted', to: 'passed', by: 'officer', event: 'passed' },
  { from: 'submitted', to: 'failed', by: 'officer', event: 'failed' },
  { from: null, to: 'missed', by: 'system', event: 'missed' },
  { from: 'draft', to: 'missed', by: 'system', event: 'missed' },
];

export function annualReviewTransition(from: AnnualReviewStatus | null, to: AnnualReviewStatus, by: AnnualReviewActor) {
  return ANNUAL_REVIEW_TRANSITIONS.find((t) => t.from === from && t.to === to && t.by === by);
}

/** The filing window of a year: the first and the last day, YYYY-MM-DD in Asia/Shanghai, both inclusive. */
export function reviewWindow(def: AnnualReviewDefinition, year: number): { opensOn: string; closesOn: string } {
  return { opensOn: `${year}-${def.opens}`, closesOn: `${year}-${def.closes}` };
}

/** The day after `day` (YYYY-MM-DD): a missed review's certificate lapses the day after the window closes. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Whether a certificate of `awardDay` takes part in the review of `year`: certified before 1 January of that year. */
export function certifiedBefore(awardDay: string, year: number): boolean {
  return awardDay < `${year}-01-01`;
}

/**
 * Whether the review of `year` calls the certificate for exchange (换证): its day (the award's, or its last reissue's)
 * is more than `exchangeAfterYears` years before the window's first day.
 */
export function exchangeDue(def: AnnualReviewDefinition, certificateDay: string, year: number): boolean {
  return certificateDay < `${year - def.exchangeAfterYears}-${def.opens}`;
}

// ReviewAccess first: the applications module imports it, and must find it even while this barrel is still loading.
export * from './access/review-access';
export * from './blind/anonymise';
export * from './draw/draw';
export * from './aggregation/aggregation';
export * from './reviews/review-state';
export * from './reviews/score-rules';
export * from './round/ranking-csv';
export * from './round/ranking.query';
export * from './reminders/reminder.scheduler';
export * from './reminders/reminder.processor';
export * from './review.module';
export * from './review-worker.module';

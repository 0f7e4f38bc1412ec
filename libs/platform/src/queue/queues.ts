import { JobsOptions } from 'bullmq';

/** Every BullMQ queue of the portal. Jobs carry ids only; Postgres holds the state. */
export const QUEUES = {
  mail: 'mail',
  payments: 'payments',
  reviews: 'reviews',
  uploads: 'uploads',
  /** After the award (issue 13): the annual review's lapse (and the other followup jobs). */
  followup: 'followup',
  /** The statistics summary's refresh (issue 14). */
  statistics: 'statistics',
  /** Recurring calls (issue 15): the due periods' calls opened. */
  calls: 'calls',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Explicit retries with exponential backoff; failed jobs are kept (the dead-letter list in the dashboard). */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: false,
};

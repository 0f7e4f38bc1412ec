import { JobsOptions } from 'bullmq';
import { PortalConfig } from '@portal/platform';

export const PAYMENT_JOB = 'send';
/** The job of the `payments-relay` scheduler: the outbox relay and the reconciler. */
export const PAYMENT_RELAY_JOB = 'relay';

export interface PaymentJobData {
  instalmentId: string;
}

/**
 * One job per instalment, job id = instalment id (so a relayed-twice row is one job). Retries back off exponentially;
 * finished jobs are removed, because the row in Postgres, not the job, holds the state (and a later retry of the same
 * instalment must be able to reuse the id). The dead-letter path is the `failed` status, waiting for a person.
 */
export function paymentJobOptions(config: PortalConfig, instalmentId: string): JobsOptions {
  return {
    jobId: instalmentId,
    attempts: Math.max(config.PAYMENT_MAX_ATTEMPTS * 2, 6),
    backoff: { type: 'exponential', delay: config.PAYMENT_RETRY_DELAY_MS },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

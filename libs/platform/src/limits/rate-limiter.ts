import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { DomainError } from '../errors/domain-error';
import { CounterStore } from './counter-store';

/** One limit: at most `limit` attempts per `subject` (an account, an address, an organization) per window. */
export interface RateRule {
  /** The limit's name, the first part of its counter's key and what the audit trail calls it: `login-fail:acct`. */
  rule: string;
  /** Whose attempts are counted (normalised by the caller: a lower-cased e-mail, an address, an id). */
  subject: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Rate limits that hold under a burst: each attempt is counted first (one atomic increment in the platform's
 * CounterStore) and compared after, so of any number of parallel requests exactly `limit` pass per window — a check
 * made before counting would let every parallel request through. The request that first goes over a limit
 * (count = limit + 1) records a `rate-limit.tripped` event in the audit chain: one event per rule, subject and window,
 * however long a flood goes on.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');

  constructor(
    private readonly counters: CounterStore,
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Counts the attempt; throws `refuse(seconds until the window ends)` when it is over the limit. */
  async take(rule: RateRule, refuse: (retryAfterSeconds: number) => DomainError): Promise<void> {
    const { count, resetInSeconds } = await this.counters.hit(this.key(rule), rule.windowSeconds);
    if (count <= rule.limit) return;
    if (count === rule.limit + 1) await this.recordTrip(rule);
    throw refuse(resetInSeconds);
  }

  /**
   * Refuses when the subject is already at its limit, without counting (a cheap check before expensive work whose
   * attempt is counted later with take(): e.g. storing objection evidence).
   */
  async check(rule: RateRule, refuse: (retryAfterSeconds: number) => DomainError): Promise<void> {
    if ((await this.counters.get(this.key(rule))) >= rule.limit) throw refuse(rule.windowSeconds);
  }

  /** Gives an attempt back (it turned out not to count, e.g. a login that succeeded against a failure limit). */
  async refund(rule: RateRule): Promise<void> {
    await this.counters.decrement(this.key(rule));
  }

  /** Starts the subject's window afresh. */
  async reset(rule: RateRule): Promise<void> {
    await this.counters.delete(this.key(rule));
  }

  private key(rule: RateRule): string {
    return `${rule.rule}:${rule.subject}`;
  }

  private async recordTrip(rule: RateRule): Promise<void> {
    try {
      await inTransaction(this.ds, (tx) =>
        this.audit.record(tx.manager, {
          actorId: null,
          action: 'rate-limit.tripped',
          entityType: 'rate-limit',
          entityId: rule.rule,
          data: { subject: rule.subject, limit: rule.limit, windowSeconds: rule.windowSeconds },
        }),
      );
    } catch (err) {
      // the limit holds without its audit event; the refusal must not turn into a 500
      this.logger.error(`could not record the trip of ${rule.rule}: ${(err as Error).message}`);
    }
  }
}

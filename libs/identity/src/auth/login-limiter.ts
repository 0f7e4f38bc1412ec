import { Injectable } from '@nestjs/common';
import { RateLimiter, RateRule } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';

const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 30;

/**
 * Failed logins limited per account (5) and per address (30) over 15 minutes, on the platform's RateLimiter (counters
 * in Redis, or PostgreSQL without Redis, shared by every API process). Each attempt is counted before its password is
 * checked, so a burst of parallel wrong passwords gets at most 5 answers of 401 per account and 429 for the rest; a
 * login that succeeds gives its attempt back (the account starts afresh, the address gets its one back), so only
 * failures stay counted. The address counts only attempts that got past the account's limit: it guards against
 * trying many accounts, and one account's flood does not lock out the address's other users.
 */
@Injectable()
export class LoginLimiter {
  constructor(private readonly limits: RateLimiter) {}

  /** Counts the attempt against both limits; 429 with Retry-After (the seconds left in the window) when over one. */
  async take(email: string, ip: string): Promise<void> {
    const refuse = (seconds: number) =>
      IDENTITY_ERRORS['AUTH.TOO_MANY_ATTEMPTS']({ headers: { 'Retry-After': String(seconds) } });
    await this.limits.take(this.account(email), refuse);
    try {
      await this.limits.take(this.address(ip), refuse);
    } catch (err) {
      // the password was never tried: the account keeps its attempt
      await this.limits.refund(this.account(email));
      throw err;
    }
  }

  /** The attempt succeeded: the account's failures are forgotten and the address gets its attempt back. */
  async succeeded(email: string, ip: string): Promise<void> {
    await Promise.all([this.limits.reset(this.account(email)), this.limits.refund(this.address(ip))]);
  }

  private account(email: string): RateRule {
    return {
      rule: 'login-fail:acct',
      subject: email.trim().toLowerCase(),
      limit: ACCOUNT_LIMIT,
      windowSeconds: WINDOW_SECONDS,
    };
  }
  private address(ip: string): RateRule {
    return { rule: 'login-fail:ip', subject: ip || 'unknown', limit: ADDRESS_LIMIT, windowSeconds: WINDOW_SECONDS };
  }
}

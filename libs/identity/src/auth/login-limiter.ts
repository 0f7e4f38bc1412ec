import { Injectable } from '@nestjs/common';
import { CounterStore } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';

const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 30;

/**
 * Failed logins counted per account and per address over 15 minutes, in the platform's CounterStore (Redis, or
 * PostgreSQL when the portal runs without Redis), so every API process sees the same counts. After 5 failures for an
 * account (or 30 from one address) the next attempts answer 429 until the window passes.
 */
@Injectable()
export class LoginLimiter {
  constructor(private readonly counters: CounterStore) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [acct, addr] = await Promise.all([this.counters.get(this.acctKey(email)), this.counters.get(this.ipKey(ip))]);
    if (acct >= ACCOUNT_LIMIT || addr >= ADDRESS_LIMIT) {
      throw IDENTITY_ERRORS['AUTH.TOO_MANY_ATTEMPTS']({ headers: { 'Retry-After': String(WINDOW_SECONDS) } });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.counters.increment(this.acctKey(email), WINDOW_SECONDS),
      this.counters.increment(this.ipKey(ip), WINDOW_SECONDS),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.counters.delete(this.acctKey(email));
  }

  private acctKey(email: string) {
    return `login-fail:acct:${email.trim().toLowerCase()}`;
  }
  private ipKey(ip: string) {
    return `login-fail:ip:${ip || 'unknown'}`;
  }
}

import { Injectable } from '@nestjs/common';
import { DomainError, RedisService } from '@portal/platform';

const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 30;

/**
 * Failed logins counted in Redis per account and per address over 15 minutes. After 5 failures for an account
 * (or 30 from one address) the next attempts answer 429 until the window passes.
 */
@Injectable()
export class LoginLimiter {
  private readonly memory = new Map<string, { n: number; until: number }>();

  constructor(private readonly redis: RedisService) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [acct, addr] = await Promise.all([this.count(this.acctKey(email)), this.count(this.ipKey(ip))]);
    if (acct >= ACCOUNT_LIMIT || addr >= ADDRESS_LIMIT) {
      throw new DomainError(
        'rate-limited',
        'AUTH.TOO_MANY_ATTEMPTS',
        { zh: '登录失败次数过多，请 15 分钟后再试', en: 'Too many failed logins; try again in 15 minutes' },
        [],
        { 'Retry-After': String(WINDOW_SECONDS) },
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.bump(this.acctKey(email)), this.bump(this.ipKey(ip))]);
  }

  async recordSuccess(email: string): Promise<void> {
    const key = this.acctKey(email);
    if (this.redis.client) await this.redis.client.del(key);
    else this.memory.delete(key);
  }

  private acctKey(email: string) {
    return this.redis.key('login-fail', 'acct', email.trim().toLowerCase());
  }
  private ipKey(ip: string) {
    return this.redis.key('login-fail', 'ip', ip || 'unknown');
  }

  private async count(key: string): Promise<number> {
    if (this.redis.client) return Number((await this.redis.client.get(key)) ?? 0);
    const m = this.memory.get(key);
    return m && m.until > Date.now() ? m.n : 0;
  }

  private async bump(key: string): Promise<void> {
    if (this.redis.client) {
      const n = await this.redis.client.incr(key);
      if (n === 1) await this.redis.client.expire(key, WINDOW_SECONDS);
      return;
    }
    const m = this.memory.get(key);
    if (m && m.until > Date.now()) m.n++;
    else this.memory.set(key, { n: 1, until: Date.now() + WINDOW_SECONDS * 1000 });
  }
}

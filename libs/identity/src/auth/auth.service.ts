import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, inTransaction } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { User } from '../users/user.entity';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionClient, TokenPair, TokenService } from './token.service';

/** Login: the password check (with LoginLimiter's failure limits) and the first token pair. */
@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    private readonly passwords: PasswordHasher,
  ) {}

  /**
   * Used by the passport-local strategy. The attempt is counted before the password is checked (see LoginLimiter);
   * a failure is recorded in the audit chain (`user.login-failed`, with the e-mail tried and the address).
   */
  async authenticate(emailRaw: string, password: string, ip: string): Promise<User> {
    const email = String(emailRaw ?? '')
      .trim()
      .toLowerCase();
    await this.limiter.take(email, ip);
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email', { email })
      .andWhere('u.disabled_at IS NULL')
      .getOne();
    const ok = user ? await this.passwords.verify(user.passwordHash, password) : false;
    if (!user || !ok) {
      await inTransaction(this.ds, (tx) =>
        this.audit.record(tx.manager, {
          actorId: null,
          action: 'user.login-failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          data: { email, address: ip || null, knownAccount: !!user },
        }),
      );
      throw IDENTITY_ERRORS['AUTH.BAD_CREDENTIALS']();
    }
    await this.limiter.succeeded(email, ip);
    return user;
  }

  async login(user: User, client: SessionClient = {}): Promise<TokenPair> {
    return inTransaction(this.ds, async (tx) => {
      const pair = await this.tokens.issue(tx.manager, user, undefined, client);
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'user.logged-in',
        entityType: 'user',
        entityId: user.id,
      });
      return pair;
    });
  }
}

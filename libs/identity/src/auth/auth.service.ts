import { Injectable } from '@nestjs/common';
import { verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { AuditService, inTransaction } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { User } from '../users/user.entity';
import { LoginLimiter } from './login-limiter';
import { TokenPair, TokenService } from './token.service';

/** Login: the password check (with LoginLimiter's failure limits) and the first token pair. */
@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  /** Used by the passport-local strategy. */
  async authenticate(emailRaw: string, password: string, ip: string): Promise<User> {
    const email = String(emailRaw ?? '')
      .trim()
      .toLowerCase();
    await this.limiter.assertAllowed(email, ip);
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email', { email })
      .andWhere('u.disabled_at IS NULL')
      .getOne();
    const ok = user ? await verify(user.passwordHash, password).catch(() => false) : false;
    if (!user || !ok) {
      await this.limiter.recordFailure(email, ip);
      throw IDENTITY_ERRORS['AUTH.BAD_CREDENTIALS']();
    }
    await this.limiter.recordSuccess(email);
    return user;
  }

  async login(user: User): Promise<TokenPair> {
    return inTransaction(this.ds, async (tx) => {
      const pair = await this.tokens.issue(tx.manager, user);
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

import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { plainToInstance } from 'class-transformer';
import { createSecretKey } from 'crypto';
import { validateSync } from 'class-validator';
import { AuthUser, PLATFORM_ERRORS, PortalConfig } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { AccountStatusCache } from '../users/account-status';
import { AuthService } from './auth.service';
import { LoginDto } from './dto';

/**
 * Verifies the bearer access token (the global PermissionGuard uses this strategy), then the account behind it: a
 * token is only as good as its account, so the roles and organization are the account's current ones (not those
 * signed into the token) and a disabled or deleted account gets 401 — read through AccountStatusCache (≤ 5 s old).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    config: PortalConfig,
    private readonly accounts: AccountStatusCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: with a plain string jsonwebtoken first tries (and fails) to parse it as a PEM key on every request.
      // passport-jwt's types only name string | Buffer, though it hands the key to jsonwebtoken, which takes a KeyObject.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the types lag behind what the library accepts
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as any,
      ignoreExpiration: false,
    });
  }

  async validate(payload: {
    sub: string;
    roles: AuthUser['roles'];
    org: string | null;
    gen?: number;
    sid?: string;
  }): Promise<AuthUser> {
    const account = typeof payload.sub === 'string' ? await this.accounts.current(payload.sub) : null;
    if (!account || account.disabled) throw IDENTITY_ERRORS['AUTH.ACCOUNT_DISABLED']();
    // issued before a password reset or change, a removal from the organization or "sign out everywhere"
    if ((payload.gen ?? 0) !== account.tokenGeneration) throw IDENTITY_ERRORS['ACCOUNT.SESSION_ENDED']();
    // a session signed out on its own (logout, DELETE /api/me/sessions/:id)
    if (typeof payload.sid === 'string' && account.endedSessions.includes(payload.sid))
      throw IDENTITY_ERRORS['ACCOUNT.SESSION_ENDED']();
    const user: SessionUser = { id: payload.sub, roles: account.roles, organizationId: account.organizationId };
    if (typeof payload.sid === 'string') user.sessionId = payload.sid;
    if (account.scope && account.roles.includes('officer')) user.scope = account.scope;
    return user;
  }
}

/** The authenticated user with the session (refresh-token family) its access token belongs to, when it names one. */
export type SessionUser = AuthUser & { sessionId?: string };

/** E-mail and password (passport-local), with the failure limits of LoginLimiter. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: { ip?: string; socket?: { remoteAddress?: string } }, email: string, password: string) {
    return this.auth.authenticate(email, password, req.ip ?? req.socket?.remoteAddress ?? '');
  }
}

/** Validates the body shape first (400 for malformed), then runs passport-local. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length || !req.body || typeof req.body !== 'object') {
      throw PLATFORM_ERRORS['VALIDATION.MALFORMED']({
        details: errors.map((e) => ({ path: e.property, message: Object.values(e.constraints ?? {}).join('; ') })),
      });
    }
    return (await super.canActivate(ctx)) as boolean;
  }

  handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw IDENTITY_ERRORS['AUTH.BAD_CREDENTIALS']();
    return user;
  }
}

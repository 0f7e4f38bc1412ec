import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { plainToInstance } from 'class-transformer';
import { createSecretKey } from 'crypto';
import { validateSync } from 'class-validator';
import { AuthUser, PLATFORM_ERRORS, PortalConfig } from '@portal/platform';
import { IDENTITY_ERRORS } from '../errors';
import { AuthService } from './auth.service';
import { LoginDto } from './dto';

/** Verifies the bearer access token (the global PermissionGuard uses this strategy). */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(config: PortalConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: with a plain string jsonwebtoken first tries (and fails) to parse it as a PEM key on every request.
      // passport-jwt's types only name string | Buffer, though it hands the key to jsonwebtoken, which takes a KeyObject.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the types lag behind what the library accepts
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as any,
      ignoreExpiration: false,
    });
  }

  validate(payload: { sub: string; roles: AuthUser['roles']; org: string | null }): AuthUser {
    return { id: payload.sub, roles: payload.roles ?? [], organizationId: payload.org ?? null };
  }
}

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

import { unavailablePart } from '../errors/unavailable-error';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import { PLATFORM_ERRORS } from '../errors/platform-errors';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { AuthUser, Role } from './roles';

/**
 * Closed by default: a route is reachable only when it is marked @Public() or names its roles with @Roles().
 * The bearer token is verified by the passport 'jwt' strategy (libs/identity).
 */
@Injectable()
export class PermissionGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) {
      throw PLATFORM_ERRORS['AUTH.ROUTE_CLOSED']();
    }
    await (super.canActivate(context) as Promise<boolean>);
    const user: AuthUser = context.switchToHttp().getRequest().user;
    if (roles.includes('any') || roles.some((r) => user.roles.includes(r as Role))) return true;
    throw PLATFORM_ERRORS['AUTH.FORBIDDEN']();
  }

  handleRequest<T = AuthUser>(err: unknown, user: T | false): T {
    if (err instanceof DomainError) throw err;
    // the account behind the token could not be read (database or Redis away): 503 from the filter, not a 401
    if (err && unavailablePart(err)) throw err;
    if (err || !user) {
      throw PLATFORM_ERRORS['AUTH.UNAUTHENTICATED']();
    }
    return user;
  }
}

import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { AuthUser } from './roles';

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
      throw new DomainError('forbidden', 'AUTH.ROUTE_CLOSED', {
        zh: '此功能未开放',
        en: 'This route declares no permission and is closed',
      });
    }
    await (super.canActivate(context) as Promise<boolean>);
    const user: AuthUser = context.switchToHttp().getRequest().user;
    if (roles.includes('any') || roles.some((r) => user.roles.includes(r as any))) return true;
    throw new DomainError('forbidden', 'AUTH.FORBIDDEN', {
      zh: '您没有执行此操作的权限',
      en: 'You are not allowed to do this',
    });
  }

  handleRequest<T = AuthUser>(err: unknown, user: T | false): T {
    if (err instanceof DomainError) throw err;
    if (err || !user) {
      throw new DomainError('unauthenticated', 'AUTH.UNAUTHENTICATED', { zh: '请先登录', en: 'Please log in' });
    }
    return user;
  }
}

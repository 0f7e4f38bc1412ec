import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role, AuthUser } from './roles';

export const PUBLIC_KEY = 'portal:public';
export const ROLES_KEY = 'portal:roles';

/** Reachable without logging in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reachable by any logged-in user holding one of these roles; `'any'` = any logged-in user. */
export const Roles = (...roles: (Role | 'any')[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});

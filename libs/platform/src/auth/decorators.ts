import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role, AuthUser } from './roles';

export const PUBLIC_KEY = 'portal:public';
export const ROLES_KEY = 'portal:roles';

/** Reachable without logging in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reachable by any logged-in user holding one of these roles; `'any'` = any logged-in user. */
export const Roles = (...roles: (Role | 'any')[]) => SetMetadata(ROLES_KEY, roles);

export const PROVINCE_SCOPED_KEY = 'portal:province-scoped';

/**
 * Documents (issue 12) that an officer reaches here only their scope's records — the province × programs of their
 * agency (officer-visibility): lists filtered, another province's record 404, the national office's acts 404 for a
 * provincial officer. The route inventory marks such routes `officer@province`, and R1 sends an officer of another
 * province to them. It does no checking itself: the services do.
 */
export const ProvinceScoped = () => SetMetadata(PROVINCE_SCOPED_KEY, true);

/** The verified caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});

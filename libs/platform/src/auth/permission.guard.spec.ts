import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, Roles } from './decorators';
import { PermissionGuard } from './permission.guard';
import { DomainError } from '../errors/domain-error';

@Controller('x')
class Sample {
  @Public() @Get('open') open() {}
  @Roles('officer') @Get('officer') officer() {}
  @Roles('any') @Get('any') any() {}
  @Get('nothing') nothing() {}
}

function ctx(handler: string, user?: { roles: string[] }) {
  const req: any = { headers: {}, user };
  return {
    getHandler: () => (Sample.prototype as any)[handler],
    getClass: () => Sample,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({}) }),
  } as any;
}

describe('PermissionGuard (closed by default)', () => {
  const guard = new PermissionGuard(new Reflector());
  // Stand in for passport: the token check itself is covered by the e2e specs.
  const withUser = (user?: { roles: string[] }) =>
    jest.spyOn(Object.getPrototypeOf(PermissionGuard.prototype), 'canActivate').mockImplementation(async function (
      this: unknown,
      c: any,
    ) {
      if (!user)
        throw new DomainError('unauthenticated', 'AUTH.UNAUTHENTICATED', { zh: '请先登录', en: 'Please log in' });
      c.switchToHttp().getRequest().user = user;
      return true;
    });
  afterEach(() => jest.restoreAllMocks());

  it('lets anyone through a @Public route without a token', async () => {
    withUser(undefined);
    await expect(guard.canActivate(ctx('open'))).resolves.toBe(true);
  });

  it('refuses a route that declares nothing, even to an admin', async () => {
    withUser({ roles: ['admin'] });
    await expect(guard.canActivate(ctx('nothing'))).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'AUTH.ROUTE_CLOSED',
    });
  });

  it('needs a login for a role route (401), and the role (403)', async () => {
    withUser(undefined);
    await expect(guard.canActivate(ctx('officer'))).rejects.toMatchObject({ kind: 'unauthenticated' });
    jest.restoreAllMocks();
    withUser({ roles: ['applicant'] });
    await expect(guard.canActivate(ctx('officer'))).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'AUTH.FORBIDDEN',
    });
    jest.restoreAllMocks();
    withUser({ roles: ['applicant', 'officer'] });
    await expect(guard.canActivate(ctx('officer'))).resolves.toBe(true);
  });

  it("accepts any logged-in user on 'any' routes", async () => {
    withUser({ roles: ['expert'] });
    await expect(guard.canActivate(ctx('any'))).resolves.toBe(true);
  });

  it('turns a passport failure into 401', () => {
    expect(() => guard.handleRequest(null, false)).toThrow(DomainError);
    expect(guard.handleRequest(null, { id: 'u' } as any)).toEqual({ id: 'u' });
  });
});

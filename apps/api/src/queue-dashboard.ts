import { Controller, HttpCode, INestApplication, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { createHmac } from 'crypto';
import { AccountStatusCache } from '@portal/identity';
import { AuthUser, CurrentUser, PortalConfig, QUEUES, Roles } from '@portal/platform';

const BASE = '/admin/queues';
const COOKIE = 'qb_session';
const SESSION_SECONDS = 15 * 60;

/**
 * The dashboard's own signing key, derived from JWT_SECRET: a dashboard session cannot be used as an API bearer
 * token, and an API token cannot be put into the cookie.
 */
function sessionKey(config: PortalConfig): string {
  return createHmac('sha256', config.JWT_SECRET).update('queue-dashboard-session').digest('base64url');
}

/**
 * Opens the queue dashboard for an admin: the page POSTs here with its bearer token and gets an HttpOnly cookie
 * scoped to /admin/queues, so no token ever travels in a URL (URLs end up in access logs and browser history). The
 * cookie is `Secure` when the request came over TLS (req.secure, which honours X-Forwarded-Proto from the hops
 * TRUST_PROXY trusts).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/queues')
export class QueueDashboardController {
  private readonly jwt = new JwtService({});
  constructor(private readonly config: PortalConfig) {}

  @Roles('admin')
  @Post('session')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: `sets the HttpOnly cookie that opens ${BASE} for ${SESSION_SECONDS / 60} minutes`,
  })
  async open(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = await this.jwt.signAsync(
      { sub: user.id, dashboard: true },
      { secret: sessionKey(this.config), expiresIn: SESSION_SECONDS },
    );
    const secure = req.secure ? '; Secure' : '';
    res.setHeader(
      'Set-Cookie',
      `${COOKIE}=${token}; Path=${BASE}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure}`,
    );
  }
}

/** The BullMQ dashboard (bull-board) at /admin/queues: opened by the cookie above, or a bearer header of an admin. */
export function mountQueueDashboard(app: INestApplication) {
  const config = app.get(PortalConfig);
  const jwt = new JwtService({});
  const accounts = app.get(AccountStatusCache);
  const queues = Object.values(QUEUES).map((name) => new BullMQAdapter(app.get(getQueueToken(name))));
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({ queues, serverAdapter: adapter });
  const http = app.getHttpAdapter().getInstance();
  http.use(BASE, async (req: Request, res: Response, next: NextFunction) => {
    const fromHeader = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const fromCookie = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];
    try {
      let payload: { sub?: string; dashboard?: boolean } | null = null;
      if (fromHeader) payload = jwt.verify<{ sub?: string }>(fromHeader, { secret: config.JWT_SECRET });
      else if (fromCookie) {
        payload = jwt.verify<{ sub?: string; dashboard?: boolean }>(fromCookie, { secret: sessionKey(config) });
        if (payload?.dashboard !== true) throw new Error('not a dashboard session');
      } else throw new Error('no session');
      // the account's current roles and status, not the token's (a disabled admin or a removed role stops at once)
      const account = typeof payload?.sub === 'string' ? await accounts.current(payload.sub) : null;
      if (!account || account.disabled || !account.roles.includes('admin')) throw new Error('not admin');
      next();
    } catch {
      res.status(403).json({
        statusCode: 403,
        error: 'Forbidden',
        message: {
          zh: '仅管理员可查看任务队列（请从管理页面打开）',
          en: 'Only admins may open the queue dashboard (open it from the admin page)',
        },
        details: [],
      });
    }
  });
  http.use(BASE, adapter.getRouter());
}

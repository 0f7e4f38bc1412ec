import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { PortalConfig, QUEUES } from '@portal/platform';

const BASE = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board) for admins at /admin/queues. A browser cannot send a bearer header on
 * navigation, so the admin page opens it with ?token=<access token>, which is kept in an httpOnly cookie for the board's path.
 */
export function mountQueueDashboard(app: INestApplication) {
  const config = app.get(PortalConfig);
  const jwt = new JwtService({});
  const queues = Object.values(QUEUES).map((name) => new BullMQAdapter(app.get(getQueueToken(name))));
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({ queues, serverAdapter: adapter });
  const http = app.getHttpAdapter().getInstance();
  http.use(BASE, (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = typeof req.query?.token === 'string' ? req.query.token : undefined;
    const fromHeader = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const fromCookie = /(?:^|;\s*)qb_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = fromQuery ?? fromHeader ?? fromCookie;
    try {
      const payload = token ? jwt.verify<{ roles?: string[] }>(token, { secret: config.JWT_SECRET }) : null;
      if (!payload?.roles?.includes('admin')) throw new Error('not admin');
      if (fromQuery)
        res.setHeader('Set-Cookie', `qb_token=${fromQuery}; Path=${BASE}; HttpOnly; SameSite=Strict; Max-Age=900`);
      next();
    } catch {
      res.status(403).json({
        statusCode: 403,
        error: 'Forbidden',
        message: { zh: '仅管理员可查看任务队列', en: 'Only admins may open the queue dashboard' },
        details: [],
      });
    }
  });
  http.use(BASE, adapter.getRouter());
}

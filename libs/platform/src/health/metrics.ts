import { Controller, Get, Header, Headers } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'crypto';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import type { Request, Response } from 'express';
import { Public } from '../auth/decorators';
import { PortalConfig } from '../config/portal-config';
import { PLATFORM_ERRORS } from '../errors/platform-errors';

let started = false;
export const httpDuration = new Histogram({
  name: 'portal_http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export function startDefaultMetrics() {
  if (started) return;
  started = true;
  collectDefaultMetrics({ prefix: 'portal_' });
}

/** Express middleware recording each request by its matched route. */
export function metricsMiddleware(req: Request & { route?: { path?: string } }, res: Response, next: () => void) {
  const end = httpDuration.startTimer();
  res.on('finish', () =>
    end({
      method: req.method,
      route: req.route?.path ?? (req.path?.startsWith('/api') ? 'unmatched' : 'static'),
      status: res.statusCode,
    }),
  );
  next();
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus scrape endpoint (outside /api). Open when METRICS_TOKEN is unset; otherwise the scraper sends
 * `Authorization: Bearer <METRICS_TOKEN>` and anyone else gets 401.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: PortalConfig) {}

  @Public()
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(@Headers('authorization') authorization?: string) {
    const expected = this.config.METRICS_TOKEN;
    if (expected) {
      const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(expected))) throw PLATFORM_ERRORS['AUTH.UNAUTHENTICATED']();
    }
    return register.metrics();
  }
}

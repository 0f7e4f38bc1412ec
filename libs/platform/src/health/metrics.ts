import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import type { Request, Response } from 'express';
import { Public } from '../auth/decorators';

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

/** Prometheus scrape endpoint (outside /api). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('Content-Type', register.contentType)
  metrics() {
    return register.metrics();
  }
}

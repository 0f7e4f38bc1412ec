import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'fs';
import { join, resolve, sep } from 'path';
import { metricsMiddleware, PortalConfig, startDefaultMetrics } from '@portal/platform';
import { validationPipe } from './validation';
import { BodyGuardPipe, bodyParserErrors, contentTypeGuard, JSON_BODY_LIMIT, jsonBodyGuard } from './body-guard';
import { mountQueueDashboard } from './queue-dashboard';
import { buildOpenApiDocument } from './openapi';

/** Where the built web front end lives (vite builds into dist/web). */
export function webRoot(): string {
  return resolve(process.env.PORTAL_WEB_DIR ?? join(process.cwd(), 'dist', 'web'));
}

/** Everything HTTP about the app, shared by main.ts and the e2e tests. */
export function configureApp(app: INestApplication): INestApplication {
  const ex = app as NestExpressApplication;
  const config = app.get(PortalConfig);
  // TRUST_PROXY (docs/operations.md): which hops may name the client (req.ip, req.secure) for per-address limits
  ex.set('trust proxy', config.trustProxy);
  ex.disable('x-powered-by');
  startDefaultMetrics();
  ex.use(metricsMiddleware);
  // Every GET (pages, static files, docs, downloads, reads) gets helmet's full set (CSP, frame and referrer
  // policies…); the answers to API writes, which are JSON, get the headers that matter for JSON (no MIME sniffing,
  // same-origin reads, no referrer, no framing) without building the rest for every call.
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'media-src': ["'self'", 'blob:'],
        'script-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  ex.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !req.path.startsWith('/api/'))
      return pageHeaders(req, res, next);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  // hostile bodies (body-guard.ts): the type before parsing, the parser's errors with a reason, then depth and text
  ex.use(contentTypeGuard);
  ex.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  ex.use(bodyParserErrors);
  ex.use(jsonBodyGuard);
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(new BodyGuardPipe(), validationPipe);
  app.enableShutdownHooks();

  if (config.DOCS_PUBLIC) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  } // DOCS_PUBLIC=false: /api/docs and /api/docs-json answer 404

  mountQueueDashboard(app);

  const root = webRoot();
  if (existsSync(join(root, 'index.html'))) {
    // brotli or gzip for the pages and their scripts (the API's own answers are small JSON, left as they are)
    const gzip = compression();
    ex.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
      req.path.startsWith('/api') ? next() : gzip(req, res, next),
    );
    // Vite names every file under assets/ by its content: cached for a year; anything else for an hour
    ex.use(
      express.static(root, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, path) => {
          if (path.startsWith(join(root, 'assets') + sep))
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    // SPA fallback: any GET that is not the API, docs, metrics or the dashboard gets index.html.
    ex.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (
        req.method !== 'GET' ||
        req.path.startsWith('/api') ||
        req.path.startsWith('/metrics') ||
        req.path.startsWith('/admin/queues')
      )
        return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(root, 'index.html'));
    });
  }
  return app;
}

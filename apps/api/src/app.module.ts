import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'crypto';
import {
  ClockController,
  ErrorFilter,
  HealthController,
  loadConfig,
  MailOutboxController,
  MetricsController,
  PermissionGuard,
  PlatformModule,
} from '@portal/platform';
import { IdentityModule } from '@portal/identity';
import { FEATURE_MODULES } from './features';
import { BootstrapService } from './bootstrap.service';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
const LEVELS: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

function enabledOrSilent(configured: string, level: Level): Level | 'silent' {
  return LEVELS[level] >= (LEVELS[configured] ?? LEVELS.info) ? level : 'silent';
}

/** HTTP wiring only: the feature modules bring their controllers. */
@Module({})
export class AppModule {
  static register(): DynamicModule {
    const config = loadConfig();
    const controllers: Type<unknown>[] = [HealthController, MetricsController, MailOutboxController];
    if (config.PORTAL_TEST_CLOCK) controllers.push(ClockController); // otherwise the route does not exist (404)
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            // pino serialises a child logger's bindings when it is made, i.e. for every request even when nothing is
            // logged: the request is bound as the few fields worth having, not its headers (no token or cookie to redact)
            serializers: {
              req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
              }),
            },
            redact: ['req.body.password'],
            autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
            // 'silent' when the level is off skips building the response log record for nothing
            customLogLevel: (_req, res, err) =>
              enabledOrSilent(
                config.LOG_LEVEL,
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
              ),
          },
        }),
        PlatformModule,
        IdentityModule,
        ...FEATURE_MODULES,
      ],
      controllers,
      providers: [
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        BootstrapService,
      ],
    };
  }
}

import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'crypto';
import {
  ClockController,
  ErrorFilter,
  HealthController,
  loadConfig,
  MailOutboxController,
  InboxController,
  MetricsController,
  PermissionGuard,
  PlatformModule,
  StagingClockSync,
} from '@portal/platform';
import { IdentityApiModule } from '@portal/identity';
import { FEATURE_MODULES } from './features';
import { BootstrapService } from './bootstrap.service';
import { QueueDashboardController } from './queue-dashboard';
import { WorklistController } from './worklist';

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
    const controllers: Type<unknown>[] = [
      HealthController,
      MetricsController,
      MailOutboxController,
      InboxController,
      QueueDashboardController,
      WorklistController,
    ];
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
                // a token someone still puts into a query string is not kept in the log
                url: req.url.replace(/([?&](?:token|access_token)=)[^&]*/gi, '$1[redacted]'),
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
        IdentityApiModule,
        ...FEATURE_MODULES,
      ],
      controllers,
      providers: [
        { provide: APP_GUARD, useClass: PermissionGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        BootstrapService,
        // staging clock: each request reads the stored clock first (every replica decides with the time of the moment)
        ...(config.PORTAL_TEST_CLOCK ? [{ provide: APP_INTERCEPTOR, useClass: StagingClockSync }] : []),
      ],
    };
  }
}

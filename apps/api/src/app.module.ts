import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'crypto';
import { ClockController, ErrorFilter, HealthController, loadConfig, MetricsController, PermissionGuard, PlatformModule } from '@portal/platform';
import { IdentityModule } from '@portal/identity';
import { FEATURE_MODULES } from './features';
import { BootstrapService } from './bootstrap.service';

/** HTTP wiring only: the feature modules bring their controllers. */
@Module({})
export class AppModule {
  static register(): DynamicModule {
    const config = loadConfig();
    const controllers: Type<unknown>[] = [HealthController, MetricsController];
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
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
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

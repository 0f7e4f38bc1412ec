import { DynamicModule, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loadConfig, MailProcessor, PlatformModule } from '@portal/platform';
import { WORKER_FEATURE_MODULES } from './features';

/** Processors only: every BullMQ consumer of the portal runs here, never in the API. */
@Module({})
export class WorkerModule {
  static register(): DynamicModule {
    const config = loadConfig();
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL } }),
        PlatformModule,
        ...WORKER_FEATURE_MODULES,
      ],
      providers: [MailProcessor as Type<unknown>],
    };
  }
}

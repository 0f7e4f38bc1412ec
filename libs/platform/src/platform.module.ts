import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AuditService } from './audit/audit.service';
import { CalendarService } from './calendar/calendar.service';
import { ClockService } from './clock/clock.service';
import { loadConfig, PortalConfig } from './config/portal-config';
import { dataSourceOptions } from './database/data-source-options';
import { CounterStore, counterStoreProvider } from './limits/counter-store';
import { JobSchedules } from './queue/job-schedulers';
import { MailOutboxService } from './mail/mail-outbox';
import { MailService } from './mail/mail.service';
import { QUEUES } from './queue/queues';
import { redisOptions } from './queue/redis-connection';
import { RedisService } from './queue/redis.service';

/** Config, database, queues, clock, audit, mail and calendar: what every app (api, worker) needs. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => {
        const config = loadConfig();
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's options union does not narrow on a spread of DataSourceOptions
        return { ...dataSourceOptions(config.DATABASE_URL), autoLoadEntities: true } as any;
      },
    }),
    BullModule.forRootAsync({
      useFactory: () => {
        const config = loadConfig();
        if (config.QUEUE_ON_POSTGRES) {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Postgres backend's factory type is bullmq-postgres's, not BullMQ's own
          setDefaultBackendFactory(createPostgresBackend as any);
          return {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any -- BullMQ types `connection` as Redis options; the Postgres backend reads these
            connection: { connectionString: config.DATABASE_URL, migrate: true } as any,
            prefix: config.REDIS_PREFIX,
          };
        }
        return { connection: redisOptions(config.REDIS_URL), prefix: config.REDIS_PREFIX };
      },
    }),
    BullModule.registerQueue({ name: QUEUES.mail }, { name: QUEUES.payments }, { name: QUEUES.reviews }),
  ],
  providers: [
    { provide: PortalConfig, useFactory: () => loadConfig() },
    ClockService,
    AuditService,
    MailService,
    MailOutboxService,
    CalendarService,
    RedisService,
    counterStoreProvider,
    JobSchedules,
  ],
  exports: [
    PortalConfig,
    ClockService,
    AuditService,
    MailService,
    MailOutboxService,
    CalendarService,
    RedisService,
    CounterStore,
    JobSchedules,
    BullModule,
  ],
})
export class PlatformModule {}

import { BullModule } from '@nestjs/bullmq';
import { PersonalDataCipher } from './crypto/personal-data-cipher';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AuditService } from './audit/audit.service';
import { CalendarService } from './calendar/calendar.service';
import { ClockService } from './clock/clock.service';
import { loadConfig, PortalConfig } from './config/portal-config';
import { dataSourceOptions, outagePoolOptions } from './database/data-source-options';
import { CounterStore, counterStoreProvider } from './limits/counter-store';
import { RateLimiter } from './limits/rate-limiter';
import { JobSchedules } from './queue/job-schedulers';
import { InboxService } from './mail/inbox';
import { MailOutboxService } from './mail/mail-outbox';
import { MailService } from './mail/mail.service';
import { QUEUES } from './queue/queues';
import { QueueErrorLog } from './queue/queue-errors';
import { redisOptions } from './queue/redis-connection';
import { RedisService } from './queue/redis.service';

/** Config, database, queues, clock, audit, mail and calendar: what every app (api, worker) needs. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => {
        const config = loadConfig();
        const options = dataSourceOptions(config.DATABASE_URL, {}, outagePoolOptions(config));
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's options union does not narrow on a spread of DataSourceOptions
        return { ...options, autoLoadEntities: true } as any;
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
    BullModule.registerQueue(
      { name: QUEUES.mail },
      { name: QUEUES.payments },
      { name: QUEUES.reviews },
      { name: QUEUES.uploads },
      { name: QUEUES.followup },
      { name: QUEUES.statistics },
      { name: QUEUES.calls },
    ),
  ],
  providers: [
    { provide: PortalConfig, useFactory: () => loadConfig() },
    ClockService,
    AuditService,
    MailService,
    MailOutboxService,
    InboxService,
    CalendarService,
    RedisService,
    counterStoreProvider,
    RateLimiter,
    JobSchedules,
    PersonalDataCipher,
    QueueErrorLog,
  ],
  exports: [
    PortalConfig,
    ClockService,
    AuditService,
    MailService,
    MailOutboxService,
    InboxService,
    CalendarService,
    RedisService,
    CounterStore,
    RateLimiter,
    JobSchedules,
    BullModule,
    PersonalDataCipher,
  ],
})
export class PlatformModule {}

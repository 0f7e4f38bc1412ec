import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService, inTransaction, PortalConfig } from '@portal/platform';
import { UsersService } from '@portal/identity';
import { seedReferenceData } from '../../../seeds/reference';

/**
 * On start: reference data (holiday calendar, programs) and the first admin. Idempotent and serialised by an
 * advisory lock, so several API replicas may start together.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly users: UsersService,
    private readonly config: PortalConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      await tx.manager.query('SELECT pg_advisory_xact_lock(7261002)');
      await seedReferenceData(tx.manager, this.calendar);
    });
    const admin = await this.users.bootstrapAdmin(this.config.PORTAL_ADMIN_EMAIL, this.config.PORTAL_ADMIN_PASSWORD);
    if (admin === 'skipped')
      this.logger.warn('no admin exists and PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD are unset');
  }
}

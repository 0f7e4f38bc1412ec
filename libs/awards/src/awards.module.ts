import { Module } from '@nestjs/common';
import { ProgramsModule } from '@portal/programs';
import { ApplicationsModule } from '@portal/applications';
import { StorageModule } from '@portal/storage';
import { CalendarAdminController, CalendarAdminService } from './calendar/calendar-admin';
import { CertificatesService } from './certificates/certificates.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';
import { AwardsController, FinalizeController, PublicAwardsController } from './final/awards.controller';
import { AwardsService } from './final/awards.service';
import { PublicListsService } from './final/public-lists.service';
import { FinalizeService } from './final/finalize.service';
import { CallNoticesController, PublicNoticesController } from './notices/notices.controller';
import { NoticesService } from './notices/notices.service';
import { ObjectionsController, PublicObjectionsController } from './objections/objections.controller';
import { ObjectionsService } from './objections/objections.service';
import { ApplicationOutcome } from './shared/application-outcome';
import { RankingReader } from './shared/ranking.reader';

/**
 * Decisions, the public notice (公示) and its objections, the final list, certificates, revocation; the calendar admin.
 * Money goes through the AWARD_PAYMENTS port, which the (global) PaymentsModule provides.
 */
@Module({
  imports: [ProgramsModule, ApplicationsModule, StorageModule],
  controllers: [
    DecisionsController,
    CallNoticesController,
    PublicNoticesController,
    PublicObjectionsController,
    ObjectionsController,
    FinalizeController,
    AwardsController,
    PublicAwardsController,
    CalendarAdminController,
  ],
  providers: [
    ApplicationOutcome,
    RankingReader,
    DecisionsService,
    NoticesService,
    ObjectionsService,
    FinalizeService,
    AwardsService,
    PublicListsService,
    CertificatesService,
    CalendarAdminService,
  ],
  exports: [AwardsService],
})
export class AwardsModule {}

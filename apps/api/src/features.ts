import { Type } from '@nestjs/common';
import { ReviewModule } from '@portal/review';
import { ProgramsModule } from '@portal/programs';
import { ApplicationsModule } from '@portal/applications';
import { AwardsModule } from '@portal/awards';
import { PaymentsModule } from '@portal/payments';
import { FollowupModule } from '@portal/followup';
import { DossierModule } from '@portal/dossier';
import { StatisticsModule } from '@portal/statistics';

/** The feature modules the API serves, one line each. */
export const FEATURE_MODULES: Type<unknown>[] = [
  ReviewModule,
  ProgramsModule,
  ApplicationsModule,
  PaymentsModule,
  AwardsModule,
  FollowupModule,
  DossierModule,
  StatisticsModule,
];

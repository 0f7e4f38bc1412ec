import { Type } from '@nestjs/common';
import { ReviewModule } from '@portal/review';
import { ProgramsModule } from '@portal/programs';
import { ApplicationsModule } from '@portal/applications';
import { AwardsModule } from '@portal/awards';
import { PaymentsModule } from '@portal/payments';

/** The feature modules the API serves, one line each. */
export const FEATURE_MODULES: Type<unknown>[] = [
  ReviewModule,
  ProgramsModule,
  ApplicationsModule,
  PaymentsModule,
  AwardsModule,
];

import { Type } from '@nestjs/common';
import { ProgramsModule } from '@portal/programs';
import { ApplicationsModule } from '@portal/applications';
import { ReviewModule } from '@portal/review';

/** The feature modules the API serves, one line each. */
export const FEATURE_MODULES: Type<unknown>[] = [
  ProgramsModule,
  ApplicationsModule,
  ReviewModule,
];

import { Type } from '@nestjs/common';
import { ReviewWorkerModule } from '@portal/review';
import { PaymentsWorkerModule } from '@portal/payments';
import { ApplicationsWorkerModule } from '@portal/applications';
import { FollowupWorkerModule } from '@portal/followup';
import { StatisticsWorkerModule } from '@portal/statistics';

/** Feature modules whose processors run in the worker, one line each. */
export const WORKER_FEATURE_MODULES: Type<unknown>[] = [
  ReviewWorkerModule,
  PaymentsWorkerModule,
  ApplicationsWorkerModule,
  FollowupWorkerModule,
  StatisticsWorkerModule,
];

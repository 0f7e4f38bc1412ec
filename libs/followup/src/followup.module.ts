import { Module } from '@nestjs/common';
import { IdentityModule } from '@portal/identity';
import { AwardCertificatesModule, AwardsModule } from '@portal/awards';
import { PaymentsWorkerModule } from '@portal/payments';
import { ProgramsModule } from '@portal/programs';
import { StorageModule } from '@portal/storage';
import { ChangeReportsController } from './change-reports/change-reports.controller';
import { ChangeReportsService } from './change-reports/change-reports.service';
import { LicenceInterceptor } from './change-reports/licence.interceptor';
import { AnnualReviewsController, AwardAnnualReviewsController } from './annual-review/annual-review.controller';
import { AnnualReviewService } from './annual-review/annual-review.service';
import { AnnualReviewMachine } from './annual-review/annual-review.machine';
import { AnnualReviewLapseProcessor } from './annual-review/annual-review-lapse.processor';
import { FollowupDossier } from './dossier/followup-dossier';
import { AgreementsController, AwardAgreementController } from './agreements/agreements.controller';
import { AgreementsService } from './agreements/agreements.service';
import { AwardChangesController, ChangesController } from './changes/changes.controller';
import { ChangesService } from './changes/changes.service';
import { EvaluationService } from './evaluation/evaluation.service';
import { ReportSweep } from './reports/report-sweep';
import { ReportSweepProcessor } from './reports/report-sweep.processor';
import { ReportWarningsService } from './reports/report-warnings.service';
import { AwardReportsController, ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';

/** The annual review's services, in the API and in the worker. */
const ANNUAL_REVIEW_PROVIDERS = [AnnualReviewService, AnnualReviewMachine];

/**
 * After the award (issue 13): task agreements (签约), reports (中期检查, 结项) with their reminders and holds, evaluation
 * (绩效评价), changes (变更), the 认定 change reports and the annual review of certificates (年审).
 */
@Module({
  imports: [IdentityModule, AwardsModule, AwardCertificatesModule, ProgramsModule, StorageModule],
  controllers: [
    AwardAgreementController,
    AgreementsController,
    AwardChangesController,
    ChangesController,
    AwardReportsController,
    ReportsController,
    ChangeReportsController,
    AwardAnnualReviewsController,
    AnnualReviewsController,
  ],
  providers: [
    AgreementsService,
    ChangesService,
    ReportsService,
    ReportWarningsService,
    EvaluationService,
    ReportSweep,
    ChangeReportsService,
    LicenceInterceptor,
    ...ANNUAL_REVIEW_PROVIDERS,
    FollowupDossier,
  ],
  exports: [FollowupDossier, AgreementsService, ReportSweep],
})
export class FollowupModule {}

/** Followup in the worker: report reminders, overdue holds and warnings, and the annual review's lapse. */
@Module({
  imports: [AwardCertificatesModule, ProgramsModule, StorageModule, PaymentsWorkerModule],
  providers: [...ANNUAL_REVIEW_PROVIDERS, AnnualReviewLapseProcessor, ReportSweep, ReportSweepProcessor],
  exports: [ReportSweep],
})
export class FollowupWorkerModule {}

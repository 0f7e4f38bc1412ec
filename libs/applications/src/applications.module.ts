import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApplicationPersonalData } from './applications/personal-data';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@portal/identity';
import { ProgramsModule } from '@portal/programs';
import { ApplicationLifecycleService } from './applications/application-lifecycle.service';
import { ApplicationStateMachine } from './applications/application-state-machine';
import { SubmitWriter } from './applications/submit-writer';
import { Application, ApplicationHistory } from './applications/application.entity';
import { ApplicationRepository } from './applications/application.repository';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { EligibilityContextBuilder } from './applications/eligibility-context.builder';
import { Attachment } from './attachments/attachment.entity';
import { AttachmentLinksController, AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { Call } from './calls/call.entity';
import { CallsController } from './calls/calls.controller';
import { CallsService } from './calls/calls.service';
import { StorageModule } from '@portal/storage';
import { TusUploadService } from './tus/tus-upload.service';
import { TusMiddleware } from './tus/tus.middleware';
import { UploadRows } from './tus/upload-rows';
import { UploadSweepProcessor } from './tus/upload-sweep.processor';
import { ProvincialStageController } from './provincial/provincial-stage.controller';
import { ProvincialStageService } from './provincial/provincial-stage.service';
import { CallSeriesController } from './calls/series/call-series.controller';
import { CallSeriesProcessor } from './calls/series/call-series.processor';
import { CallSeriesService } from './calls/series/call-series.service';

/** Calls (申报批次), applications from draft to the formal check, attachments and resumable uploads. */
@Module({
  imports: [
    IdentityModule,
    ProgramsModule,
    StorageModule,
    TypeOrmModule.forFeature([Call, Application, ApplicationHistory, Attachment]),
  ],
  controllers: [
    CallsController,
    ApplicationsController,
    AttachmentsController,
    AttachmentLinksController,
    ProvincialStageController,
    CallSeriesController,
  ],
  providers: [
    CallsService,
    ApplicationRepository,
    ApplicationStateMachine,
    SubmitWriter,
    EligibilityContextBuilder,
    ApplicationsService,
    ApplicationLifecycleService,
    AttachmentsService,
    UploadRows,
    TusUploadService,
    ApplicationPersonalData,
    ProvincialStageService,
    CallSeriesService,
  ],
  exports: [
    CallsService,
    ApplicationRepository,
    ApplicationStateMachine,
    ApplicationsService,
    ApplicationLifecycleService,
    AttachmentsService,
    TusUploadService,
    ProvincialStageService,
    CallSeriesService,
    TypeOrmModule,
  ],
})
export class ApplicationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TusMiddleware)
      .forRoutes(
        { path: 'applications/:id/uploads', method: RequestMethod.ALL },
        { path: 'applications/:id/uploads/*upload', method: RequestMethod.ALL },
      );
  }
}

/** Applications in the worker: the upload sweep (expiry of abandoned uploads, recording of finished ones left behind) and the recurring calls (issue 15). */
@Module({ imports: [ApplicationsModule], providers: [UploadSweepProcessor, CallSeriesProcessor] })
export class ApplicationsWorkerModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule, EXPERT_ACCESS } from '@portal/applications';
import { EXPERT_PROFILES, IdentityModule, PROGRAM_CODES } from '@portal/identity';
import { ProgramRegistry, ProgramsModule } from '@portal/programs';
import { ReviewAccess } from './access/review-access';
import { ReviewDrawService } from './assignment/review-draw.service';
import { ExpertConflict, ExpertProfile } from './experts/expert.entity';
import { ExpertProfilesWriter } from './experts/expert-profiles.writer';
import { ExpertsController } from './experts/experts.controller';
import { ExpertsService } from './experts/experts.service';
import { ReminderScheduler } from './reminders/reminder.scheduler';
import { ReviewRepository } from './review.repository';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';
import { ProvincialRoundController, RoundController } from './round/round.controller';
import { RoundService } from './round/round.service';
import { DeliberationController } from './deliberation/deliberation.controller';
import { DeliberationService } from './deliberation/deliberation.service';

/**
 * Expert review (API side): the pool, the draw, reviewing, blindness, the close and the ranking. Global only to
 * provide the ports lower libs declare (applications' EXPERT_ACCESS, identity's EXPERT_PROFILES), which those libs'
 * modules cannot import.
 */
@Global()
@Module({
  imports: [
    ProgramsModule,
    IdentityModule,
    ApplicationsModule,
    TypeOrmModule.forFeature([ExpertProfile, ExpertConflict]),
  ],
  controllers: [
    ExpertsController,
    ReviewsController,
    RoundController,
    ProvincialRoundController,
    DeliberationController,
  ],
  providers: [
    ReviewRepository,
    ReviewDrawService,
    ReminderScheduler,
    ReviewsService,
    RoundService,
    DeliberationService,
    ExpertsService,
    ReviewAccess,
    { provide: EXPERT_ACCESS, useExisting: ReviewAccess },
    ExpertProfilesWriter,
    { provide: EXPERT_PROFILES, useExisting: ExpertProfilesWriter },
    // identity's agencies name programs; the registry knows them (identity cannot import programs)
    {
      provide: PROGRAM_CODES,
      useFactory: (registry: ProgramRegistry) => ({ codes: () => registry.list().map((d) => d.code) }),
      inject: [ProgramRegistry],
    },
  ],
  exports: [EXPERT_ACCESS, EXPERT_PROFILES, PROGRAM_CODES],
})
export class ReviewModule {}

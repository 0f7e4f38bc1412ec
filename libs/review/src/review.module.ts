import { Module } from '@nestjs/common';
import { ProgramsModule } from '@portal/programs';
import { ReviewAccessModule } from './access/review-access';
import { ReviewDrawService } from './assignment/review-draw.service';
import { ExpertsController } from './experts/experts.controller';
import { ExpertsService } from './experts/experts.service';
import { ReminderScheduler } from './reminders/reminder.scheduler';
import { ReviewRepository } from './review.repository';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';
import { RoundController } from './round/round.controller';
import { RoundService } from './round/round.service';

/** Expert review (API side): the pool, the draw, reviewing, blindness, the close and the ranking. */
@Module({
  imports: [ProgramsModule, ReviewAccessModule],
  controllers: [ExpertsController, ReviewsController, RoundController],
  providers: [ReviewRepository, ReviewDrawService, ReminderScheduler, ReviewsService, RoundService, ExpertsService],
  exports: [ReviewAccessModule],
})
export class ReviewModule {}

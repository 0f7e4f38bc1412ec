import { Module } from '@nestjs/common';
import { ReviewReminderProcessor } from './reminders/reminder.processor';

/** Expert review (worker side): the reminder processor of the `reviews` queue. */
@Module({ providers: [ReviewReminderProcessor], exports: [ReviewReminderProcessor] })
export class ReviewWorkerModule {}

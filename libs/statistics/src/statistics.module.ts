import { Module } from '@nestjs/common';
import { ProgramsModule } from '@portal/programs';
import { PublicStatisticsController, StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';
import { StatisticsRefresher } from './statistics-refresher';
import { StatisticsRefreshProcessor } from './statistics-refresh.processor';

/**
 * Statistics (issue 14, item 8): applications, pass rates, awards and money committed and paid by program, province
 * and year, for the public (no login) and for officers (their scope). Owns `stats_cell` and `stats_refresh`.
 */
@Module({
  imports: [ProgramsModule],
  controllers: [PublicStatisticsController, StatisticsController],
  providers: [StatisticsService, StatisticsRefresher],
  exports: [StatisticsService, StatisticsRefresher],
})
export class StatisticsModule {}

/** Statistics in the worker: the summary's scheduled refresh. */
@Module({
  providers: [StatisticsRefresher, StatisticsRefreshProcessor],
  exports: [StatisticsRefresher],
})
export class StatisticsWorkerModule {}

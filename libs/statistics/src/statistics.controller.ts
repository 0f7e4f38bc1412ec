import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, officerScope, ProvinceScoped, Public, Roles } from '@portal/platform';
import { StatisticsService } from './statistics.service';
import { StatisticsRefresher } from './statistics-refresher';
import { StatisticsDashboardResponse, StatisticsQuery, StatisticsRefreshResponse } from './statistics.responses';

const filterOf = (q: StatisticsQuery) => ({ program: q.program, province: q.province, year: q.year });

/** The public statistics (no login): aggregated, cached briefly. */
@ApiTags('public')
@Controller('public')
export class PublicStatisticsController {
  constructor(private readonly stats: StatisticsService) {}

  /** Totals and the breakdowns by program, province and year (the summary; `refreshedAt` says how fresh). */
  @Public()
  @Get('statistics')
  @ApiOkResponse({ type: StatisticsDashboardResponse })
  dashboard(@Query() q: StatisticsQuery, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'public, max-age=30');
    return this.stats.publicDashboard(filterOf(q));
  }

  /** Every program × province × year cell as CSV (header row; money in yuan). */
  @Public()
  @Get('statistics.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(fileResponse('the statistics as CSV (header row)', 'text/csv'))
  async csv(@Query() q: StatisticsQuery, @Res() res: Response) {
    const body = await this.stats.csv(filterOf(q), null);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="statistics.csv"');
    res.setHeader('Cache-Control', 'public, max-age=30');
    res.send(body);
  }
}

/** The officers' (and admins') dashboards: the same figures, limited to the officer's scope. */
@ApiTags('statistics')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly stats: StatisticsService,
    private readonly refresher: StatisticsRefresher,
  ) {}

  /** As the public's, for the caller's scope: a provincial officer's province (and programs) only. */
  @Roles('officer', 'admin')
  @Get()
  @ApiOkResponse({ type: StatisticsDashboardResponse })
  dashboard(@CurrentUser() user: AuthUser, @Query() q: StatisticsQuery) {
    return this.stats.dashboard(filterOf(q), scopeOf(user));
  }

  /** The caller's scope's cells as CSV. */
  @Roles('officer', 'admin')
  @Get('cells.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(fileResponse('the statistics of the caller’s scope as CSV (header row)', 'text/csv'))
  async csv(@CurrentUser() user: AuthUser, @Query() q: StatisticsQuery, @Res() res: Response) {
    const body = await this.stats.csv(filterOf(q), scopeOf(user));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="statistics.csv"');
    res.send(body);
  }

  /** Recompute the summary now (the worker does it every STATS_REFRESH_EVERY_MS). */
  @Roles('admin')
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: StatisticsRefreshResponse })
  async refresh() {
    const done = await this.refresher.refresh();
    this.stats.clearCache(); // this process's public cache; another API process sees it within 30 s
    return done;
  }
}

function scopeOf(user: AuthUser) {
  return user.roles.includes('officer') ? officerScope(user) : null;
}

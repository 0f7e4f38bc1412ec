import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, UuidPipe } from '@portal/platform';
import { CallSeriesListResponse, CallSeriesResponse, OpenedCallsResponse } from '../../applications.responses';
import { CreateCallSeriesDto, UpdateCallSeriesDto } from './call-series.dto';
import { CallSeriesService } from './call-series.service';

/** Recurring calls (issue 15): series of calls opened each quarter, year or three years from a template. */
@ApiTags('calls')
@ApiBearerAuth()
@Roles('officer')
@Controller('call-series')
export class CallSeriesController {
  constructor(private readonly series: CallSeriesService) {}

  /**
   * A new series; the call of a period already due opens at once. 403 for a provincial officer or a program outside
   * the agency, 422 for an unknown program, 400 for a bad template or provincial settings.
   */
  @Post()
  @ApiCreatedResponse({ type: CallSeriesResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCallSeriesDto) {
    return this.series.create(user, dto);
  }

  /** The series of the programs the officer's agency handles, with the calls opened and the next period. */
  @Get()
  @ApiOkResponse({ type: CallSeriesListResponse })
  list(@CurrentUser() user: AuthUser) {
    return this.series.list(user);
  }

  @Get(':id')
  @ApiOkResponse({ type: CallSeriesResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.series.get(user, id);
  }

  /** Stops or resumes the series (`active`); a resumed series opens what is due at once. */
  @Patch(':id')
  @ApiOkResponse({ type: CallSeriesResponse })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateCallSeriesDto) {
    return this.series.setActive(user, id, dto.active);
  }

  /**
   * Opens now what the worker's next run would (the calls of due periods without one) for every series the officer
   * may see; the answer lists the calls opened (none when nothing was due). Idempotent.
   */
  @Post('open-due')
  @HttpCode(200)
  @ApiOkResponse({ type: OpenedCallsResponse })
  openDue(@CurrentUser() user: AuthUser) {
    return this.series.openDueFor(user);
  }
}

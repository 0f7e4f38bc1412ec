import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { DecisionDto, FillByRankingDto } from './decision.dto';
import { DecisionsService } from './decisions.service';
import { DecisionSavedResponse, DecisionsResponse, FillProposalResponse } from '../awards.responses';

@ApiTags('awards')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('calls/:callId/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  /** `{ budgetFen, committedFen, items }`: every reviewed application with its rank, score and decision. */
  @Roles('officer')
  @Get()
  @ApiOkResponse({ type: DecisionsResponse })
  list(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.decisions.list(user, callId);
  }

  /** A proposal down the ranking by tier until the budget is spent; saved only with `confirm: true`. */
  @Roles('officer')
  @Post('fill-by-ranking')
  @HttpCode(200)
  @ApiOkResponse({ type: FillProposalResponse })
  fill(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string, @Body() dto: FillByRankingDto) {
    return this.decisions.fillByRanking(user, callId, dto);
  }

  /** award → `proposed`; reject → stays (or goes back to) `reviewed`. */
  @Roles('officer')
  @Put(':applicationId')
  @ApiOkResponse({ type: DecisionSavedResponse })
  put(
    @CurrentUser() user: AuthUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('applicationId', UuidPipe) applicationId: string,
    @Body() dto: DecisionDto,
  ) {
    return this.decisions.put(user, callId, applicationId, dto);
  }
}

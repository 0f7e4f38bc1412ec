import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { ApplicationResponse, ProvinceCountsResponse, RecommendationResultResponse } from '../applications.responses';
import { ProvincialCheckDto, RecommendationDto } from './provincial.dto';
import { ProvincialStageService } from './provincial-stage.service';

/** The provincial stage of calls (issue 12): the province's check, its recommendations, the counts per province. */
@ApiTags('provincial stage')
@ApiBearerAuth()
@ProvinceScoped()
@Controller()
export class ProvincialStageController {
  constructor(private readonly provincial: ProvincialStageService) {}

  /** The provincial office's formal check (初审): pass with the opinion, return for correction, or reject. */
  @Roles('officer')
  @Post('applications/:id/provincial-check')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  check(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ProvincialCheckDto) {
    return this.provincial.check(user, id, dto);
  }

  /** The province's recommendations in order (推荐排序), within its quota; the rest end not recommended. */
  @Roles('officer')
  @Post('calls/:callId/recommendations')
  @HttpCode(200)
  @ApiOkResponse({ type: RecommendationResultResponse })
  recommend(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string, @Body() dto: RecommendationDto) {
    return this.provincial.recommend(user, callId, dto);
  }

  /** Per province: received, passed, forwarded, not recommended, and the quota (a provincial officer: their own). */
  @Roles('officer')
  @Get('calls/:callId/provinces')
  @ApiOkResponse({ type: [ProvinceCountsResponse] })
  provinces(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.provincial.provinces(user, callId);
  }
}

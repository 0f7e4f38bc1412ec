import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, pageOf, Roles } from '@portal/platform';
import { ExpertListQuery, ExpertsService, UpdateMyExpertProfileDto } from './experts.service';
import { ExpertResponse, MyExpertProfileResponse } from '../review.responses';

@ApiTags('review')
@ApiBearerAuth()
@Controller('experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  /** The pool: fields, employer, region, availability, declared conflicts and load (in `?callId=`, else overall). */
  @Roles('officer')
  @Get()
  @ApiOkResponse({ type: pageOf(ExpertResponse) })
  list(@Query() q: ExpertListQuery) {
    return this.experts.list(q);
  }

  @Roles('expert')
  @Get('me')
  @ApiOkResponse({ type: MyExpertProfileResponse })
  me(@CurrentUser() user: AuthUser) {
    return this.experts.me(user);
  }

  /** The expert keeps availability and declared conflicts up to date (fields, employer and region are set by admins). */
  @Roles('expert')
  @Put('me')
  @ApiOkResponse({ type: MyExpertProfileResponse })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMyExpertProfileDto) {
    return this.experts.updateMe(user, dto);
  }
}

import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, pageOf, Roles } from '@portal/platform';
import { ExpertListQuery, ExpertsService, OrganizationSearchQuery, UpdateMyExpertProfileDto } from './experts.service';
import { ExpertResponse, MyExpertProfileResponse, OrganizationSearchItemResponse } from '../review.responses';

@ApiTags('review')
@ApiBearerAuth()
@Controller('experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  /**
   * The pool: fields, employer, region, availability, declared conflicts and load (in `?callId=`, else overall). An
   * officer of a province sees the experts registered with that province (the pool its provincial round draws from);
   * a `callId` of a program outside the officer's programs is 404.
   */
  @Roles('officer')
  @Get()
  @ApiOkResponse({ type: pageOf(ExpertResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: ExpertListQuery) {
    return this.experts.list(user, q);
  }

  @Roles('expert')
  @Get('me')
  @ApiOkResponse({ type: MyExpertProfileResponse })
  me(@CurrentUser() user: AuthUser) {
    return this.experts.me(user);
  }

  /**
   * Organizations to declare a conflict with, by a part of the name or the start of the credit code: id, name and
   * credit code only, ≤ 20 a page, 30 searches a minute per expert (429 `EXPERT.TOO_MANY_SEARCHES`).
   */
  @Roles('expert')
  @Get('organizations')
  @ApiOkResponse({ type: pageOf(OrganizationSearchItemResponse) })
  searchOrganizations(@CurrentUser() user: AuthUser, @Query() q: OrganizationSearchQuery) {
    return this.experts.searchOrganizations(user, q);
  }

  /** The expert keeps availability and declared conflicts up to date (fields, employer and region are set by admins). */
  @Roles('expert')
  @Put('me')
  @ApiOkResponse({ type: MyExpertProfileResponse })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMyExpertProfileDto) {
    return this.experts.updateMe(user, dto);
  }
}

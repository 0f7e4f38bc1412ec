import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@portal/platform';
import { ExpertListQuery, ExpertsService, UpdateMyExpertProfileDto } from './experts.service';

@ApiTags('review')
@ApiBearerAuth()
@Controller('experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  /** The pool: fields, employer, region, availability, declared conflicts and load (in `?callId=`, else overall). */
  @Roles('officer')
  @Get()
  list(@Query() q: ExpertListQuery) {
    return this.experts.list(q);
  }

  @Roles('expert')
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.experts.me(user);
  }

  /** The expert keeps availability and declared conflicts up to date (fields, employer and region are set by admins). */
  @Roles('expert')
  @Put('me')
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMyExpertProfileDto) {
    return this.experts.updateMe(user, dto);
  }
}

import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, pageOf, Roles, UuidPipe } from '@portal/platform';
import { AgencyResponse } from '../identity.responses';
import { AgenciesService } from './agencies.service';
import { AgencyListQuery, CreateAgencyDto, UpdateAgencyDto } from './agency.dto';

/** Agencies (主管部门, issue 12): officers and admins list them; admins create and edit them. Never deleted. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Roles('officer', 'admin')
  @Get()
  @ApiOkResponse({ type: pageOf(AgencyResponse) })
  list(@Query() q: AgencyListQuery) {
    return this.agencies.list(q);
  }

  @Roles('officer', 'admin')
  @Get(':id')
  @ApiOkResponse({ type: AgencyResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.agencies.get(id);
  }

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: AgencyResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAgencyDto) {
    return this.agencies.create(user, dto);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: AgencyResponse, description: '409 for an older version' })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateAgencyDto) {
    return this.agencies.update(user, id, dto);
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, pageOf, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { ApplicationListQuery, CreateApplicationDto, ScreeningDto, UpdateApplicationDto } from '../dto/application.dto';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import { ApplicationsService } from './applications.service';
import {
  ApplicationHistoryEntryResponse,
  ApplicationListItemResponse,
  ApplicationResponse,
  EligibilityResponse,
  SubmitResponse,
} from '../applications.responses';

@ApiTags('applications')
@ApiBearerAuth()
@ProvinceScoped()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly lifecycle: ApplicationLifecycleService,
  ) {}

  /** A new draft (may be incomplete; fields present must be well-formed, else 400); 409 when the call is not open. */
  @Roles('applicant')
  @Post('calls/:callId/applications')
  @ApiCreatedResponse({ type: ApplicationResponse })
  create(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string, @Body() dto: CreateApplicationDto) {
    return this.applications.create(user, callId, dto);
  }

  /** Applicants: their organization's; officers: all, `?callId=&status=`. */
  @Roles('applicant', 'officer')
  @Get('applications')
  @ApiOkResponse({ type: pageOf(ApplicationListItemResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: ApplicationListQuery) {
    return this.applications.list(user, q);
  }

  @Roles('applicant', 'officer', 'expert')
  @Get('applications/:id')
  @ApiOkResponse({ type: ApplicationResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.applications.get(user, id);
  }

  /** Owner, in draft or returned; `payload` replaces the whole payload; 409 when `version` is stale. */
  @Roles('applicant')
  @Patch('applications/:id')
  @ApiOkResponse({ type: ApplicationResponse })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateApplicationDto) {
    return this.applications.update(user, id, dto);
  }

  @Roles('applicant', 'officer')
  @Get('applications/:id/eligibility')
  @ApiOkResponse({ type: EligibilityResponse })
  eligibility(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.applications.eligibility(user, id);
  }

  @Roles('applicant')
  @Post('applications/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: SubmitResponse })
  submit(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.lifecycle.submit(user, id);
  }

  @Roles('applicant')
  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.lifecycle.withdraw(user, id);
  }

  @Roles('officer')
  @Post('applications/:id/screening')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  screening(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ScreeningDto) {
    return this.lifecycle.screen(user, id, dto.decision, dto.comment);
  }

  @Roles('applicant', 'officer')
  @Get('applications/:id/history')
  @ApiOkResponse({ type: [ApplicationHistoryEntryResponse] })
  history(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.applications.history(user, id);
  }
}

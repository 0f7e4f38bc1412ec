import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, pageOf, ProvinceScoped, Roles, UuidPipe } from '@portal/platform';
import { ChangesService } from './changes.service';
import { ChangeDecisionDto, ChangeListQuery, ChangeRejectDto, ChangeRequestDto } from './change.dto';
import { ChangeQueueItemResponse, ChangeResponse } from './change.responses';

@ApiTags('changes')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('awards')
export class AwardChangesController {
  constructor(private readonly changes: ChangesService) {}

  /** The award's change requests, oldest first (owner organization, officers in scope, finance). */
  @Roles('officer', 'finance', 'applicant')
  @Get(':id/changes')
  @ApiOkResponse({ type: [ChangeResponse] })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.changes.listOfAward(user, id);
  }

  /**
   * The grantee requests a change `{ kind, reason, proposed }`; 409 `CHANGE.PENDING_EXISTS` while one of the kind is
   * pending, 409 `CHANGE.AWARD_CLOSED` on a revoked or evaluated award, 422 on an award without money.
   */
  @Roles('applicant')
  @Post(':id/changes')
  @ApiCreatedResponse({ type: ChangeResponse })
  request(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ChangeRequestDto) {
    return this.changes.request(user, id, dto);
  }
}

@ApiTags('changes')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('changes')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  /** Page of change requests `?status=&kind=&program=` in the officer's scope (`status=pending`: to decide). */
  @Roles('officer', 'finance')
  @Get()
  @ApiOkResponse({ type: pageOf(ChangeQueueItemResponse) })
  queue(@CurrentUser() user: AuthUser, @Query() q: ChangeListQuery) {
    return this.changes.queue(user, q);
  }

  /** pending → approved: the agreement's version + 1; a schedule change moves the plan's end. */
  @Roles('officer')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ChangeResponse })
  approve(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ChangeDecisionDto) {
    return this.changes.approve(user, id, dto.note);
  }

  /** pending → rejected, with the officer's note. */
  @Roles('officer')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ChangeResponse })
  reject(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ChangeRejectDto) {
    return this.changes.reject(user, id, dto.note);
  }

  /** The grantee withdraws a pending request. */
  @Roles('applicant')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ChangeResponse })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.changes.withdraw(user, id);
  }
}

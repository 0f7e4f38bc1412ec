import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, UuidPipe } from '@portal/platform';
import { HandOverOwnerDto } from '../account/account.dto';
import { InvitationListItemResponse, MemberResponse } from '../account/account.responses';
import { ColleaguesService } from './colleagues.service';

/** An organization's own members manage their colleagues; anyone else gets 404 (issue 14). */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('organizations')
export class ColleaguesController {
  constructor(private readonly colleagues: ColleaguesService) {}

  @Roles('applicant')
  @Get(':id/members')
  @ApiOkResponse({ type: [MemberResponse] })
  members(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.colleagues.members(user, id);
  }

  @Roles('applicant')
  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'owner only; the colleague leaves the organization and loses the applicant role at once',
  })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
  ) {
    await this.colleagues.removeMember(user, id, userId);
  }

  @Roles('applicant')
  @Post(':id/owner')
  @HttpCode(200)
  @ApiOkResponse({ type: [MemberResponse], description: 'owner only; the members with the new owner' })
  handOver(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: HandOverOwnerDto) {
    return this.colleagues.handOver(user, id, dto.userId);
  }

  @Roles('applicant')
  @Get(':id/invitations')
  @ApiOkResponse({ type: [InvitationListItemResponse] })
  invitations(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.colleagues.invitations(user, id);
  }

  @Roles('applicant')
  @Delete(':id/invitations/:invId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the owner or the member who sent it withdraws a pending invitation' })
  async revokeInvitation(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('invId', UuidPipe) invId: string,
  ) {
    await this.colleagues.revokeInvitation(user, id, invId);
  }
}

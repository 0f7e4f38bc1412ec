import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuthUser, CurrentUser, Public, Roles, UuidPipe } from '@portal/platform';
import { NoticesService } from './notices.service';
import { NoticeResponse } from '../awards.responses';

export class PublishNoticeDto {
  @ApiPropertyOptional({ description: 'working days (default: the call’s noticeWorkingDays)', example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  workingDays?: number;
}

@ApiTags('awards')
@ApiBearerAuth()
@Controller('calls/:callId/notices')
export class CallNoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** 201 `{ id, startsAt, endsAt, entries[] }`: the proposed awards, published for public notice. */
  @Roles('officer')
  @Post()
  @ApiCreatedResponse({ type: NoticeResponse })
  publish(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string, @Body() dto: PublishNoticeDto) {
    return this.notices.publish(user, callId, dto.workingDays);
  }

  /** The call's notices (at most one), with objection counts. */
  @Roles('officer')
  @Get()
  @ApiOkResponse({ type: [NoticeResponse] })
  list(@Param('callId', UuidPipe) callId: string) {
    return this.notices.listForCall(callId);
  }
}

@ApiTags('public')
@Controller('public/notices')
export class PublicNoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** The notice and its entries (no login). */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: NoticeResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.notices.publicView(id);
  }
}

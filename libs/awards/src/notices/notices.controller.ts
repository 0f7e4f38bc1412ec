import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuthUser, CurrentUser, PageQuery, pageOf, Public, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { NoticesService } from './notices.service';
import { NoticeResponse, PublicNoticeIndexResponse } from '../awards.responses';

export class PublicNoticeIndexQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'past'], description: 'open (default): running now; past: ended' })
  @IsOptional()
  @IsIn(['open', 'past'])
  state?: 'open' | 'past';
}

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
@ProvinceScoped()
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
  list(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.notices.listForCall(user, callId);
  }
}

@ApiTags('public')
@Controller('public/notices')
export class PublicNoticesController {
  constructor(private readonly notices: NoticesService) {}

  /** The index of notices (no login): `state=open` (default) running now, ending soonest first; `past` ended. */
  @Public()
  @Get()
  @ApiOkResponse({ type: pageOf(PublicNoticeIndexResponse) })
  index(@Query() q: PublicNoticeIndexQuery) {
    return this.notices.publicIndex(q.state ?? 'open', q.page, q.pageSize);
  }

  /** The notice and its entries (no login). */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: NoticeResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.notices.publicView(id);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ProvinceScoped, Roles, UuidPipe } from '@portal/platform';
import { DeliberationResponse } from '../review.responses';
import { RecordDeliberationDto } from './deliberation.dto';
import { DeliberationService } from './deliberation.service';

@ApiTags('review')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('calls/:callId/deliberation')
export class DeliberationController {
  constructor(private readonly deliberation: DeliberationService) {}

  /** The call's deliberation vote: `{ enabled, elected, sessions }` (every session, oldest first). */
  @Roles('officer')
  @Get()
  @ApiOkResponse({ type: DeliberationResponse })
  get(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.deliberation.get(user, callId);
  }

  /**
   * Records a session of the leading group (issue 15): the members present (at least 3) and a tally per nominee
   * (for + against + abstentions = members present); a majority of the members present elects. 409 when the call has
   * no deliberation, the round is open, or a nominee is not a reviewed, undecided application of the call.
   */
  @Roles('officer')
  @Post()
  @ApiCreatedResponse({ type: DeliberationResponse })
  record(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string, @Body() dto: RecordDeliberationDto) {
    return this.deliberation.record(user, callId, dto);
  }
}

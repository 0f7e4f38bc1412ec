import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, pageOf, Public, Roles, UuidPipe } from '@portal/platform';
import { CallListQuery, CreateCallDto, UpdateCallDto } from './call.dto';
import { CallsService } from './calls.service';
import { CallResponse } from '../applications.responses';

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  /** Opens a call (申报批次): 400 when closesAt ≤ opensAt or a number is out of range, 422 for an unknown program. */
  @ApiBearerAuth()
  @Roles('officer')
  @Post()
  @ApiCreatedResponse({ type: CallResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCallDto) {
    return this.calls.create(user, dto);
  }

  @ApiBearerAuth()
  @Roles('officer')
  @Patch(':id')
  @ApiOkResponse({ type: CallResponse })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateCallDto) {
    return this.calls.update(user, id, dto);
  }

  /** Paged; `status` (open, upcoming, closed) is read from the portal clock. */
  @Public()
  @Get()
  @ApiOkResponse({ type: pageOf(CallResponse) })
  list(@Query() q: CallListQuery) {
    return this.calls.list(q);
  }

  /** The call with its status and the program's rubric. */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: CallResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.calls.get(id);
  }
}

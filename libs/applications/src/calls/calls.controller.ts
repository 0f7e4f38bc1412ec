import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles, UuidPipe } from '@portal/platform';
import { CallListQuery, CreateCallDto, UpdateCallDto } from './call.dto';
import { CallsService } from './calls.service';

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  /** Opens a call (申报批次): 400 when closesAt ≤ opensAt or a number is out of range, 422 for an unknown program. */
  @ApiBearerAuth()
  @Roles('officer')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCallDto) {
    return this.calls.create(user, dto);
  }

  @ApiBearerAuth()
  @Roles('officer')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateCallDto) {
    return this.calls.update(user, id, dto);
  }

  /** Paged; `status` (open, upcoming, closed) is read from the portal clock. */
  @Public()
  @Get()
  list(@Query() q: CallListQuery) {
    return this.calls.list(q);
  }

  /** The call with its status and the program's rubric. */
  @Public()
  @Get(':id')
  get(@Param('id', UuidPipe) id: string) {
    return this.calls.get(id);
  }
}

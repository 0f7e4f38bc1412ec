import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { Roles } from '../auth/decorators';
import { ClockService } from '../clock/clock.service';

export class ClockResponse {
  @ApiProperty({ format: 'date-time', description: 'the portal clock' }) now: string;
}

class SetClockDto {
  @IsISO8601({ strict: true })
  now: string;
}

/** Staging clock (API.md): mounted only when PORTAL_TEST_CLOCK=1, so otherwise the route answers 404. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/clock')
export class ClockController {
  constructor(private readonly clock: ClockService) {}

  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: ClockResponse })
  get() {
    return { now: this.clock.now().toISOString() };
  }

  @Roles('admin')
  @Put()
  @ApiOkResponse({ type: ClockResponse })
  async set(@Body() body: SetClockDto) {
    await this.clock.set(new Date(body.now));
    return { now: this.clock.now().toISOString() };
  }

  @Roles('admin')
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the clock follows real time again' })
  async reset() {
    await this.clock.set(null);
  }
}

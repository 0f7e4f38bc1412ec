import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentUser, Roles } from '../auth/decorators';
import { AuthUser } from '../auth/roles';
import { ClockService } from '../clock/clock.service';
import { inTransaction } from '../database/transaction';

export class ClockResponse {
  @ApiProperty({ format: 'date-time', description: 'the portal clock' }) now: string;
}

class SetClockDto {
  @IsISO8601({ strict: true })
  now: string;
}

/**
 * Staging clock (API.md): mounted only when PORTAL_TEST_CLOCK=1, so otherwise the route answers 404. Every move is an
 * audit event (`clock.set`, `clock.reset`, with the time before and after) written in the same transaction as the move.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/clock')
export class ClockController {
  constructor(
    private readonly clock: ClockService,
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: ClockResponse })
  get() {
    return { now: this.clock.now().toISOString() };
  }

  @Roles('admin')
  @Put()
  @ApiOkResponse({ type: ClockResponse })
  async set(@CurrentUser() user: AuthUser, @Body() body: SetClockDto) {
    await this.move(user, new Date(body.now));
    return { now: this.clock.now().toISOString() };
  }

  @Roles('admin')
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the clock follows real time again' })
  async reset(@CurrentUser() user: AuthUser) {
    await this.move(user, null);
  }

  /** The move and its audit event commit together; then this process takes the new time at once. */
  private async move(user: AuthUser, at: Date | null): Promise<void> {
    await inTransaction(this.ds, async (tx) => {
      const before = await this.clock.write(tx.manager, at);
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: at ? 'clock.set' : 'clock.reset',
        entityType: 'system_setting',
        entityId: 'clock',
        data: { from: before?.toISOString() ?? null, to: at?.toISOString() ?? null },
      });
    });
    this.clock.adopt(at);
  }
}

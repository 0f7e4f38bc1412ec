import { Body, Controller, Get, Injectable, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { DataSource } from 'typeorm';
import {
  AuditService,
  AuthUser,
  CalendarService,
  CurrentUser,
  inTransaction,
  page,
  pageOf,
  PageQuery,
  Roles,
  WorkingDayCalendar,
} from '@portal/platform';
import { AWARD_ERRORS } from '../errors';
import { CalendarYearResponse } from '../awards.responses';
import { NoticesService } from '../notices/notices.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarYearDto {
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知 (国办发明电〔2026〕x号)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source: string;
  @ApiProperty({ example: ['2027-01-01'] })
  @IsArray()
  @ArrayMaxSize(120)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(DATE, { each: true })
  @IsDateString({ strict: true }, { each: true })
  holidays: string[];
  @ApiProperty({ example: ['2027-02-07'] })
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(DATE, { each: true })
  @IsDateString({ strict: true }, { each: true })
  workdays: string[];
}

export interface CalendarYearView {
  year: number;
  source: string;
  holidays: string[];
  workdays: string[];
  /** PUT only: running notices that had counted this year provisionally and were counted again (their new end) */
  recountedNotices?: { id: string; endsAt: string }[];
}

/** The published years of the working-day calendar; admins add a year once the State Council publishes it. */
@Injectable()
export class CalendarAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  async list(): Promise<CalendarYearView[]> {
    const data = await this.calendar.load();
    const sources = await this.calendar.years();
    return sources.map((s) => ({ year: s.year, source: s.source, ...data.years[String(s.year)] }));
  }

  async put(user: AuthUser, year: number, dto: CalendarYearDto): Promise<CalendarYearView> {
    try {
      new WorkingDayCalendar({ years: { [String(year)]: { holidays: dto.holidays, workdays: dto.workdays } } });
    } catch (err) {
      const message = (err as Error).message;
      throw AWARD_ERRORS['CALENDAR.INVALID']({ message }, { details: [{ path: 'holidays', message }] });
    }
    const holidays = [...dto.holidays].sort();
    const workdays = [...dto.workdays].sort();
    const recountedNotices = await inTransaction(this.ds, async (tx) => {
      await this.calendar.putYear(tx.manager, year, dto.source.trim(), holidays, workdays);
      await this.audit.record(tx.manager, {
        actorId: user.id,
        action: 'calendar.year-published',
        entityType: 'calendar_year',
        entityId: String(year),
        data: { source: dto.source, holidays, workdays },
      });
      // the calendar as it now is (this transaction sees the new year): notices that guessed it are counted again
      const data = await this.calendar.load(tx.manager);
      const cal = new WorkingDayCalendar(data, { unpublished: 'provisional' });
      return this.notices.recountProvisional(tx.manager, year, cal, user.id);
    });
    return { year, source: dto.source.trim(), holidays, workdays, recountedNotices: recountedNotices ?? [] };
  }
}

// eslint-disable-next-line no-useless-assignment -- read by the @Param decorator below, which the rule does not see
const yearPipe = new ParseIntPipe({
  exceptionFactory: () => AWARD_ERRORS['CALENDAR.YEAR']({}, { details: [{ path: 'year', message: 'not a year' }] }),
});

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/calendar')
export class CalendarAdminController {
  constructor(private readonly service: CalendarAdminService) {}

  /** Page of the published years, each with its holidays and make-up working days. */
  @Roles('admin', 'officer')
  @Get()
  @ApiOkResponse({ type: pageOf(CalendarYearResponse) })
  async list(@Query() q: PageQuery) {
    const all = await this.service.list();
    return page(all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), all.length, q);
  }

  /** Adds or replaces one year, as published by the State Council. */
  @Roles('admin')
  @Put(':year')
  @ApiOkResponse({ type: CalendarYearResponse })
  put(@CurrentUser() user: AuthUser, @Param('year', yearPipe) year: number, @Body() dto: CalendarYearDto) {
    if (year < 2000 || year > 2100)
      throw AWARD_ERRORS['CALENDAR.YEAR']({ outOfRange: true }, { details: [{ path: 'year', message: '2000–2100' }] });
    return this.service.put(user, year, dto);
  }
}

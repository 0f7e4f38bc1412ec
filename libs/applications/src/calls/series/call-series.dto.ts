import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CreateCallDto } from '../call.dto';
import { RECURRENCES, Recurrence } from './series-periods';

/**
 * What every call of a series is opened with: POST /api/calls' body without what the period decides (year, title,
 * window, the provinces' deadline). One definition: the calls the worker opens go through the same checks.
 */
export class CallSeriesSettingsDto extends OmitType(CreateCallDto, [
  'programCode',
  'year',
  'title',
  'opensAt',
  'closesAt',
  'provincialClosesAt',
] as const) {}

export class CreateCallSeriesDto {
  @ApiProperty({ example: 'tuiguang' }) @IsString() @MaxLength(40) programCode: string;
  @ApiProperty({
    example: '{year}年第{quarter}季度优秀国产动画片推荐',
    description: '{year} → 2027, {quarter} → 一 … 四, {q} → 1 … 4',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/\{year\}/, { message: 'titleTemplate must contain {year} / 标题模板须包含 {year}' })
  titleTemplate: string;
  @ApiProperty({ enum: RECURRENCES }) @IsIn(RECURRENCES) recurrence: Recurrence;
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) firstYear: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 4, default: 1, description: 'quarterly: the first quarter' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  firstQuarter?: number;
  @ApiProperty({
    minimum: 0,
    maximum: 360,
    description: 'the call opens this many days after its period starts, 09:00',
  })
  @IsInt()
  @Min(0)
  @Max(360)
  opensOffsetDays: number;
  @ApiProperty({ minimum: 1, maximum: 365, description: 'and closes this many days after it opens, 17:00' })
  @IsInt()
  @Min(1)
  @Max(365)
  windowDays: number;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 90,
    default: 0,
    description: 'the call is opened (shown as upcoming) this many days before its window starts',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  leadDays?: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 120,
    description: "with a provincial stage: the provinces' deadline, this many days after the call closes",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  provincialDays?: number;
  @ApiProperty({ type: CallSeriesSettingsDto })
  @ValidateNested()
  @Type(() => CallSeriesSettingsDto)
  settings: CallSeriesSettingsDto;
}

export class UpdateCallSeriesDto {
  @ApiProperty({ description: 'false stops the series: no further call is opened (the ones opened stay)' })
  @IsBoolean()
  active: boolean;
}

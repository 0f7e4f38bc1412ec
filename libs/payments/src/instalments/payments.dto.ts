import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { PageQuery } from '@portal/platform';
import { INSTALMENT_STATUSES } from './instalment-status';

export class PaymentListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: INSTALMENT_STATUSES }) @IsOptional() @IsIn(INSTALMENT_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() awardId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;
  @ApiPropertyOptional({ description: 'instalment number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  instalmentNo?: number;
  @ApiPropertyOptional({
    description: 'only instalments due today or earlier and not yet batched (status planned, dueOn ≤ today)',
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  due?: boolean;
}

export class NoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class MilestoneDto {
  @ApiPropertyOptional({ description: 'what was checked (mid-term check, closing, proof of spending)' })
  @IsString()
  @MaxLength(2000)
  note: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { PageQuery, PROVINCE_CODE_PATTERN } from '@portal/platform';
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
  @ApiPropertyOptional({
    description:
      'true: only failed instalments whose retry one finance user proposed and another must approve (calls with paymentDualControl)',
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  retryProposed?: boolean;
  @ApiPropertyOptional({
    example: '32',
    description: "the paid organization's province (GB/T 2260 two digits, the credit code's positions 3–4)",
  })
  @IsOptional()
  @Matches(PROVINCE_CODE_PATTERN, { message: 'province must be a two-digit GB/T 2260 province code' })
  province?: string;
}

export class NoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RecoveredDto extends NoteDto {
  @ApiPropertyOptional({
    description: "the bank's reference of the repayment (kept in the ledger line)",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  bankReference?: string;
}

export class MilestoneDto {
  @ApiPropertyOptional({ description: 'what was checked (mid-term check, closing, proof of spending)' })
  @IsString()
  @MaxLength(2000)
  note: string;
}

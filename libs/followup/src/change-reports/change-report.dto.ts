import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@portal/platform';
import { CHANGE_REPORT_STATUSES, ChangeReportStatus } from './change-report-status';

export const CHANGE_KINDS = ['rename', 'structure', 'address', 'legal-representative'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A change report: multipart/form-data with these fields and the new business licence as `file`. */
export class ChangeReportDto {
  @ApiProperty({
    enum: CHANGE_KINDS,
    description: 'rename (更名), structure (股权/组织结构), address, legal-representative',
  })
  @IsIn(CHANGE_KINDS)
  kind: ChangeKind;
  @ApiProperty({ example: '2026-09-24', description: 'the day the change took effect (YYYY-MM-DD, Asia/Shanghai)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveOn must be YYYY-MM-DD' })
  effectiveOn: string;
  @ApiPropertyOptional({ description: 'the new registered name (rename only)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  newName?: string;
  @ApiProperty({ description: 'what changed, in writing', minLength: 2, maxLength: 4000 })
  @IsString()
  @MinLength(2)
  @MaxLength(4000)
  detail: string;
}

export class ChangeReportDecisionDto {
  @ApiProperty({ description: "the officer's note (a reason when returned)", minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}

export class ChangeReportListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHANGE_REPORT_STATUSES })
  @IsOptional()
  @IsIn(CHANGE_REPORT_STATUSES)
  status?: ChangeReportStatus;
}

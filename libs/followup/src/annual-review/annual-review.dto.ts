import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@portal/platform';

export class AnnualReviewDraftDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the previous year's figures: the program's annual review form (all fields optional in a draft)",
  })
  @IsObject()
  payload: Record<string, unknown>;
}

export class AnnualReviewDecisionDto {
  @ApiProperty({ description: "the office's note (why it passes or fails)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class AnnualReviewAttachmentDto {
  @ApiProperty({ example: 'audit-report' }) @IsString() @MaxLength(40) kind: string;
}

export class AnnualReviewQueueQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: ['draft', 'submitted', 'passed', 'failed', 'missed'] })
  @IsOptional()
  @IsIn(['draft', 'submitted', 'passed', 'failed', 'missed'])
  status?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@portal/platform';
import { REVIEW_STATUSES } from './review-state';
import { COMMENT_MAX_LENGTH } from './score-rules';

export class ReviewListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'officer: the call whose reviews to list' })
  @IsOptional()
  @IsUUID()
  callId?: string;
  @ApiPropertyOptional({ enum: REVIEW_STATUSES }) @IsOptional() @IsIn(REVIEW_STATUSES) status?: string;
}

export class SaveReviewDto {
  @ApiProperty({
    example: { ideological: 8, artistic: 7.5 },
    description: 'criterion key → score (0…max); a draft may leave criteria out',
  })
  @IsObject()
  scores: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'the written opinion (required at submit)' })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  comment?: string | null;

  @ApiPropertyOptional({ description: 'optimistic lock: the version last read; a stale one is 409' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

export class SubmitReviewDto {
  @ApiPropertyOptional({ description: 'optional: save these scores (and comment) as the last draft, then submit' })
  @IsOptional()
  @IsObject()
  scores?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  comment?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

export class DeclineReviewDto {
  @ApiProperty({ enum: ['conflict', 'unavailable'] }) @IsIn(['conflict', 'unavailable']) reason:
    'conflict' | 'unavailable';
  @ApiPropertyOptional({ description: 'why (for a conflict: the relation)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  detail?: string;
}

export class DrawDto {
  @ApiPropertyOptional({
    description:
      'an integer, honoured only on a staging portal (PORTAL_TEST_CLOCK=1), else 400; without it the server draws a ' +
      'crypto-random seed and records it. The same seed on the same data gives the same draw',
  })
  @IsOptional()
  @IsInt()
  @Min(Number.MIN_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  seed?: number;
}

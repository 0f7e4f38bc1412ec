import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export const PROVINCIAL_DECISIONS = ['pass', 'return', 'reject'] as const;
export type ProvincialDecision = (typeof PROVINCIAL_DECISIONS)[number];

/** The province's formal check (初审) of one application. */
export class ProvincialCheckDto {
  @ApiProperty({
    enum: PROVINCIAL_DECISIONS,
    description: 'pass (with the 初审 opinion), return for correction, or reject (with the reason)',
  })
  @IsIn(PROVINCIAL_DECISIONS)
  decision: ProvincialDecision;
  @ApiProperty({ description: 'the 初审 opinion, what to correct, or why it is rejected' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  opinion: string;
}

export class RecommendationItemDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiProperty({ description: 'the recommendation note (推荐意见)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

/** The province's recommendations (推荐排序): forwarded in this order; every other passed one ends not recommended. */
export class RecommendationDto {
  @ApiProperty({ type: [RecommendationItemDto], description: 'in the order of recommendation, first = 1' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecommendationItemDto)
  items: RecommendationItemDto[];
  @ApiPropertyOptional({
    description: 'required when passed applications are left out: why they are not recommended (mailed to them)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class DecisionDto {
  @ApiProperty({ enum: ['award', 'reject'] }) @IsIn(['award', 'reject']) outcome: 'award' | 'reject';
  @ApiPropertyOptional({
    description: 'free text ≤ 50 characters; for rending the certification title (set automatically)',
    example: '一等',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tier?: string;
  @ApiPropertyOptional({
    description: 'integer fen; required (> 0) for an award of a grant program, 0 or absent for rending',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;
  @ApiProperty({ description: 'the officer’s reasoning' }) @IsString() @MaxLength(2000) note: string;
}

export class FillTierDto {
  @ApiProperty({ example: '一等' }) @IsString() @MaxLength(50) tier: string;
  @ApiProperty({ example: 30000000 }) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) amountFen: number;
  @ApiPropertyOptional({ description: 'at most this many awards of the tier (absent: as many as the budget allows)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  count?: number;
  @ApiPropertyOptional({
    example: 'best-work',
    description: "only this track's applications get the tier (动漫奖's places per category); absent: any track",
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  track?: string;
}

export class FillByRankingDto {
  @ApiProperty({ type: [FillTierDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FillTierDto)
  tiers: FillTierDto[];
  @ApiPropertyOptional({
    description: 'true: save the proposal as the decisions (otherwise nothing is saved)',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;
  @ApiPropertyOptional({ description: 'note stored with saved decisions' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

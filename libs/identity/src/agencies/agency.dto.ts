import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '@portal/platform';

export const AGENCY_LEVELS = ['national', 'provincial'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

const PROGRAM_CODE = /^[a-z][a-z0-9-]{0,39}$/;

export class CreateAgencyDto {
  @ApiProperty({ example: 'prov-32-rending', description: 'a stable slug: lower-case letters, digits, dashes' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/)
  code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) nameZh: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) nameEn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) descriptionZh?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) descriptionEn?: string;
  @ApiProperty({ enum: AGENCY_LEVELS }) @IsIn(AGENCY_LEVELS) level: AgencyLevel;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '32',
    description: 'GB/T 2260 two-digit province code: required for a provincial agency, absent for a national one',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{2}$/)
  provinceCode?: string | null;
  @ApiPropertyOptional({
    type: [String],
    description: 'program codes the agency handles; empty or absent = every program',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(PROGRAM_CODE, { each: true })
  programs?: string[];
}

export class UpdateAgencyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) nameZh?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) descriptionZh?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) descriptionEn?: string;
  @ApiPropertyOptional({ enum: AGENCY_LEVELS }) @IsOptional() @IsIn(AGENCY_LEVELS) level?: AgencyLevel;
  @ApiPropertyOptional({ type: String, nullable: true, example: '45' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[0-9]{2}$/)
  provinceCode?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'replaces the list; empty = every program' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(PROGRAM_CODE, { each: true })
  programs?: string[];
  @ApiProperty({ description: 'the version read; an older one gets 409' }) @IsInt() @Min(1) version: number;
}

export class AgencyListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGENCY_LEVELS }) @IsOptional() @IsIn(AGENCY_LEVELS) level?: AgencyLevel;
  @ApiPropertyOptional({ example: '32' }) @IsOptional() @Matches(/^[0-9]{2}$/) province?: string;
}

export class SetAgencyDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "the officer's agency from now on; null = national, every program",
  })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(40)
  agencyId: string | null;
}

export class ProvinceCorrectionDto {
  @ApiProperty({ example: '32', description: 'GB/T 2260 two-digit code of one of the 31 provinces' })
  @IsString()
  @Matches(/^[0-9]{2}$/)
  provinceCode: string;
  @ApiProperty({ description: 'why the credit code does not give the right province (pilot code, moved company)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

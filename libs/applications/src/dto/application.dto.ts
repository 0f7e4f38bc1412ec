import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery, PROVINCE_CODE_PATTERN } from '@portal/platform';
import { APPLICATION_STATUSES, ApplicationStatus } from '../applications/application.entity';

export class CreateApplicationDto {
  @ApiProperty({ example: '星火动画 2026 年度动漫企业认定申请' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
  @ApiPropertyOptional({ example: 'enterprise', description: "one of the program's tracks" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  track?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the program's form (see formSchema of GET /api/programs); may be incomplete in a draft",
  })
  @IsObject()
  payload: Record<string, unknown>;
}

export class UpdateApplicationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'replaces the whole payload' })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
  @ApiProperty({ description: 'the version read; an older one gets 409' }) @IsInt() @Min(1) version: number;
}

export const SCREENING_DECISIONS = ['accept', 'return', 'reject'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

export class ScreeningDto {
  @ApiProperty({ enum: SCREENING_DECISIONS }) @IsIn(SCREENING_DECISIONS) decision: ScreeningDecision;
  @ApiPropertyOptional({ description: 'required for return and reject: what to correct, or why' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ApplicationListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
  @ApiPropertyOptional({
    example: '32',
    description: "the applying organization's province (GB/T 2260 two digits, the credit code's positions 3–4)",
  })
  @IsOptional()
  @Matches(PROVINCE_CODE_PATTERN, { message: 'province must be a two-digit GB/T 2260 province code' })
  province?: string;
}

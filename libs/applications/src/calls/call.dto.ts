import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '@portal/platform';
import { PROVINCIAL_STAGES, ProvincialQuota, ProvincialStage } from '@portal/programs';
import { IsProvincialQuota, PROVINCIAL_QUOTA_SCHEMA } from './provincial-stage';
import { CALL_STATUSES, CallStatus } from './call-status';

/** An ISO 8601 instant that names its offset (`Z` or `+08:00`). */
const INSTANT = /(Z|[+-]\d{2}:?\d{2})$/;
const instantMessage = { message: '$property must be an ISO 8601 time with offset / 须为带时区的 ISO 8601 时间' };
export const AGGREGATIONS = ['mean', 'trimmed', 'zscore'] as const;

export class CreateCallDto {
  @ApiProperty({ example: 'rending' }) @IsString() @MaxLength(40) programCode: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ example: '2026 年度动漫企业认定' }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty({ example: '2026-03-01T00:00:00+08:00' })
  @IsISO8601({ strict: true }, instantMessage)
  @Matches(INSTANT, instantMessage)
  opensAt: string;
  @ApiProperty({ example: '2026-04-30T17:00:00+08:00' })
  @IsISO8601({ strict: true }, instantMessage)
  @Matches(INSTANT, instantMessage)
  closesAt: string;
  @ApiProperty({ description: 'integer fen' }) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) budgetFen: number;
  @ApiProperty({ minimum: 1, maximum: 50 }) @IsInt() @Min(1) @Max(50) reviewersPerApplication: number;
  @ApiProperty() @IsBoolean() blindReview: boolean;
  @ApiProperty() @IsBoolean() regionRecusal: boolean;
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) noticeWorkingDays: number;
  @ApiProperty({ enum: AGGREGATIONS }) @IsIn(AGGREGATIONS) aggregation: (typeof AGGREGATIONS)[number];
  @ApiPropertyOptional({ default: 20, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  spreadThreshold?: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    description: 'tuiguang: the largest request as a share of the costs (default 50)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  requestSharePercent?: number;
  @ApiPropertyOptional({
    description:
      'default false. Dual control of payments beyond batches: a retry of a failed instalment and the failed lines of a bank return ' +
      'need a second finance user (POST /api/payments/:id/retry/approve, POST /api/payment-batches/:id/bank-return/:proposalId/approve). ' +
      'Off: one finance user retries (back to sending at once) and a return is applied at once. May be switched on at ' +
      'any time, off only until the call is finalized',
  })
  @IsOptional()
  @IsBoolean()
  paymentDualControl?: boolean;
  @ApiPropertyOptional({
    description:
      'default false. 签约: an award with money waits for its task agreement (任务书), accepted by the grantee and ' +
      'countersigned by the officer, before any instalment is batched. May change until the call is finalized',
  })
  @IsOptional()
  @IsBoolean()
  agreementRequired?: boolean;
  @ApiPropertyOptional({
    description:
      "default false. The program's report schedule (中期检查, 结项, proof of spending or publication) applies: an accepted " +
      'report releases the instalment tied to it, an overdue one holds the remaining instalments. May change until the ' +
      'call is finalized',
  })
  @IsOptional()
  @IsBoolean()
  reportsRequired?: boolean;
  @ApiPropertyOptional({
    description:
      'default false. 年审: certificates of this call are reviewed every year from 1 May to 31 July and lapse when not ' +
      'filed or failed. May change until the call is finalized',
  })
  @IsOptional()
  @IsBoolean()
  annualReview?: boolean;
  @ApiPropertyOptional({
    description:
      'default false. Issue 15: a deliberation vote (表决) of a leading group follows the expert review — a majority of ' +
      'the members present elects — and only elected applications can be awarded (动漫奖). Frozen with the review ' +
      'settings once the first draw has run',
  })
  @IsOptional()
  @IsBoolean()
  deliberation?: boolean;
  @ApiPropertyOptional({
    type: [String],
    example: ['quarterly'],
    description:
      "issue 15: the program's tracks this call takes applications on (推优's quarterly call: ['quarterly']); absent = " +
      'every track. Fixed when the call is made',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tracks?: string[];
  @ApiPropertyOptional({
    enum: PROVINCIAL_STAGES,
    description: 'the provincial stage before the national one: none (default), check (初审) or recommend (推荐)',
  })
  @IsOptional()
  @IsIn(PROVINCIAL_STAGES)
  provincialStage?: ProvincialStage;
  @ApiPropertyOptional({
    ...PROVINCIAL_QUOTA_SCHEMA,
    description:
      'recommend: how many applications each province may forward (推荐名额): one number, or { default, byProvince }',
  })
  @IsOptional()
  @IsProvincialQuota()
  provincialQuota?: ProvincialQuota;
  @ApiPropertyOptional({ example: '2026-05-31T17:00:00+08:00', description: "the provinces' deadline, after closesAt" })
  @IsOptional()
  @IsISO8601({ strict: true }, instantMessage)
  @Matches(INSTANT, instantMessage)
  provincialClosesAt?: string;
}

/** Everything but the program and its tracks may change; `version` is the one read (409 when stale). */
export class UpdateCallDto extends PartialType(OmitType(CreateCallDto, ['programCode', 'tracks'] as const)) {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class CallListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CALL_STATUSES }) @IsOptional() @IsIn(CALL_STATUSES) status?: CallStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) program?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { I18nTextResponse } from '@portal/platform';

/** What the 年审 routes answer, as the OpenAPI document describes it. */

const DATE_TIME_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;
const TEXT_OR_NULL = { type: String, nullable: true } as const;

export class AnnualReviewRuleResponse {
  @ApiProperty({ description: 'the rule key, e.g. rending.main-income-share' }) rule: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: I18nTextResponse }) detail: I18nTextResponse;
}

export class AnnualReviewAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'audit-report' }) kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class AnnualReviewWindowResponse {
  @ApiProperty({ format: 'date', example: '2027-05-01' }) opensOn: string;
  @ApiProperty({ format: 'date', example: '2027-07-31' }) closesOn: string;
}

export class AnnualReviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organization: string;
  @ApiProperty(TEXT_OR_NULL) certificateNo: string | null;
  @ApiProperty({ description: "the organization's province (GB/T 2260 two-digit code)", ...TEXT_OR_NULL })
  province: string | null;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['draft', 'submitted', 'passed', 'failed', 'missed'] }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the previous year's figures" })
  payload: Record<string, unknown>;
  @ApiProperty({ type: [AnnualReviewRuleResponse], nullable: true, description: 'the rules run on the last save' })
  ruleResults: AnnualReviewRuleResponse[] | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'every rule passed (null before the first check)' })
  rulesPassed: boolean | null;
  @ApiProperty({ description: 'the certificate is called for exchange (换证): passing reissues it' })
  exchangeDue: boolean;
  @ApiProperty(DATE_TIME_OR_NULL) submittedAt: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) decidedAt: string | null;
  @ApiProperty(TEXT_OR_NULL) note: string | null;
  @ApiProperty({ type: AnnualReviewWindowResponse }) window: AnnualReviewWindowResponse;
  @ApiProperty({ type: [AnnualReviewAttachmentResponse] }) attachments: AnnualReviewAttachmentResponse[];
  @ApiProperty() version: number;
}

export class AnnualReviewKindResponse {
  @ApiProperty() kind: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty() required: boolean;
}

export class AwardAnnualReviewsResponse {
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty(TEXT_OR_NULL) certificateNo: string | null;
  @ApiProperty({ enum: ['active', 'revoked', 'lapsed'] }) awardStatus: string;
  @ApiPropertyOptional({ format: 'date', description: 'the day the certificate lapsed (资格取消)' })
  lapsedOn?: string;
  @ApiProperty({ description: 'the certificate takes part in the yearly 年审 (a call with annualReview on)' })
  reviewed: boolean;
  @ApiProperty({ description: 'this year (Asia/Shanghai)' }) year: number;
  @ApiProperty({ description: 'the certificate is due for review this year (certified before 1 January)' })
  dueThisYear: boolean;
  @ApiProperty({ type: AnnualReviewWindowResponse }) window: AnnualReviewWindowResponse;
  @ApiProperty({ description: 'today is within the window' }) windowOpen: boolean;
  @ApiProperty({ description: "this year's review calls the certificate for exchange (换证)" }) exchangeDue: boolean;
  @ApiProperty({ type: [AnnualReviewKindResponse] }) attachmentKinds: AnnualReviewKindResponse[];
  @ApiProperty({ type: [AnnualReviewResponse], description: 'newest year first' }) items: AnnualReviewResponse[];
}

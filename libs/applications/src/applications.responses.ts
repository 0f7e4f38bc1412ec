import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { I18nTextResponse } from '@portal/platform';
import { PROVINCIAL_STAGES, ProvincialQuota, ProvincialStage, RubricCriterionResponse } from '@portal/programs';
import { APPLICATION_STATUSES } from './applications/application.entity';
import { CALL_STATUSES } from './calls/call-status';
import { CallSeriesSettingsDto } from './calls/series/call-series.dto';
import { RECURRENCES, Recurrence } from './calls/series/series-periods';
import { PROVINCIAL_QUOTA_SCHEMA } from './calls/provincial-stage';

/** What the calls, applications and attachments routes answer, as the OpenAPI document describes it. */

const STATUS = { enum: APPLICATION_STATUSES, enumName: 'ApplicationStatus' } as const;

export class CallResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() programCode: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty() budgetFen: number;
  @ApiProperty() reviewersPerApplication: number;
  @ApiProperty() blindReview: boolean;
  @ApiProperty() regionRecusal: boolean;
  @ApiProperty() noticeWorkingDays: number;
  @ApiProperty({ enum: ['mean', 'trimmed', 'zscore'] }) aggregation: 'mean' | 'trimmed' | 'zscore';
  @ApiProperty() spreadThreshold: number;
  @ApiProperty({ type: Number, nullable: true }) requestSharePercent: number | null;
  @ApiProperty({
    description: 'a retry and the failed lines of a bank return need a second finance user (false: one finance user)',
  })
  paymentDualControl: boolean;
  @ApiProperty({
    description: '签约: instalments wait for the countersigned task agreement (false: no agreement step)',
  })
  agreementRequired: boolean;
  @ApiProperty({ description: "the program's report schedule applies (false: milestones are accepted by hand)" })
  reportsRequired: boolean;
  @ApiProperty({ description: 'certificates of this call take part in the yearly 年审 (false: no annual review)' })
  annualReview: boolean;
  @ApiProperty({ enum: PROVINCIAL_STAGES, description: 'none unless the call has a provincial stage' })
  provincialStage: ProvincialStage;
  @ApiProperty({
    nullable: true,
    ...PROVINCIAL_QUOTA_SCHEMA,
    description: 'recommend: the quota per province (a number, or { default, byProvince })',
  })
  provincialQuota: ProvincialQuota | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) provincialClosesAt: string | null;
  @ApiProperty({
    type: [String],
    nullable: true,
    description: "the program's tracks this call takes applications on (null = every track)",
  })
  tracks: string[] | null;
  @ApiProperty({ description: "a leading group's deliberation vote follows the review (false: no vote)" })
  deliberation: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the recurring series that made this call',
  })
  seriesId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2027-Q1', description: "the series' period of this call" })
  seriesPeriod: string | null;
  @ApiProperty({ enum: CALL_STATUSES }) status: 'open' | 'upcoming' | 'closed';
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ type: [RubricCriterionResponse], description: 'GET /api/calls/:id only' })
  rubric?: RubricCriterionResponse[];
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() mimeType: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '32',
    description: "the applying organization's province (GB/T 2260), where it applies",
  })
  provinceCode: string | null;
  @ApiProperty({ type: I18nTextResponse, nullable: true, description: "the province's short name (江苏 / Jiangsu)" })
  provinceName: I18nTextResponse | null;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: String, nullable: true }) track: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'program-specific (GET /api/programs)' })
  payload: Record<string, unknown>;
  @ApiProperty(STATUS) status: (typeof APPLICATION_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstSubmittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) awardId: string | null;
  @ApiProperty({ type: String, nullable: true }) screeningComment: string | null;
  @ApiProperty({ type: [AttachmentResponse] }) attachments: AttachmentResponse[];
  @ApiProperty({
    enum: ['provincial', 'national'],
    description: 'which level has the application: the province until it forwards it (calls with a provincial stage)',
  })
  level: 'provincial' | 'national';
  @ApiProperty({ type: String, nullable: true, description: "the province's 初审 opinion" })
  provincialOpinion: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) forwardedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "the place in the province's order (推荐排序)" })
  recommendationRank: number | null;
  @ApiProperty({ type: String, nullable: true }) recommendationNote: string | null;
}

export class ApplicationListItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() callTitle: string;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '32',
    description: "the applying organization's province (GB/T 2260), where it applies",
  })
  provinceCode: string | null;
  @ApiProperty({ type: I18nTextResponse, nullable: true, description: "the province's short name (江苏 / Jiangsu)" })
  provinceName: I18nTextResponse | null;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: String, nullable: true }) track: string | null;
  @ApiProperty() title: string;
  @ApiProperty(STATUS) status: (typeof APPLICATION_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstSubmittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) awardId: string | null;
  @ApiProperty({ enum: ['provincial', 'national'] }) level: 'provincial' | 'national';
  @ApiProperty({ type: Number, nullable: true }) recommendationRank: number | null;
}

export class ProvinceCountsResponse {
  @ApiProperty({ example: '32', description: 'GB/T 2260 two-digit code' }) provinceCode: string;
  @ApiProperty({ description: 'applications submitted to the province' }) received: number;
  @ApiProperty({ description: 'passed the provincial check (forwarded, waiting, or not recommended)' }) passed: number;
  @ApiProperty() forwarded: number;
  @ApiProperty() notRecommended: number;
  @ApiProperty({ type: Number, nullable: true, description: 'recommend: the quota (null: none)' }) quota: number | null;
}

export class RecommendationResultResponse {
  @ApiProperty({ example: '32' }) provinceCode: string;
  @ApiProperty({ type: Number, nullable: true }) quota: number | null;
  @ApiProperty({ description: 'forwarded by the province in all, these included' }) count: number;
  @ApiProperty({ type: [String], description: 'the forwarded applications, in the recorded order' })
  forwarded: string[];
  @ApiProperty({ type: [String], description: 'the applications that end not recommended' }) notRecommended: string[];
}

export class RuleResultResponse {
  @ApiProperty({ description: 'the rule key, e.g. rending.main-income-share' }) rule: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: I18nTextResponse }) detail: I18nTextResponse;
}

export class EligibilityResponse {
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: [RuleResultResponse] }) checks: RuleResultResponse[];
}

export class SubmitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['submitted'] }) status: 'submitted';
  @ApiProperty({ example: 'JP-2026-000123' }) number: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class ActorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ApplicationHistoryEntryResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: ActorResponse, nullable: true }) actor: ActorResponse | null;
  @ApiProperty({ ...STATUS, nullable: true }) from: string | null;
  @ApiProperty(STATUS) to: string;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

export class SignedLinkResponse {
  @ApiProperty({ description: 'valid without a bearer header until expiresAt' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

/** Issue 15: a call opened by a recurring series. */
export class SeriesCallResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2027-Q1' }) period: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
}

export class SeriesNextPeriodResponse {
  @ApiProperty({ example: '2027-Q2' }) period: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
}

export class SeriesLastErrorResponse {
  @ApiProperty({ type: I18nTextResponse }) message: I18nTextResponse;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CallSeriesResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ example: '{year}年第{quarter}季度优秀国产动画片推荐' }) titleTemplate: string;
  @ApiProperty({ enum: RECURRENCES }) recurrence: Recurrence;
  @ApiProperty() firstYear: number;
  @ApiProperty() firstQuarter: number;
  @ApiProperty() opensOffsetDays: number;
  @ApiProperty() windowDays: number;
  @ApiProperty() leadDays: number;
  @ApiProperty({ type: Number, nullable: true }) provincialDays: number | null;
  @ApiProperty({ type: CallSeriesSettingsDto }) settings: CallSeriesSettingsDto;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    type: SeriesLastErrorResponse,
    nullable: true,
    description: 'why the last run could not open a due call (null once a run succeeds)',
  })
  lastError: SeriesLastErrorResponse | null;
  @ApiProperty({ type: [SeriesCallResponse], description: 'the calls opened so far, oldest first' })
  calls: SeriesCallResponse[];
  @ApiProperty({ type: SeriesNextPeriodResponse, nullable: true, description: 'the next period without a call' })
  next: SeriesNextPeriodResponse | null;
}

export class CallSeriesListResponse {
  @ApiProperty({ type: [CallSeriesResponse] }) items: CallSeriesResponse[];
  @ApiProperty() total: number;
}

export class OpenedCallResponse {
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty({ example: '2027-Q1' }) period: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
}

export class OpenedCallsResponse {
  @ApiProperty({ type: [OpenedCallResponse] }) items: OpenedCallResponse[];
  @ApiProperty() total: number;
}

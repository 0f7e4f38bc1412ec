import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { I18nTextResponse } from '@portal/platform';
import { RubricCriterionResponse } from '@portal/programs';
import { APPLICATION_STATUSES } from './applications/application.entity';
import { CALL_STATUSES } from './calls/call-status';

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
}

export class ApplicationListItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() callTitle: string;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
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

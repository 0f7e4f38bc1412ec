import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RubricCriterionResponse } from '@portal/programs';
import { REVIEW_STATUSES } from './reviews/review-state';

/** What the review routes answer, as the OpenAPI document describes it (the services build plain objects). */

const STATUS = { enum: REVIEW_STATUSES, enumName: 'ReviewStatus' } as const;
const DATE_TIME_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;

export class ReviewExpertResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() email?: string;
}

export class ReviewListItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty(STATUS) status: (typeof REVIEW_STATUSES)[number];
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() callTitle: string;
  @ApiProperty({ type: String, nullable: true }) applicationNumber: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'anonymised for an expert of a blind call; null for an expert whose assignment no longer gives access (declined, expired, round closed)',
  })
  applicationTitle: string | null;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: String, nullable: true }) track: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiPropertyOptional({ type: ReviewExpertResponse, description: 'officers only' }) expert?: ReviewExpertResponse;
}

export class ReviewCallResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() programCode: string;
  @ApiProperty() year: number;
  @ApiProperty() blindReview: boolean;
  @ApiProperty() reviewClosed: boolean;
  @ApiProperty({ type: [RubricCriterionResponse] }) rubric: RubricCriterionResponse[];
}

export class ReviewAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() mimeType: string;
  @ApiPropertyOptional() sha256?: string;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
  @ApiProperty({ description: 'where the expert downloads it' }) url: string;
}

export class ReviewHistoryItemResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: Object, nullable: true, description: '{ id, name }; absent when blind' })
  actor?: { id: string; name: string } | null;
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty() to: string;
  @ApiPropertyOptional({ type: String, nullable: true }) comment?: string | null;
}

export class ReviewOrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() creditCode: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() provinceCode: string;
}

/** The application under review: without the organization and with anonymised texts when the call is blind. */
export class ReviewApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() title: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: String, nullable: true }) track: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({ type: [ReviewAttachmentResponse] }) attachments: ReviewAttachmentResponse[];
  @ApiProperty({ type: [ReviewHistoryItemResponse] }) history: ReviewHistoryItemResponse[];
  @ApiProperty() blind: boolean;
  @ApiPropertyOptional(DATE_TIME_OR_NULL) firstSubmittedAt?: string | null;
  @ApiPropertyOptional({ type: ReviewOrganizationResponse, description: 'absent when blind' })
  organization?: ReviewOrganizationResponse;
}

export class ReviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty(STATUS) status: (typeof REVIEW_STATUSES)[number];
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ type: String, nullable: true, enum: ['conflict', 'unavailable'] }) declineReason: string | null;
  @ApiProperty({ type: String, nullable: true }) declineDetail: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) declinedAt: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) draftSavedAt: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) submittedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'the expert: always; an officer: after review-close' }) scoresVisible: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, nullable: true })
  scores: Record<string, number> | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiPropertyOptional({ type: ReviewExpertResponse, description: 'officers only' }) expert?: ReviewExpertResponse;
  @ApiProperty({ type: ReviewCallResponse }) call: ReviewCallResponse;
  @ApiProperty({
    type: ReviewApplicationResponse,
    nullable: true,
    description:
      'null for the expert once the assignment no longer gives access (declined, expired, or the round closed); ' +
      'on a blind call without identity-bearing files; never a person’s ID number or phone for an expert',
  })
  application: ReviewApplicationResponse | null;
}

export class ReviewVersionResponse {
  @ApiProperty() n: number;
  @ApiProperty({ format: 'date-time' }) savedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores: Record<string, number>;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

export class ShortfallResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() missing: number;
}

export class DrawResultResponse {
  @ApiProperty({ description: 'the number of new assignments' }) assigned: number;
  @ApiProperty({ type: [ShortfallResponse] }) shortfalls: ShortfallResponse[];
  @ApiProperty() seed: number;
}

export class DeclinedReviewResponse extends ReviewResponse {
  @ApiProperty({ type: DrawResultResponse, description: 'the replacement draw (no seed)' })
  replacement: Omit<DrawResultResponse, 'seed'>;
}

export class ProgressByApplicationResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty() submitted: number;
  @ApiProperty() pending: number;
  @ApiProperty() declined: number;
  @ApiProperty() expired: number;
  @ApiProperty() missing: number;
}

export class ReviewProgressResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() reviewersPerApplication: number;
  @ApiProperty(DATE_TIME_OR_NULL) closedAt: string | null;
  @ApiProperty() total: number;
  @ApiProperty() submitted: number;
  @ApiProperty() pending: number;
  @ApiProperty() declined: number;
  @ApiProperty() expired: number;
  @ApiProperty({
    description:
      'whether POST review-draw accepts a chosen `seed`: true only on a staging portal (PORTAL_TEST_CLOCK=1), ' +
      'otherwise a seed is 400 REVIEW.SEED_NOT_ALLOWED and the form hides its seed field',
  })
  seedAllowed: boolean;
  @ApiProperty({ type: [ProgressByApplicationResponse] }) byApplication: ProgressByApplicationResponse[];
}

export class ReviewCloseResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty() submitted: number;
  @ApiProperty() expired: number;
  @ApiProperty() reviewed: number;
  @ApiProperty({ type: [String], description: 'ids of applications without a submitted review' })
  unreviewed: string[];
}

export class RankingRowResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() number: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no submitted review (listed unranked, last)' })
  score: number | null;
  @ApiProperty({ type: Number, nullable: true }) rawMean: number | null;
  @ApiProperty() reviews: number;
  @ApiProperty({ type: Number, nullable: true }) spread: number | null;
  @ApiProperty() flagged: boolean;
  @ApiProperty({ type: Number, nullable: true }) rank: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the organization's province (GB/T 2260 two-digit code)",
    example: '32',
  })
  province: string | null;
}

export class ExpertConflictItemResponse {
  @ApiProperty() creditCode: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ description: 'declared while declining a review' }) fromReview?: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "the expert's own list: the name of the registered organization with this credit code (null: none)",
  })
  organizationName?: string | null;
}

/** An organization found by the expert's conflict search: nothing but its id, name and credit code. */
export class OrganizationSearchItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() creditCode: string;
}

export class ExpertLoadResponse {
  @ApiProperty() pending: number;
  @ApiProperty() submitted: number;
  @ApiProperty() declined: number;
  @ApiProperty() expired: number;
}

export class ExpertResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: [String], description: 'program codes, or code/track' }) fields: string[];
  @ApiProperty({ type: String, nullable: true }) employerCreditCode: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty() available: boolean;
  @ApiProperty({ type: [ExpertConflictItemResponse] }) conflicts: ExpertConflictItemResponse[];
  @ApiProperty({ description: 'pending + submitted' }) load: number;
  @ApiProperty({ type: ExpertLoadResponse }) loadByStatus: ExpertLoadResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) callId: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ReviewConflictResponse {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ type: String, nullable: true }) applicationNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) declaredAt: string;
}

export class MyExpertProfileResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiProperty({ type: String, nullable: true }) employerCreditCode: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty() available: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [ExpertConflictItemResponse] }) conflicts: ExpertConflictItemResponse[];
  @ApiProperty({ type: [ReviewConflictResponse] }) reviewConflicts: ReviewConflictResponse[];
}

export class DeliberationVoteResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() title: string;
  @ApiProperty() yes: number;
  @ApiProperty() no: number;
  @ApiProperty() abstain: number;
  @ApiProperty({ description: 'a majority of the members present voted for' }) elected: boolean;
}

export class DeliberationSessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) heldAt: string;
  @ApiProperty({ type: [String], description: 'the members present' }) members: string[];
  @ApiProperty() note: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: [DeliberationVoteResponse] }) votes: DeliberationVoteResponse[];
}

export class DeliberationResponse {
  @ApiProperty({ description: 'the call has a deliberation vote (its deliberation setting)' }) enabled: boolean;
  @ApiProperty({
    type: [String],
    description: 'the applications the latest tallies elected: the only ones that can be awarded',
  })
  elected: string[];
  @ApiProperty({ type: [DeliberationSessionResponse], description: 'every session, oldest first' })
  sessions: DeliberationSessionResponse[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the decisions, notices, objections, awards and calendar routes answer, as the OpenAPI document describes it. */

const DATE_TIME_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;
const TEXT_OR_NULL = { type: String, nullable: true } as const;

export class DecisionItemResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty(TEXT_OR_NULL) number: string | null;
  @ApiProperty() title: string;
  @ApiProperty() organization: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty(TEXT_OR_NULL) track: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ type: Number, nullable: true }) rank: number | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: String, enum: ['award', 'reject'], nullable: true }) outcome: 'award' | 'reject' | null;
  @ApiProperty(TEXT_OR_NULL) tier: string | null;
  @ApiProperty() amountFen: number;
  @ApiProperty(TEXT_OR_NULL) note: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) decidedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty({
    ...TEXT_OR_NULL,
    description: "the organization's province (GB/T 2260 two-digit code)",
    example: '32',
  })
  province: string | null;
}

export class DecisionsResponse {
  @ApiProperty() budgetFen: number;
  @ApiProperty() committedFen: number;
  @ApiProperty({ type: [DecisionItemResponse] }) items: DecisionItemResponse[];
}

export class DecisionSavedResponse extends DecisionItemResponse {
  @ApiProperty() budgetFen: number;
  @ApiProperty() committedFen: number;
}

export class FillProposalResponse {
  @ApiProperty() budgetFen: number;
  @ApiProperty() totalFen: number;
  @ApiProperty() remainingFen: number;
  @ApiProperty({ description: 'true only with confirm: true' }) saved: boolean;
  @ApiProperty({ type: [DecisionItemResponse] }) items: DecisionItemResponse[];
}

export class NoticeEntryResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty(TEXT_OR_NULL) number: string | null;
  @ApiProperty() organization: string;
  @ApiProperty() title: string;
  @ApiProperty(TEXT_OR_NULL) track: string | null;
  @ApiProperty(TEXT_OR_NULL) tier: string | null;
  @ApiProperty() amountFen: number;
  @ApiProperty({ description: 'an upheld objection took the entry off the list' }) removed: boolean;
}

export class ObjectionCountsResponse {
  @ApiProperty() total: number;
  @ApiProperty() open: number;
}

export class NoticeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() callTitle: string;
  @ApiProperty() program: string;
  @ApiProperty() year: number;
  @ApiProperty() workingDays: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ description: 'startsAt ≤ now < endsAt' }) open: boolean;
  @ApiProperty({
    type: [Number],
    description:
      'years whose holidays were not published when the end was counted: counted on weekends and the fixed-date ' +
      'statutory holidays, counted again when an admin publishes the year (the end only moves later)',
  })
  provisionalYears: number[];
  @ApiProperty({ type: [NoticeEntryResponse] }) entries: NoticeEntryResponse[];
  @ApiPropertyOptional({ type: ObjectionCountsResponse, description: 'officers only' })
  objections?: ObjectionCountsResponse;
}

export class PublicNoticeIndexResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() callTitle: string;
  @ApiProperty() program: string;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() workingDays: number;
  @ApiProperty({ description: 'running now (objections accepted on the notice page)' }) open: boolean;
  @ApiProperty({ description: 'entries still on the notice' }) entries: number;
}

export class FiledObjectionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) noticeId: string;
  @ApiProperty({ format: 'uuid' }) entryApplicationId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ enum: ['open'] }) status: 'open';
}

export class ObjectionEntryResponse {
  @ApiProperty(TEXT_OR_NULL) number: string | null;
  @ApiProperty() title: string;
  @ApiProperty() organization: string;
  @ApiProperty() removed: boolean;
  @ApiProperty({
    ...TEXT_OR_NULL,
    description: "the organization's province (GB/T 2260 two-digit code)",
    example: '32',
  })
  province: string | null;
}

export class EvidenceFileResponse {
  @ApiProperty() fileName: string;
  @ApiProperty() size: number;
  @ApiProperty() mimeType: string;
  @ApiProperty() sha256: string;
}

export class ObjectionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) noticeId: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'uuid' }) entryApplicationId: string;
  @ApiProperty({ type: ObjectionEntryResponse }) entry: ObjectionEntryResponse;
  @ApiProperty() name: string;
  @ApiProperty() contact: string;
  @ApiProperty() reason: string;
  @ApiProperty(TEXT_OR_NULL) evidence: string | null;
  @ApiProperty({ type: EvidenceFileResponse, nullable: true }) evidenceFile: EvidenceFileResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ enum: ['open', 'answered'] }) status: 'open' | 'answered';
  @ApiProperty({ type: Boolean, nullable: true }) upheld: boolean | null;
  @ApiProperty(TEXT_OR_NULL) response: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) resolvedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resolvedBy: string | null;
}

export class AwardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organization: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() program: string;
  @ApiProperty() year: number;
  @ApiProperty(TEXT_OR_NULL) track: string | null;
  @ApiProperty(TEXT_OR_NULL) tier: string | null;
  @ApiProperty({ description: '0 for certifications' }) amountFen: number;
  @ApiProperty(TEXT_OR_NULL) certificateNo: string | null;
  @ApiProperty({ enum: ['active', 'revoked', 'lapsed'], description: '`lapsed` only on calls with the annual review' })
  status: 'active' | 'revoked' | 'lapsed';
  @ApiProperty() title: string;
  @ApiProperty(TEXT_OR_NULL) number: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty(DATE_TIME_OR_NULL) revokedAt: string | null;
  @ApiProperty(TEXT_OR_NULL) revokedReason: string | null;
  @ApiProperty({
    ...TEXT_OR_NULL,
    description: "the organization's province (GB/T 2260 two-digit code)",
    example: '32',
  })
  province: string | null;
  @ApiPropertyOptional({ format: 'date', description: 'only on a lapsed certificate: the day it lapsed (资格取消)' })
  lapsedOn?: string;
  @ApiPropertyOptional({ ...TEXT_OR_NULL, description: 'only on a lapsed certificate: why' })
  lapsedReason?: string | null;
}

export class RevokedAwardResponse extends AwardResponse {
  @ApiProperty({ description: 'unpaid instalments cancelled' }) cancelledFen: number;
  @ApiProperty({ description: 'paid instalments put up for recovery' }) recoveringFen: number;
}

export class PublicAwardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() program: string;
  @ApiProperty() year: number;
  @ApiProperty() organization: string;
  @ApiProperty() title: string;
  @ApiProperty(TEXT_OR_NULL) tier: string | null;
  @ApiProperty() amountFen: number;
  @ApiProperty(TEXT_OR_NULL) certificateNo: string | null;
  @ApiProperty({ enum: ['active', 'revoked', 'lapsed'], description: '`lapsed` only on calls with the annual review' })
  status: 'active' | 'revoked' | 'lapsed';
  @ApiPropertyOptional({
    ...TEXT_OR_NULL,
    description: "the organization's province (GB/T 2260), only with `?province=` or `?withProvince=true`",
  })
  province?: string | null;
  @ApiPropertyOptional({
    format: 'date',
    description: 'only on a lapsed certificate (资格取消, the 年审 missed or failed): the day it lapsed, Asia/Shanghai',
  })
  lapsedOn?: string;
}

export class PublicListEntryResponse {
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty(TEXT_OR_NULL) number: string | null;
  @ApiProperty() organization: string;
  @ApiProperty() title: string;
  @ApiProperty({ ...TEXT_OR_NULL, description: 'what the list calls the entry (the track’s title)' })
  listTitle: string | null;
  @ApiProperty({
    enum: ['active', 'revoked', 'lapsed'],
    description: 'an entry revoked after publication stays, marked',
  })
  status: 'active' | 'revoked' | 'lapsed';
}

export class PublicListResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() program: string;
  @ApiProperty() year: number;
  @ApiProperty() callTitle: string;
  @ApiProperty({ format: 'date-time', description: 'when the call was finalized and the list published' })
  publishedAt: string;
  @ApiProperty({ type: [PublicListEntryResponse] }) entries: PublicListEntryResponse[];
}

export class FinalizeResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'date-time' }) finalizedAt: string;
  @ApiProperty() awarded: number;
  @ApiProperty() notAwarded: number;
  @ApiProperty({ type: [AwardResponse] }) awards: AwardResponse[];
}

export class RecountedNoticeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
}

export class CalendarYearResponse {
  @ApiProperty() year: number;
  @ApiProperty() source: string;
  @ApiProperty({ type: [String], format: 'date' }) holidays: string[];
  @ApiProperty({ type: [String], format: 'date', description: 'make-up working days (weekends)' }) workdays: string[];
  @ApiPropertyOptional({
    type: [RecountedNoticeResponse],
    description: 'PUT: running notices that had counted this year provisionally, counted again (their end)',
  })
  recountedNotices?: RecountedNoticeResponse[];
}

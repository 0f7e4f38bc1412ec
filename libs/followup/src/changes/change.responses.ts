import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_KINDS, CHANGE_STATUSES } from './change-status';

const DATE_TIME_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;
const TEXT_OR_NULL = { type: String, nullable: true } as const;

export class ChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ enum: CHANGE_KINDS, enumName: 'ChangeKind' }) kind: (typeof CHANGE_KINDS)[number];
  @ApiProperty() reason: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'title: { title }; schedule: { planEndsOn }; content, team: { text }; budget: { text?, lines? }',
  })
  proposed: Record<string, unknown>;
  @ApiProperty({ enum: CHANGE_STATUSES, enumName: 'ChangeStatus' }) status: (typeof CHANGE_STATUSES)[number];
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty(TEXT_OR_NULL) requestedByName: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty(TEXT_OR_NULL) decidedByName: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) decidedAt: string | null;
  @ApiProperty(TEXT_OR_NULL) decisionNote: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'approved: the agreement version this change made' })
  agreementVersion: number | null;
  @ApiProperty() version: number;
}

export class ChangeQueueItemResponse extends ChangeResponse {
  @ApiProperty({ example: 'jingpin' }) programCode: string;
  @ApiProperty(TEXT_OR_NULL) applicationNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty() organizationName: string;
}

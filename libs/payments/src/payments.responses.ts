import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { I18nTextResponse } from '@portal/platform';
import { INSTALMENT_STATUSES } from './instalments/instalment-status';

/** What the payments routes answer, as the OpenAPI document describes it (the services build plain objects). */

const DATE_TIME_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;
const TEXT_OR_NULL = { type: String, nullable: true } as const;

export class InstalmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() instalmentNo: number;
  @ApiProperty() percent: number;
  @ApiProperty({ description: 'finalize, midterm, closing, spending-proof' }) milestone: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn: string | null;
  @ApiProperty({ enum: INSTALMENT_STATUSES, enumName: 'InstalmentStatus' })
  status: (typeof INSTALMENT_STATUSES)[number];
  @ApiProperty({
    type: [String],
    description:
      'held: why it waits (agreement = the task agreement is not countersigned yet; report-overdue:<kind>); [] otherwise',
  })
  holdReasons: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) batchId: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty(DATE_TIME_OR_NULL) paidAt: string | null;
  @ApiProperty(TEXT_OR_NULL) failure: string | null;
  @ApiProperty(TEXT_OR_NULL) railReference: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the finance user who proposed a retry of this failed instalment; another one approves it',
  })
  retryProposedBy: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) retryProposedAt: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      '`recovering` / `recovered`: the money claimed back, in fen (the whole amount, or the program’s share on a failed evaluation)',
  })
  recoveryFen: number | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional(TEXT_OR_NULL) applicationNumber?: string | null;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional() organization?: string;
  @ApiPropertyOptional({
    ...TEXT_OR_NULL,
    description: "the organization's province (GB/T 2260 two-digit code)",
    example: '32',
  })
  province?: string | null;
}

export class LedgerEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() kind: string;
  @ApiProperty(TEXT_OR_NULL) from: string | null;
  @ApiProperty(TEXT_OR_NULL) to: string | null;
  @ApiProperty() amountFen: number;
  @ApiProperty({ format: 'uuid' }) instalmentId: string;
  @ApiProperty() instalmentNo: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty(TEXT_OR_NULL) note: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
}

export class InstalmentWithHistoryResponse extends InstalmentResponse {
  @ApiProperty({ type: [LedgerEntryResponse] }) history: LedgerEntryResponse[];
}

export class AwardLedgerResponse {
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty() recoveredFen: number;
  @ApiProperty({ description: 'paid − recovered' }) balanceFen: number;
  @ApiProperty({ description: 'paid and put up for recovery, not yet recovered' }) outstandingRecoveryFen: number;
  @ApiProperty({ type: [InstalmentResponse] }) instalments: InstalmentResponse[];
  @ApiProperty({ type: [LedgerEntryResponse] }) entries: LedgerEntryResponse[];
}

export class SkippedInstalmentResponse {
  @ApiProperty({ format: 'uuid' }) instalmentId: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ type: I18nTextResponse }) detail?: I18nTextResponse;
}

export class PreparedBatchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['prepared'] }) status: 'prepared';
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() instalmentNo: number;
  @ApiProperty() count: number;
  @ApiProperty() totalFen: number;
  @ApiProperty({ type: [SkippedInstalmentResponse] }) skipped: SkippedInstalmentResponse[];
}

export class BatchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['prepared', 'approved', 'completed'] }) status: 'prepared' | 'approved' | 'completed';
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty() instalmentNo: number;
  @ApiProperty(TEXT_OR_NULL) rail: string | null;
  @ApiProperty({ format: 'uuid' }) preparedBy: string;
  @ApiProperty() preparedByName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedBy: string | null;
  @ApiProperty(TEXT_OR_NULL) approvedByName: string | null;
  @ApiProperty() count: number;
  @ApiProperty() totalFen: number;
  @ApiProperty({ type: [SkippedInstalmentResponse] }) skipped: SkippedInstalmentResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty(DATE_TIME_OR_NULL) approvedAt: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) exportedAt: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { count: { type: 'number' }, totalFen: { type: 'number' } },
      required: ['count', 'totalFen'],
    },
    description: 'count and total per instalment status',
  })
  byStatus: Record<string, { count: number; totalFen: number }>;
  @ApiProperty({
    description: "the call's paymentDualControl: retries and a bank return's failed lines need a second finance user",
  })
  paymentDualControl: boolean;
  @ApiProperty({
    description: 'bank return proposals waiting for a second finance user (GET …/:id/bank-return-proposals)',
  })
  pendingReturnProposals: number;
}

export class ReturnProblemResponse {
  @ApiProperty() line: number;
  @ApiProperty() message: string;
}

export class BankReturnResponse {
  @ApiProperty({ description: 'lines recorded as paid' }) paid: number;
  @ApiProperty({
    description:
      "lines recorded as failed (on a call with paymentDualControl only by a second finance user's approval)",
  })
  failed: number;
  @ApiProperty({ type: [ReturnProblemResponse] }) ignored: ReturnProblemResponse[];
  @ApiProperty({
    description:
      'lines marked failed that wait for a second finance user (paymentDualControl; POST …/bank-return/:proposalId/approve)',
  })
  pendingFailed: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the proposal holding those lines',
  })
  proposalId: string | null;
}

export class BankReturnProposalLineResponse {
  @ApiProperty({ description: 'the line of the return file' }) line: number;
  @ApiProperty({ format: 'uuid' }) instalmentId: string;
  @ApiProperty({ enum: ['paid', 'failed'] }) status: 'paid' | 'failed';
  @ApiProperty(TEXT_OR_NULL) reference: string | null;
  @ApiProperty(TEXT_OR_NULL) reason: string | null;
  @ApiProperty({ type: Number, nullable: true }) amountFen: number | null;
  @ApiProperty(TEXT_OR_NULL) organizationName: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, description: "the instalment's status now (sending while the proposal waits)" })
  instalmentStatus: string | null;
}

export class BankReturnProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ enum: ['proposed', 'applied'] }) status: 'proposed' | 'applied';
  @ApiProperty({ format: 'uuid', description: 'the finance user who imported the return' }) proposedBy: string;
  @ApiProperty() proposedByName: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the second finance user' })
  decidedBy: string | null;
  @ApiProperty(TEXT_OR_NULL) decidedByName: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) decidedAt: string | null;
  @ApiProperty({ type: [BankReturnProposalLineResponse], description: 'the lines the return marked failed' })
  lines: BankReturnProposalLineResponse[];
  @ApiProperty({ type: BankReturnResponse, nullable: true, description: 'what the approval did' })
  result: BankReturnResponse | null;
}

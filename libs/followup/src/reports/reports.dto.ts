import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { I18nTextResponse, PageQuery } from '@portal/platform';
import { EVALUATION_GRADES, EvaluationGrade } from '@portal/programs';
import { REPORT_STATUSES, ReportStatus } from './report-status';

export class SaveReportDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "the report's form, validated against the program's report DTO (GET /api/programs → reports[].formSchema)",
  })
  @IsObject()
  payload: Record<string, unknown>;
}

export class ReportNoteDto {
  @ApiProperty({ description: "the officer's note to the grantee" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class OptionalNoteDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReportListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES as unknown as string[])
  status?: ReportStatus;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: past their due day and not accepted' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}

export class WarningListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'confirmed', 'dismissed'] })
  @IsOptional()
  @IsIn(['open', 'confirmed', 'dismissed'])
  status?: 'open' | 'confirmed' | 'dismissed';
}

export class EvaluationDto {
  @ApiProperty({ enum: EVALUATION_GRADES, description: '优秀 / 良好 / 合格 / 不合格' })
  @IsIn(EVALUATION_GRADES as unknown as string[])
  grade: EvaluationGrade;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class ReportAttachmentResponse {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() filename: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: string;
}

export class InstalmentHoldResponse {
  @ApiProperty() instalmentNo: number;
  @ApiProperty() status: string;
  @ApiProperty({ type: [String], description: 'why it is held, e.g. agreement, report-overdue:midterm' })
  reasons: string[];
}

export class ReportResponse {
  @ApiProperty() id: string;
  @ApiProperty() awardId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD (Asia/Shanghai)' }) dueOn: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'days from today to the due day (negative: overdue)' })
  daysLeft: number | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({ description: 'counts submissions' }) version: number;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the officer's last note" }) note: string | null;
  @ApiProperty({ type: Number, nullable: true }) releasesInstalmentNo: number | null;
  @ApiProperty() closing: boolean;
  @ApiProperty({ type: [ReportAttachmentResponse] }) attachments: ReportAttachmentResponse[];
}

export class EvaluationResponse {
  @ApiProperty() awardId: string;
  @ApiProperty({ enum: EVALUATION_GRADES }) grade: EvaluationGrade;
  @ApiProperty() note: string;
  @ApiProperty() decidedAt: string;
  @ApiProperty({ type: Number, nullable: true, description: 'fail: the paid money put up for recovery (fen)' })
  recoveringFen: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'fail: the organization is barred until this day' })
  barredUntil: string | null;
}

export class AwardReportsResponse {
  @ApiProperty() awardId: string;
  @ApiProperty() programCode: string;
  @ApiProperty() awardStatus: string;
  @ApiProperty({ description: "the call requires the program's reports" }) reportsRequired: boolean;
  @ApiProperty({ description: 'YYYY-MM-DD (Asia/Shanghai): the countdowns count from it' }) today: string;
  @ApiProperty({ type: [ReportResponse] }) reports: ReportResponse[];
  @ApiProperty({ type: [InstalmentHoldResponse] }) instalments: InstalmentHoldResponse[];
  @ApiProperty({ description: 'the closing report is accepted and no grade given yet' }) evaluationOpen: boolean;
  @ApiProperty({ type: EvaluationResponse, nullable: true }) evaluation: EvaluationResponse | null;
}

export class ReportQueueItemResponse extends ReportResponse {
  @ApiProperty() programCode: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() title: string;
}

export class ReportWarningResponse {
  @ApiProperty() id: string;
  @ApiProperty() reportId: string;
  @ApiProperty() awardId: string;
  @ApiProperty() kind: string;
  @ApiProperty() dueOn: string;
  @ApiProperty() raisedAt: string;
  @ApiProperty({ enum: ['open', 'confirmed', 'dismissed'] }) status: 'open' | 'confirmed' | 'dismissed';
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() title: string;
}

export class SweepResultResponse {
  @ApiProperty() reminders: number;
  @ApiProperty() held: number;
  @ApiProperty() warnings: number;
}

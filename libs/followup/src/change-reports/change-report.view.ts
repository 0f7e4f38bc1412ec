import { ApiProperty } from '@nestjs/swagger';
import { organizationsRelation } from '@portal/identity';
import { awardsRelation } from '@portal/awards';
import { SqlRow } from '@portal/platform';
import { CHANGE_KINDS, ChangeKind } from './change-report.dto';
import { CHANGE_REPORT_STATUSES, ChangeReportStatus } from './change-report-status';

/** A change report row with its organization (current name, province) and certificate number, as `cr`, `o`, `aw`. */
export const CHANGE_REPORT_SQL = `SELECT cr.*, to_char(cr.effective_on, 'YYYY-MM-DD') AS effective_day, to_char(cr.deadline, 'YYYY-MM-DD') AS deadline_day,
         to_char(cr.reissued_on, 'YYYY-MM-DD') AS reissued_day, o.name AS organization_name, o.province_code, aw.certificate_no
    FROM change_report cr JOIN ${organizationsRelation('o')} ON o.id = cr.organization_id
         JOIN ${awardsRelation('aw')} ON aw.id = cr.award_id`;

export class ChangeReportLicenceResponse {
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
}

export class ChangeReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: "the organization's current name" }) organizationName: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty({ format: 'uuid', description: 'the certificate (award) the report was filed under' }) awardId: string;
  @ApiProperty({ type: String, nullable: true }) certificateNo: string | null;
  @ApiProperty({ enum: CHANGE_KINDS }) kind: ChangeKind;
  @ApiProperty({ example: '2026-09-24' }) effectiveOn: string;
  @ApiProperty({ description: 'the name when the report was filed' }) oldName: string;
  @ApiProperty({ type: String, nullable: true }) newName: string | null;
  @ApiProperty() detail: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-10-22',
    description: 'last day to report (15 working days after effectiveOn); null when the calendar year is not published',
  })
  deadline: string | null;
  @ApiProperty({
    description: 'filed after the deadline: recorded all the same, the lateness is for the officer to judge',
  })
  late: boolean;
  @ApiProperty({ enum: CHANGE_REPORT_STATUSES }) status: ChangeReportStatus;
  @ApiProperty({ type: ChangeReportLicenceResponse }) licence: ChangeReportLicenceResponse;
  @ApiProperty({ format: 'date-time' }) filedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'an accepted rename: the day the certificates were reissued',
  })
  reissuedOn: string | null;
}

export type ChangeReportView = ChangeReportResponse;

export function changeReportView(r: SqlRow): ChangeReportView {
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    provinceCode: r.province_code,
    awardId: r.award_id,
    certificateNo: r.certificate_no ?? null,
    kind: r.kind,
    effectiveOn: r.effective_day,
    oldName: r.old_name,
    newName: r.new_name ?? null,
    detail: r.detail,
    deadline: r.deadline_day ?? null,
    late: !!r.late,
    status: r.status,
    licence: {
      fileName: r.licence_file_name,
      mimeType: r.licence_mime_type,
      size: Number(r.licence_size),
      sha256: r.licence_sha256,
    },
    filedAt: new Date(r.filed_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note ?? null,
    reissuedOn: r.reissued_day ?? null,
  };
}

import { ApiProperty } from '@nestjs/swagger';
import { I18nTextResponse } from '@portal/platform';
import { ChangeResponse } from '../changes/change.responses';
import { AGREEMENT_STATUSES } from './agreement-status';

const DATE_TIME_OR_NULL = { type: String, format: 'date-time', nullable: true } as const;
const TEXT_OR_NULL = { type: String, nullable: true } as const;

export class AgreementInstalmentResponse {
  @ApiProperty() instalmentNo: number;
  @ApiProperty() percent: number;
  @ApiProperty() amountFen: number;
  @ApiProperty({ description: 'finalize, midterm, closing, spending-proof' }) milestone: string;
  @ApiProperty({ type: I18nTextResponse, description: 'what the instalment waits for' }) condition: I18nTextResponse;
  @ApiProperty({ description: "the instalment's status now (held until the agreement is countersigned)" })
  status: string;
  @ApiProperty({ type: [String] }) holdReasons: string[];
}

export class AgreementResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES, enumName: 'AgreementStatus' }) status: (typeof AGREEMENT_STATUSES)[number];
  @ApiProperty({ description: '1, raised by each approved change' }) version: number;
  @ApiProperty({ enum: ['active', 'revoked'] }) awardStatus: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: I18nTextResponse }) programName: I18nTextResponse;
  @ApiProperty({ type: I18nTextResponse, description: "the program's agency (甲方)" }) agency: I18nTextResponse;
  @ApiProperty() callTitle: string;
  @ApiProperty(TEXT_OR_NULL) track: string | null;
  @ApiProperty({ type: I18nTextResponse, nullable: true }) trackName: I18nTextResponse | null;
  @ApiProperty(TEXT_OR_NULL) tier: string | null;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty(TEXT_OR_NULL) applicationNumber: string | null;
  @ApiProperty({ description: 'as changed by approved title changes' }) title: string;
  @ApiProperty({ description: "the application's title" }) originalTitle: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() creditCode: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ format: 'date' }) awardedOn: string;
  @ApiProperty() planMonths: number;
  @ApiProperty({ format: 'date', description: 'award day + planMonths, moved by approved schedule changes' })
  planEndsOn: string;
  @ApiProperty({ type: [AgreementInstalmentResponse] }) instalments: AgreementInstalmentResponse[];
  @ApiProperty({ type: [I18nTextResponse] }) deliverables: I18nTextResponse[];
  @ApiProperty({ type: [I18nTextResponse] }) duties: I18nTextResponse[];
  @ApiProperty({ ...TEXT_OR_NULL, description: 'sha256 (hex) of the PDF the grantee accepted' }) pdfSha256:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) acceptedBy: string | null;
  @ApiProperty(TEXT_OR_NULL) acceptedByName: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) acceptedAt: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, description: 'the address the acceptance came from' }) acceptedIp: string | null;
  @ApiProperty({ type: Number, nullable: true }) acceptedVersion: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) countersignedBy: string | null;
  @ApiProperty(TEXT_OR_NULL) countersignedByName: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) countersignedAt: string | null;
  @ApiProperty({ type: [ChangeResponse], description: 'approved changes (变更记录), in version order' })
  changes: ChangeResponse[];
}

export class AgreementListItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES, enumName: 'AgreementStatus' }) status: (typeof AGREEMENT_STATUSES)[number];
  @ApiProperty() version: number;
  @ApiProperty() programCode: string;
  @ApiProperty(TEXT_OR_NULL) applicationNumber: string | null;
  @ApiProperty() title: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ format: 'date' }) planEndsOn: string;
  @ApiProperty(TEXT_OR_NULL) acceptedByName: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) acceptedAt: string | null;
  @ApiProperty(DATE_TIME_OR_NULL) countersignedAt: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@portal/platform';

/** What the identity routes answer, as the OpenAPI document describes it (the services build plain objects). */

export class TokenPairResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'officers: their agency (scope: its province × programs); null = national, every program',
  })
  agencyId: string | null;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty({ description: 'a disabled account cannot log in, and its tokens stop working' }) disabled: boolean;
}

export class ExpertConflictResponse {
  @ApiProperty() creditCode: string;
  @ApiPropertyOptional() note?: string;
}

export class CreatedExpertResponse {
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiProperty() employerCreditCode: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: [ExpertConflictResponse] }) conflicts: ExpertConflictResponse[];
}

export class CreatedUserResponse extends UserResponse {
  @ApiPropertyOptional({ type: CreatedExpertResponse }) expert?: CreatedExpertResponse;
}

export class ProvinceResponse {
  @ApiProperty({ example: '32', description: 'GB/T 2260 two-digit code' }) code: string;
  @ApiProperty({ example: '江苏' }) zh: string;
  @ApiProperty({ example: 'Jiangsu' }) en: string;
}

export class MeAgencyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: ['national', 'provincial'] }) level: string;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: ProvinceResponse, nullable: true }) province: ProvinceResponse | null;
  @ApiProperty({ type: [String], description: 'empty = every program' }) programs: string[];
}

export class AgencyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'prov-32' }) code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() descriptionZh: string;
  @ApiProperty() descriptionEn: string;
  @ApiProperty({ enum: ['national', 'provincial'] }) level: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a national agency' }) provinceCode: string | null;
  @ApiProperty({ type: ProvinceResponse, nullable: true }) province: ProvinceResponse | null;
  @ApiProperty({ type: [String], description: 'the programs it handles; empty = every program' }) programs: string[];
  @ApiProperty({ description: 'officer accounts in this agency' }) officers: number;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty({
    type: MeAgencyResponse,
    nullable: true,
    description: 'officers: their agency; null = national, every program (or not an officer)',
  })
  agency: MeAgencyResponse | null;
}

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() creditCode: string;
  @ApiProperty() address: string;
  @ApiProperty() legalRepresentative: string;
  @ApiProperty({ type: [String] }) businessTypes: string[];
  @ApiProperty() regionCode: string;
  @ApiProperty({ description: "from the credit code's positions 3–4 unless an admin corrected it" })
  provinceCode: string;
  @ApiProperty({ type: ProvinceResponse }) province: ProvinceResponse;
  @ApiProperty({ type: String, nullable: true }) creditCodeException: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ProvinceChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ProvinceResponse }) from: ProvinceResponse;
  @ApiProperty({ type: ProvinceResponse }) to: ProvinceResponse;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) changedBy: string;
  @ApiProperty({ type: String, nullable: true }) changedByName: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class NameChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) changedBy: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class OrganizationDetailResponse extends OrganizationResponse {
  @ApiProperty({ type: [ProvinceChangeResponse], description: "admins' corrections of the province, oldest first" })
  provinceChanges: ProvinceChangeResponse[];
  @ApiProperty({
    type: [NameChangeResponse],
    description: 'renames (accepted change reports of a certified enterprise), oldest first',
  })
  nameChanges: NameChangeResponse[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "the organization's owner (removes colleagues, hands the role over); issue 14",
  })
  ownerUserId: string | null;
}

export class RegisteredResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ type: OrganizationResponse }) organization: OrganizationResponse;
}

export class OrganizationFlagResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: ['dishonest', 'barred', 'violation'] }) kind: 'dishonest' | 'barred' | 'violation';
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'inclusive; null = open-ended' })
  until: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrganizationFlagListItemResponse extends OrganizationFlagResponse {
  @ApiProperty({ description: 'in force today (Asia/Shanghai, the portal clock)' }) active: boolean;
}

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class CreditCodeExceptionResponse {
  @ApiProperty() creditCode: string;
  @ApiProperty() reason: string;
}

/** One accepted credit-code exception as the admins' list shows it. */
export class CreditCodeExceptionListItemResponse {
  @ApiProperty() creditCode: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) acceptedBy: string;
  @ApiProperty({ type: String, nullable: true }) acceptedByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'the organization registered with this code, if any' })
  organizationName: string | null;
}

/** One event of the audit chain, as the admins' audit log lists it. */
export class AuditEventResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the actor account name (null: the system)' })
  actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() hash: string;
}

/** The verifier's answer for one stretch of the chain (at most 50,000 events per request). */
export class AuditChainCheckResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'events verified in this stretch' }) checked: number;
  @ApiProperty() fromSeq: number;
  @ApiProperty({ description: 'false when the cap stopped the walk: verify again from nextSeq' }) complete: boolean;
  @ApiProperty({ type: Number, nullable: true }) nextSeq: number | null;
  @ApiProperty({ description: "the chain head's last sequence number" }) headSeq: number;
  @ApiPropertyOptional({ description: 'the first broken event' }) brokenAt?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() tookMs: number;
}

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
  @ApiProperty() emailVerified: boolean;
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

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty() emailVerified: boolean;
}

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() creditCode: string;
  @ApiProperty() address: string;
  @ApiProperty() legalRepresentative: string;
  @ApiProperty({ type: [String] }) businessTypes: string[];
  @ApiProperty() regionCode: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty({ type: String, nullable: true }) creditCodeException: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
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

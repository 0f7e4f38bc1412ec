import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@portal/platform';

export class ProfileResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty({ description: 'send it back with PATCH /api/me/profile' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid', description: 'the session (refresh-token family)' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'the login' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'the last login or token refresh' }) lastUsedAt: string;
  @ApiProperty({ format: 'date-time', description: 'when its current refresh token expires' }) expiresAt: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ description: 'the session of the access token this request came with' }) current: boolean;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: "the organization's owner (removes colleagues, hands the role over)" }) owner: boolean;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export class InvitationListItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'expired', 'revoked'] }) status: string;
  @ApiProperty({ format: 'uuid' }) invitedBy: string;
  @ApiProperty({ type: String, nullable: true }) invitedByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

/** The same answer whether or not the e-mail has an account. */
export class PasswordResetRequestedResponse {
  @ApiProperty({ description: 'always true: a known account gets the mail, an unknown address nothing' })
  accepted: boolean;
  @ApiProperty({ example: 30, description: 'how long a mailed link works' }) validMinutes: number;
}

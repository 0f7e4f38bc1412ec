import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ROLES } from '@portal/platform';

export const BUSINESS_TYPES = [
  'comic',
  'animation',
  'online',
  'stage',
  'software',
  'derivative-design',
  'publishing',
  'periodical-publishing',
  'broadcasting',
  'distribution',
  'merchandise-sales',
] as const;

/** Mainland mobile (1xxxxxxxxxx) or a landline with area code, optional +86. */
export const PHONE_PATTERN = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export class OrganizationInput {
  @ApiProperty({ example: '星火动画有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: '91350100M000100Y43' }) @IsString() @MaxLength(40) creditCode: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) address: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) legalRepresentative: string;
  @ApiProperty({ enum: BUSINESS_TYPES, isArray: true })
  @IsArray()
  @ArrayMaxSize(BUSINESS_TYPES.length)
  @ArrayUnique()
  @IsIn(BUSINESS_TYPES, { each: true })
  businessTypes: string[];
}

export class NewUserInput {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ example: '13800138000' })
  @IsString()
  @Matches(PHONE_PATTERN, {
    message: 'phone must be a mainland mobile or landline number / 请填写有效的手机或座机号码',
  })
  phone: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

/** A nested object that must be there: without @IsDefined/@IsObject, `{}` or `[]` slips past @ValidateNested. */
export class RegisterDto {
  @ApiProperty({ type: OrganizationInput })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => OrganizationInput)
  organization: OrganizationInput;
  @ApiProperty({ type: NewUserInput })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NewUserInput)
  user: NewUserInput;
}

export class LoginDto {
  @ApiProperty() @IsString() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MaxLength(200) refreshToken: string;
}

export class ConflictInput {
  @ApiProperty() @IsString() @MaxLength(40) creditCode: string;
  @ApiProperty() @IsString() @MaxLength(500) note: string;
}

export class ExpertInput {
  @ApiProperty({ example: ['rending', 'yuandongli/web-animation'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  @Matches(/^[a-z0-9-]+(\/[a-z0-9-]+)?$/, { each: true })
  fields: string[];
  @ApiProperty() @IsString() @MaxLength(40) employerCreditCode: string;
  @ApiProperty({ example: '110105' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit GB/T 2260 code / 地区代码应为 6 位数字' })
  regionCode: string;
  @ApiPropertyOptional({ type: [ConflictInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ConflictInput)
  conflicts?: ConflictInput[];
}

export class CreateUserDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(PHONE_PATTERN) phone?: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(5)
  @IsIn(ROLES, { each: true })
  roles: string[];
  @ApiPropertyOptional({ type: ExpertInput })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExpertInput)
  expert?: ExpertInput;
  @ApiPropertyOptional({ description: 'for applicant accounts: the organization they belong to' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  organizationId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'for officer accounts: their agency (GET /api/agencies); absent = national, every program',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  agencyId?: string;
}

export class FlagDto {
  @ApiProperty({ enum: ['dishonest', 'barred', 'violation'] }) @IsIn(['dishonest', 'barred', 'violation']) kind:
    'dishonest' | 'barred' | 'violation';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @ApiProperty({ example: '2026-01-01' }) @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) from: string;
  @ApiPropertyOptional({ example: '2028-12-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  until?: string;
}

export class SetRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true, description: "the account's roles from now on (at least one)" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @ArrayMaxSize(5)
  @IsIn(ROLES, { each: true })
  roles: string[];
}

export class InviteDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
}

export class AcceptInvitationDto {
  @ApiProperty() @IsString() @MaxLength(200) token: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty() @IsString() @Matches(PHONE_PATTERN) phone: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

export class CreditCodeExceptionDto {
  @ApiProperty() @IsString() @MaxLength(40) creditCode: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
}

export class VerifyEmailDto {
  @ApiProperty() @IsString() @MaxLength(200) token: string;
}

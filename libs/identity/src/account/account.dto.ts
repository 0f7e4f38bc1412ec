import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { PHONE_PATTERN } from '../auth/dto';

export class PasswordResetRequestDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'the token of the mailed link /reset-password?token=' })
  @IsString()
  @MaxLength(200)
  token: string;
  @ApiProperty({ description: 'the new password (the rules of registration)' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(200) currentPassword: string;
  @ApiProperty() @IsString() @MaxLength(200) newPassword: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, {
    message: 'phone must be a mainland mobile or landline number / 请填写有效的手机或座机号码',
  })
  phone?: string;
  @ApiProperty({ description: 'the version read with GET /api/me/profile (409 when it changed meanwhile)' })
  @IsInt()
  @Min(1)
  version: number;
}

export class HandOverOwnerDto {
  @ApiProperty({ format: 'uuid', description: 'the colleague who becomes the owner' }) @IsUUID() userId: string;
}

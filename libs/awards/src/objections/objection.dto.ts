import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQuery } from '@portal/platform';

/** An e-mail address or a mainland phone number (mobile or landline with area code). */
export const CONTACT_PATTERN = /^([^\s@]+@[^\s@]+\.[^\s@]+|(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}))$/;

/** A real-name objection. JSON, or multipart/form-data with the same fields plus an optional evidence `file`. */
export class ObjectionDto {
  @ApiProperty({ description: 'real name of the objector', example: '张三' })
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  name: string;
  @ApiProperty({ description: 'e-mail or phone; an e-mail gets the answer by mail', example: 'zhang@example.com' })
  @IsString()
  @MaxLength(100)
  @Matches(CONTACT_PATTERN, { message: 'contact must be an e-mail address or a phone number / 请填写邮箱或电话' })
  contact: string;
  @ApiProperty({ format: 'uuid', description: 'the application (entry of the notice) objected to' })
  @IsUUID()
  entryApplicationId: string;
  @ApiProperty({ description: 'the reasons, in writing' }) @IsString() @MinLength(5) @MaxLength(5000) reason: string;
  @ApiPropertyOptional({
    description:
      'evidence as text (a description, a link); a file goes in the multipart field `file` (PDF, JPEG or PNG)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  evidence?: string;
}

export class ResolutionDto {
  @ApiProperty({ description: 'true: the objection is upheld and the entry is removed from the list' })
  @IsBoolean()
  upheld: boolean;
  @ApiProperty({ description: 'the answer, recorded and sent to the objector' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  response: string;
}

export class ObjectionListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() noticeId?: string;
  @ApiPropertyOptional({ enum: ['open', 'answered'] }) @IsOptional() @IsIn(['open', 'answered']) status?:
    'open' | 'answered';
  @ApiPropertyOptional({ example: '32', description: "the entry's organization's province (GB/T 2260 two-digit code)" })
  @IsOptional()
  @Matches(/^[0-9]{2}$/)
  province?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class DeliberationVoteDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiProperty({ description: 'votes for' }) @IsInt() @Min(0) @Max(200) yes: number;
  @ApiProperty({ description: 'votes against' }) @IsInt() @Min(0) @Max(200) no: number;
  @ApiProperty({ description: 'abstentions' }) @IsInt() @Min(0) @Max(200) abstain: number;
}

export class RecordDeliberationDto {
  @ApiProperty({
    type: [String],
    example: ['王主任', '李委员', '张委员'],
    description: 'the members present (at least 3); every nominee gets one vote from each',
  })
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(200)
  @ArrayUnique((x: string) => x.trim())
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(60, { each: true })
  members: string[];
  @ApiProperty({ type: [DeliberationVoteDto], description: 'one tally per nominee voted on' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DeliberationVoteDto)
  votes: DeliberationVoteDto[];
  @ApiPropertyOptional({ example: '2026-04-20T14:00:00+08:00', description: 'when the meeting was held (default now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  heldAt?: string;
  @ApiPropertyOptional({ description: 'the minutes’ reference or a remark' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

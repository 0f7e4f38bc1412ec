import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '@portal/platform';

export class PrepareBatchDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() callId: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(20) instalmentNo: number;
}

export class BatchListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: ['prepared', 'approved'] })
  @IsOptional()
  @IsIn(['prepared', 'approved'])
  status?: string;
}

export class InstalmentNoParam {
  @Type(() => Number) @IsInt() @Min(1) @Max(20) instalmentNo: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { I18nTextResponse } from '@portal/platform';

export class StatisticsQuery {
  @ApiPropertyOptional({ example: 'rending', description: 'one program only' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  program?: string;
  @ApiPropertyOptional({ example: '32', description: 'one province only (GB/T 2260 two-digit code)' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  province?: string;
  @ApiPropertyOptional({ example: 2026, description: 'one year only (the call’s year; the award’s year)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class StatisticsFiguresResponse {
  @ApiProperty({ description: 'applications ever submitted' }) applications: number;
  @ApiProperty({ description: 'of those, passed the formal check (受理)' }) accepted: number;
  @ApiProperty({ description: 'active awards (资助 / 认定)' }) awards: number;
  @ApiProperty({ description: 'awards ÷ applications, 4 decimals (0 without applications)' }) passRate: number;
  @ApiProperty({ description: 'money committed by the active awards, fen' }) committedFen: number;
  @ApiProperty({ description: 'money paid (paid instalments), fen' }) paidFen: number;
}

export class StatisticsRowResponse extends StatisticsFiguresResponse {
  @ApiProperty({ description: 'program code, province code or year' }) key: string;
  @ApiProperty({ type: I18nTextResponse }) name: I18nTextResponse;
}

export class StatisticsFilterResponse {
  @ApiPropertyOptional() program?: string;
  @ApiPropertyOptional() province?: string;
  @ApiPropertyOptional() year?: number;
}

export class StatisticsScopeResponse {
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: [String], nullable: true }) programs: string[] | null;
}

export class StatisticsDashboardResponse {
  @ApiProperty({ type: String, nullable: true, description: 'when the summary was last recomputed' })
  refreshedAt: string | null;
  @ApiProperty({ type: StatisticsFilterResponse }) filter: StatisticsFilterResponse;
  @ApiProperty({ type: StatisticsScopeResponse, nullable: true, description: 'an officer’s scope; null: everything' })
  scope: StatisticsScopeResponse | null;
  @ApiProperty({ type: StatisticsFiguresResponse }) totals: StatisticsFiguresResponse;
  @ApiProperty({ type: [StatisticsRowResponse] }) byProgram: StatisticsRowResponse[];
  @ApiProperty({ type: [StatisticsRowResponse] }) byProvince: StatisticsRowResponse[];
  @ApiProperty({ type: [StatisticsRowResponse] }) byYear: StatisticsRowResponse[];
}

export class StatisticsRefreshResponse {
  @ApiProperty() refreshedAt: string;
  @ApiProperty() tookMs: number;
  @ApiProperty({ description: 'program × province × year cells written' }) cells: number;
}

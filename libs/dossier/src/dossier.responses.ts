import { ApiProperty } from '@nestjs/swagger';
import { I18nTextResponse } from '@portal/platform';

/** `GET /api/public/applications/:number?c=`: what the 申报书's QR code confirms. */
export class ApplicationCheckResponse {
  @ApiProperty({ example: 'JP-2026-0001' }) number: string;
  @ApiProperty({ description: 'program code', example: 'jingpin' }) program: string;
  @ApiProperty({ type: I18nTextResponse }) programName: I18nTextResponse;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'the application status', example: 'awarded' }) status: string;
  @ApiProperty({ type: I18nTextResponse }) statusName: I18nTextResponse;
}

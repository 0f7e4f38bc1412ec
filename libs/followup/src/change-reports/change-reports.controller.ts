import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPartialContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { sendBytes } from '@portal/applications';
import { AuthUser, CurrentUser, fileResponse, pageOf, ProvinceScoped, Roles, UuidPipe } from '@portal/platform';
import { CHANGE_KINDS, ChangeReportDecisionDto, ChangeReportDto, ChangeReportListQuery } from './change-report.dto';
import { ChangeReportResponse } from './change-report.view';
import { ChangeReportsService } from './change-reports.service';
import { LicenceUpload } from './licence-file';
import { LicenceInterceptor } from './licence.interceptor';

/**
 * 认定 change reports (变更报告): the certified enterprise files them under its organization; officers of the
 * organization's province (and the national office) accept or return them. Another organization's report, or one
 * outside the officer's scope, is 404.
 */
@ApiTags('followup')
@ApiBearerAuth()
@ProvinceScoped()
@Controller()
export class ChangeReportsController {
  constructor(private readonly reports: ChangeReportsService) {}

  /**
   * multipart/form-data: `kind`, `effectiveOn`, `newName` (rename), `detail` and the new business licence as `file`
   * (PDF, JPEG, PNG; ≤ 10 MB). 201 with `deadline` (15 working days after effectiveOn) and `late`.
   */
  @Roles('applicant')
  @Post('organizations/:id/change-reports')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'effectiveOn', 'detail', 'file'],
      properties: {
        kind: { type: 'string', enum: [...CHANGE_KINDS] },
        effectiveOn: { type: 'string', example: '2026-09-24' },
        newName: { type: 'string' },
        detail: { type: 'string' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @UseInterceptors(LicenceInterceptor)
  @ApiCreatedResponse({ type: ChangeReportResponse })
  file(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ChangeReportDto,
    @UploadedFile() file?: LicenceUpload,
  ) {
    return this.reports.file(user, id, dto, file);
  }

  /** The organization's reports (its members; officers who see the organization). */
  @Roles('applicant', 'officer')
  @Get('organizations/:id/change-reports')
  @ApiOkResponse({ type: pageOf(ChangeReportResponse) })
  forOrganization(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query() q: ChangeReportListQuery) {
    return this.reports.listForOrganization(user, id, q);
  }

  /** Reports `?status=`: an officer's scope (the queue: `status=submitted`, oldest first), or one's own organization's. */
  @Roles('applicant', 'officer')
  @Get('change-reports')
  @ApiOkResponse({ type: pageOf(ChangeReportResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: ChangeReportListQuery) {
    return this.reports.list(user, q);
  }

  @Roles('applicant', 'officer')
  @Get('change-reports/:id')
  @ApiOkResponse({ type: ChangeReportResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reports.get(user, id);
  }

  /** The new business licence as uploaded, honouring `Range`. */
  @Roles('applicant', 'officer')
  @Get('change-reports/:id/licence')
  @ApiOkResponse(fileResponse('the licence as uploaded', 'application/pdf', 'image/jpeg', 'image/png'))
  @ApiPartialContentResponse(fileResponse('the requested Range', 'application/pdf', 'image/jpeg', 'image/png'))
  async licence(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ) {
    const bytes = await this.reports.licence(user, id, range);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await sendBytes(res, bytes, 'attachment');
  }

  /** `{ note }` → accepted. A rename: the organization is renamed and its certificates reissued (same numbers). */
  @Roles('officer')
  @Post('change-reports/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ChangeReportResponse })
  accept(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ChangeReportDecisionDto) {
    return this.reports.decide(user, id, 'accepted', dto.note);
  }

  /** `{ note }` (the reason) → returned; the enterprise files a corrected report. */
  @Roles('officer')
  @Post('change-reports/:id/return')
  @HttpCode(200)
  @ApiOkResponse({ type: ChangeReportResponse })
  giveBack(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ChangeReportDecisionDto) {
    return this.reports.decide(user, id, 'returned', dto.note);
  }
}

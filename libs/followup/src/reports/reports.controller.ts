import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, pageOf, ProvinceScoped, Roles, UuidPipe } from '@portal/platform';
import { EvaluationService } from '../evaluation/evaluation.service';
import { ReportWarningsService } from './report-warnings.service';
import { REPORT_FILE_MAX_BYTES, ReportsService, ReportUpload } from './reports.service';
import {
  AwardReportsResponse,
  EvaluationDto,
  EvaluationResponse,
  OptionalNoteDto,
  ReportAttachmentResponse,
  ReportListQuery,
  ReportNoteDto,
  ReportQueueItemResponse,
  ReportResponse,
  ReportWarningResponse,
  SaveReportDto,
  WarningListQuery,
} from './reports.dto';

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
const kindOf = (kind: string) => (KIND.test(kind) ? kind : '-');

/** An award's reports: the grantee files them, officers read them (issue 13). */
@ApiTags('reports')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('awards')
export class AwardReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly evaluation: EvaluationService,
  ) {}

  /** The schedule with due days and countdowns, statuses, files, the award's held instalments and the evaluation. */
  @Roles('officer', 'applicant')
  @Get(':id/reports')
  @ApiOkResponse({ type: AwardReportsResponse })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reports.forAward(user, id);
  }

  /** The grantee's draft of a report (draft-mode checks: 400 with the fields). */
  @Roles('applicant')
  @Put(':id/reports/:kind')
  @ApiOkResponse({ type: ReportResponse })
  save(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('kind') kind: string,
    @Body() dto: SaveReportDto,
  ) {
    return this.reports.saveDraft(user, id, kindOf(kind), dto.payload);
  }

  /** A file of one of the report's kinds (multipart `kind`, `file`; PDF, JPEG, PNG, or video for work samples; ≤ 50 MB). */
  @Roles('applicant')
  @Post(':id/reports/:kind/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: { kind: { type: 'string' }, file: { type: 'string', format: 'binary' } },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: REPORT_FILE_MAX_BYTES, files: 1, fields: 5 } }))
  @ApiCreatedResponse({ type: ReportAttachmentResponse })
  attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('kind') kind: string,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file?: ReportUpload,
  ) {
    const fileKind = typeof body?.kind === 'string' ? body.kind : undefined;
    return this.reports.attach(user, id, kindOf(kind), fileKind, file);
  }

  /** Submits the report: complete (422 with what is missing), not pending already (409). */
  @Roles('applicant')
  @Post(':id/reports/:kind/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportResponse })
  submit(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('kind') kind: string) {
    return this.reports.submit(user, id, kindOf(kind));
  }

  /** 绩效评价 after the accepted closing report; 不合格 revokes (recovery of what was paid) and bars the organization. */
  @Roles('officer')
  @Post(':id/evaluation')
  @HttpCode(200)
  @ApiOkResponse({ type: EvaluationResponse })
  grade(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: EvaluationDto) {
    return this.evaluation.grade(user, id, dto);
  }
}

/** The officer's side of reports: the queue, accept, return; a report's files. */
@ApiTags('reports')
@ApiBearerAuth()
@ProvinceScoped()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly warnings: ReportWarningsService,
  ) {}

  /** Reports in the officer's scope: `?status=submitted` (to decide), `?overdue=true` (past due, not accepted). */
  @Roles('officer')
  @Get('reports')
  @ApiOkResponse({ type: pageOf(ReportQueueItemResponse) })
  queue(@CurrentUser() user: AuthUser, @Query() q: ReportListQuery) {
    return this.reports.queue(user, q);
  }

  /** Accepts a submitted report: the instalment it releases becomes due, its overdue hold is lifted. */
  @Roles('officer')
  @Post('reports/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportResponse })
  accept(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: OptionalNoteDto) {
    return this.reports.accept(user, id, (dto.note ?? '').trim());
  }

  /** Returns a submitted report to the grantee with a note. */
  @Roles('officer')
  @Post('reports/:id/return')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportResponse })
  giveBack(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReportNoteDto) {
    return this.reports.return(user, id, dto.note.trim());
  }

  /** A report's file, for the grantee and the officers who see the award. */
  @Roles('officer', 'applicant')
  @Get('report-attachments/:id')
  @ApiOkResponse(fileResponse('the file', 'application/pdf', 'image/jpeg', 'image/png', 'video/mp4'))
  async file(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    const f = await this.reports.file(user, id);
    res.setHeader('Content-Type', f.mimeType);
    res.setHeader('Content-Length', String(f.size));
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
    f.stream.pipe(res);
  }

  /** Reports 60 days overdue, for the officer to confirm (a `violation` flag) or dismiss. */
  @Roles('officer')
  @Get('report-warnings')
  @ApiOkResponse({ type: pageOf(ReportWarningResponse) })
  warningList(@CurrentUser() user: AuthUser, @Query() q: WarningListQuery) {
    return this.warnings.list(user, q);
  }

  @Roles('officer')
  @Post('report-warnings/:id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportWarningResponse })
  confirm(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: OptionalNoteDto) {
    return this.warnings.decide(user, id, 'confirmed', dto.note?.trim() || undefined);
  }

  @Roles('officer')
  @Post('report-warnings/:id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportWarningResponse })
  dismiss(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: OptionalNoteDto) {
    return this.warnings.decide(user, id, 'dismissed', dto.note?.trim() || undefined);
  }
}

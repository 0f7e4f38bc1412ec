import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, pageOf, ProvinceScoped, Roles, UuidPipe } from '@portal/platform';
import { FOLLOWUP_ERRORS } from '../errors';
import {
  AnnualReviewAttachmentDto,
  AnnualReviewDecisionDto,
  AnnualReviewDraftDto,
  AnnualReviewQueueQuery,
} from './annual-review.dto';
import {
  AnnualReviewAttachmentResponse,
  AnnualReviewResponse,
  AwardAnnualReviewsResponse,
} from './annual-review.responses';
import { AnnualReviewService, UploadedFile as Uploaded } from './annual-review.service';

/** The largest statement file (the kinds' own limit is the documents' one; this bounds the multipart read). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const yearPipe = new ParseIntPipe({ exceptionFactory: () => FOLLOWUP_ERRORS['ANNUAL_REVIEW.NOT_FOUND']() });

/** The 年审 of a certificate, on the award: the enterprise files, everyone entitled reads. */
@ApiTags('annual-reviews')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('awards/:id/annual-reviews')
export class AwardAnnualReviewsController {
  constructor(private readonly reviews: AnnualReviewService) {}

  /** This year's window, whether the certificate is due, and its reviews (newest first); 404 for another organization. */
  @Roles('officer', 'applicant')
  @Get()
  @ApiOkResponse({ type: AwardAnnualReviewsResponse })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reviews.ofAward(user, id);
  }

  /** Saves this year's draft (created on first save) and runs the rules on it. */
  @Roles('applicant')
  @Put(':year')
  @ApiOkResponse({ type: AnnualReviewResponse })
  save(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('year', yearPipe) year: number,
    @Body() body: AnnualReviewDraftDto,
  ) {
    return this.reviews.saveDraft(user, id, year, body.payload);
  }

  /** An audited statement (`audit-report`, required) or a special audit (`special-audit`): multipart `kind` + `file`. */
  @Roles('applicant')
  @Post(':year/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { kind: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiCreatedResponse({ type: AnnualReviewAttachmentResponse })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('year', yearPipe) year: number,
    @Body() body: AnnualReviewAttachmentDto,
    @UploadedFile() file?: Uploaded,
  ) {
    return this.reviews.upload(user, id, year, body.kind, file);
  }

  @Roles('applicant')
  @Delete(':year/attachments/:attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('year', yearPipe) year: number,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ) {
    await this.reviews.removeAttachment(user, id, year, attachmentId);
  }

  /** Files the review: 409 outside the window ("年审时间为 …"), or when filed already; 422 when incomplete. */
  @Roles('applicant')
  @Post(':year/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: AnnualReviewResponse })
  submit(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('year', yearPipe) year: number) {
    return this.reviews.submit(user, id, year);
  }
}

/** The office's side: the queue and the decisions (province-scoped: the organization's province). */
@ApiTags('annual-reviews')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('annual-reviews')
export class AnnualReviewsController {
  constructor(private readonly reviews: AnnualReviewService) {}

  /** Page of reviews `?year=&status=` in the officer's scope; submitted ones first. */
  @Roles('officer')
  @Get()
  @ApiOkResponse({ type: pageOf(AnnualReviewResponse) })
  queue(@CurrentUser() user: AuthUser, @Query() q: AnnualReviewQueueQuery) {
    return this.reviews.queue(user, q);
  }

  @Roles('officer', 'applicant')
  @Get(':id')
  @ApiOkResponse({ type: AnnualReviewResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reviews.get(user, id);
  }

  /** An attachment's bytes (the enterprise's own, or an officer in scope). */
  @Roles('officer', 'applicant')
  @Get(':id/attachments/:attachmentId')
  @ApiOkResponse(fileResponse('the uploaded file', 'application/pdf', 'image/jpeg', 'image/png'))
  async file(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @Res() res: Response,
  ) {
    const f = await this.reviews.download(user, id, attachmentId);
    res.setHeader('Content-Type', f.contentType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    f.stream.pipe(res);
  }

  /** Passes a submitted review; one due for exchange reissues the certificate (换证). 409 unless submitted. */
  @Roles('officer')
  @Post(':id/pass')
  @HttpCode(200)
  @ApiOkResponse({ type: AnnualReviewResponse })
  pass(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() body: AnnualReviewDecisionDto) {
    return this.reviews.decide(user, id, 'passed', body.note);
  }

  /** Fails a submitted review: the certificate lapses today (资格取消), shown on the public list. */
  @Roles('officer')
  @Post(':id/fail')
  @HttpCode(200)
  @ApiOkResponse({ type: AnnualReviewResponse })
  fail(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() body: AnnualReviewDecisionDto) {
    return this.reviews.decide(user, id, 'failed', body.note);
  }
}

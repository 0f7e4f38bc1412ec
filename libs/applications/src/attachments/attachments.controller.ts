import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiPartialContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, Public, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { APPLICATION_ERRORS } from '../errors';
import { AttachmentsService } from './attachments.service';
import { sendBytes } from './send-bytes';
import { AttachmentResponse, SignedLinkResponse } from '../applications.responses';

@ApiTags('attachments')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('applications/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** Multipart `file` + `kind`, streamed to storage; 413 over UPLOAD_MAX_BYTES, 415 when the bytes are not a type the kind allows. */
  @Roles('applicant')
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: { kind: { type: 'string' }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: AttachmentResponse })
  upload(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Req() req: Request) {
    return this.attachments.upload(user, id, req);
  }

  /** The bytes, honouring `Range` (206 / 416). */
  @Roles('applicant', 'officer', 'expert')
  @Get(':attachmentId')
  @ApiOkResponse(fileResponse('the bytes as uploaded', 'application/octet-stream'))
  @ApiPartialContentResponse(fileResponse('the requested Range', 'application/octet-stream'))
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ) {
    const attachment = await this.attachments.readable(user, id, attachmentId);
    await sendBytes(res, this.attachments.download(attachment, range), 'attachment');
  }

  /** `{ url, expiresAt }`: a signed URL valid for 10 minutes without a bearer header (for <video> playback). */
  @Roles('applicant', 'officer', 'expert')
  @Get(':attachmentId/link')
  @ApiOkResponse({ type: SignedLinkResponse })
  async link(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ) {
    return this.attachments.link(await this.attachments.readable(user, id, attachmentId));
  }

  @Roles('applicant')
  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the attachment is removed' })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('attachmentId', UuidPipe) attachmentId: string,
  ) {
    await this.attachments.remove(user, id, attachmentId);
  }
}

@ApiTags('attachments')
@Controller('attachment-links')
export class AttachmentLinksController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** Serves a signed link (inline, with Range); the signature is the permission. */
  @Public()
  @Get(':attachmentId')
  @ApiOkResponse(fileResponse('the bytes, inline', 'application/octet-stream'))
  @ApiPartialContentResponse(fileResponse('the requested Range', 'application/octet-stream'))
  async get(
    @Param('attachmentId', UuidPipe) attachmentId: string,
    @Query('expires') expires: string,
    @Query('signature') signature: string,
    @Query('name') name: string,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ) {
    if (!/^\d{1,16}$/.test(String(expires ?? '')) || typeof signature !== 'string' || typeof name !== 'string')
      throw APPLICATION_ERRORS['ATTACHMENT.LINK_INVALID']();
    const attachment = await this.attachments.byLink(attachmentId, Number(expires), signature, name);
    await sendBytes(res, this.attachments.download(attachment, range), 'inline');
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, Public, Roles, UuidPipe } from '@portal/platform';
import { ObjectionDto, ObjectionListQuery, ResolutionDto } from './objection.dto';
import { EvidenceUpload, ObjectionsService } from './objections.service';

/** Hard cap for the upload itself; the configured OBJECTION_EVIDENCE_MAX_BYTES (default 10 MB) is checked by the service. */
const UPLOAD_CAP = 25 * 1024 * 1024;

@ApiTags('public')
@Controller('public/notices')
export class PublicObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  /**
   * A real-name objection: JSON `{ name, contact, entryApplicationId, reason, evidence? }`, or multipart/form-data with
   * the same fields and an optional evidence `file` (PDF, JPEG, PNG). 201; 409 outside the notice window; 429 when one
   * address files too many.
   */
  @Public()
  @Post(':id/objections')
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_CAP, files: 1, fields: 10 } }))
  file(@Param('id', UuidPipe) id: string, @Body() dto: ObjectionDto, @Req() req: Request, @UploadedFile() file?: EvidenceUpload) {
    return this.objections.file(id, dto, file, req.ip ?? null);
  }
}

@ApiTags('awards')
@ApiBearerAuth()
@Controller('objections')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  /** Page of objections, `?callId=&noticeId=&status=open|answered`. */
  @Roles('officer')
  @Get()
  list(@Query() q: ObjectionListQuery) {
    return this.objections.list(q);
  }

  @Roles('officer')
  @Get(':id')
  get(@Param('id', UuidPipe) id: string) {
    return this.objections.get(id);
  }

  /** The evidence file, as uploaded. */
  @Roles('officer')
  @Get(':id/evidence')
  async evidence(@Param('id', UuidPipe) id: string, @Res() res: Response) {
    const e = await this.objections.evidence(id);
    res.setHeader('Content-Type', e.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(e.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(e.bytes);
  }

  /** `{ upheld, response }` → the answered objection. Upheld: the entry leaves the list (back to `reviewed`, rejected). */
  @Roles('officer')
  @Post(':id/resolution')
  @HttpCode(200)
  resolve(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ResolutionDto) {
    return this.objections.resolve(user, id, dto);
  }
}

import {
  Body,
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  Headers,
  HttpCode,
  Injectable,
  NestInterceptor,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPartialContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendBytes } from '@portal/applications';
import { StorageService } from '@portal/storage';
import {
  AuthUser,
  CurrentUser,
  fileResponse,
  pageOf,
  PortalConfig,
  Public,
  Roles,
  UuidPipe,
  ProvinceScoped,
} from '@portal/platform';
import { EvidenceStorage, EvidenceUpload } from './evidence-file';
import { ObjectionDto, ObjectionListQuery, ResolutionDto } from './objection.dto';
import { ObjectionsService } from './objections.service';
import { FiledObjectionResponse, ObjectionResponse } from '../awards.responses';

/** Hard cap for the upload itself; the configured OBJECTION_EVIDENCE_MAX_BYTES (default 10 MB) is answered by the service. */
const UPLOAD_CAP = 25 * 1024 * 1024;

/**
 * multer for the evidence `file`, streaming it into StorageService (EvidenceStorage) rather than into memory. Nothing
 * is stored for a request the objection would be refused for: the notice and its window are checked before the
 * multipart body is read, the fields that precede the file (and the entry, and the address's rate) before the file is
 * written (ObjectionsService.admitEvidence).
 */
@Injectable()
export class EvidenceInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(
    storage: StorageService,
    config: PortalConfig,
    private readonly objections: ObjectionsService,
  ) {
    const Multer = FileInterceptor('file', {
      limits: { fileSize: UPLOAD_CAP, files: 1, fields: 10 },
      storage: new EvidenceStorage(storage, config.OBJECTION_EVIDENCE_MAX_BYTES, (req) =>
        objections.admitEvidence(req.params?.id ?? '', req.body ?? {}, req.ip ?? null),
      ),
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler) {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is('multipart/form-data')) await this.objections.admitEvidence(String(req.params.id ?? ''));
    return this.multer.intercept(context, next);
  }
}

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
  @UseInterceptors(EvidenceInterceptor)
  @ApiCreatedResponse({ type: FiledObjectionResponse })
  file(
    @Param('id', UuidPipe) id: string,
    @Body() dto: ObjectionDto,
    @Req() req: Request,
    @UploadedFile() file?: EvidenceUpload,
  ) {
    return this.objections.file(id, dto, file, req.ip ?? null);
  }
}

@ApiTags('awards')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('objections')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  /** Page of objections, `?callId=&noticeId=&status=open|answered&province=`; an officer's scope only (issue 12). */
  @Roles('officer')
  @Get()
  @ApiOkResponse({ type: pageOf(ObjectionResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: ObjectionListQuery) {
    return this.objections.list(user, q);
  }

  @Roles('officer')
  @Get(':id')
  @ApiOkResponse({ type: ObjectionResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.objections.get(user, id);
  }

  /** The evidence file, as uploaded, honouring `Range` (206 / 416) like attachments. */
  @Roles('officer')
  @Get(':id/evidence')
  @ApiOkResponse(fileResponse('the evidence file as uploaded', 'application/pdf', 'image/jpeg', 'image/png'))
  @ApiPartialContentResponse(fileResponse('the requested Range', 'application/pdf', 'image/jpeg', 'image/png'))
  async evidence(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ) {
    const e = await this.objections.evidence(user, id, range);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await sendBytes(res, e, 'attachment');
  }

  /** `{ upheld, response }` → the answered objection. Upheld: the entry leaves the list (back to `reviewed`, rejected). */
  @Roles('officer')
  @Post(':id/resolution')
  @HttpCode(200)
  @ApiOkResponse({ type: ObjectionResponse })
  resolve(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ResolutionDto) {
    return this.objections.resolve(user, id, dto);
  }
}

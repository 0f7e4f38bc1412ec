import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, ProvinceScoped, Public, Roles, UuidPipe } from '@portal/platform';
import { ApplicationCheckResponse } from './dossier.responses';
import { DossierService, PdfFile } from './dossier.service';

function sendPdf(res: Response, file: PdfFile, disposition: 'attachment' | 'inline'): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader(
    'Content-Disposition',
    `${disposition}; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  );
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(file.bytes);
}

@ApiTags('dossier')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('applications/:id')
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  /**
   * The whole file as one PDF (档案): form, rule report, attachments with sha256 (PDFs merged in), review, decision,
   * notice and objections, award, payments, history. The owner organization gets its copy with experts anonymised; an
   * officer in scope the named one; anyone else 404.
   */
  @Roles('applicant', 'officer')
  @Get('dossier.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(fileResponse('the dossier (申报档案)', 'application/pdf'))
  async dossier(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    sendPdf(res, await this.dossiers.dossier(user, id), 'attachment');
  }

  /** The printable 申报书 with the number, a QR code and the check code; 409 before submission. */
  @Roles('applicant', 'officer')
  @Get('application-form.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(fileResponse('the printable 申报书', 'application/pdf'))
  async applicationForm(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    sendPdf(res, await this.dossiers.applicationForm(user, id), 'attachment');
  }
}

@ApiTags('dossier')
@Controller('public/applications')
export class PublicApplicationCheckController {
  constructor(private readonly dossiers: DossierService) {}

  /**
   * What a 申报书's QR code opens: `{ number, program, programName, title, status, statusName }` when `c` is the
   * number's check code; 404 alike for an unknown number and a wrong code; 429 when one address checks too often.
   */
  @Public()
  @Get(':number')
  @ApiQuery({ name: 'c', required: true, description: 'the check code printed on the 申报书' })
  @ApiOkResponse({ type: ApplicationCheckResponse })
  check(@Param('number') number: string, @Query('c') code: string | undefined, @Req() req: Request) {
    return this.dossiers.check(
      String(number).slice(0, 64),
      typeof code === 'string' ? code : undefined,
      req.ip ?? null,
    );
  }
}

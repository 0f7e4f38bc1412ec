import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, pageOf, ProvinceScoped, Roles, UuidPipe } from '@portal/platform';
import { AcceptAgreementDto, AgreementListQuery, AgreementsService } from './agreements.service';
import { AgreementListItemResponse, AgreementResponse } from './agreement.responses';

@ApiTags('agreements')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('awards')
export class AwardAgreementController {
  constructor(private readonly agreements: AgreementsService) {}

  /**
   * The task agreement (任务书) of an award with money on a call that requires one (issued on first read); 404
   * `AGREEMENT.NOT_FOUND` otherwise. The owner organization, officers in scope, finance.
   */
  @Roles('officer', 'finance', 'applicant')
  @Get(':id/agreement')
  @ApiOkResponse({ type: AgreementResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.agreements.get(user, id);
  }

  /** The agreement as PDF (same state, same bytes); header `X-Content-SHA256`. */
  @Roles('officer', 'finance', 'applicant')
  @Get(':id/agreement.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(fileResponse('任务书 (task agreement)', 'application/pdf'))
  async pdf(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    const { fileName, bytes, sha256 } = await this.agreements.pdf(user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('X-Content-SHA256', sha256);
    res.send(bytes);
  }

  /**
   * The grantee accepts (`{ version }` optional: 409 when the agreement changed since it was read). Records the user's
   * name, the time, the client address and the sha256 of the PDF. 409 when already accepted or the award is revoked.
   */
  @Roles('applicant')
  @Post(':id/agreement/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AgreementResponse })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AcceptAgreementDto,
    @Req() req: Request,
  ) {
    return this.agreements.accept(user, id, dto.version, req.ip ?? null);
  }

  /** An officer in scope countersigns an accepted agreement (409 before acceptance): the instalments' `agreement` hold is released. */
  @Roles('officer')
  @Post(':id/agreement/countersign')
  @HttpCode(200)
  @ApiOkResponse({ type: AgreementResponse })
  countersign(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.agreements.countersign(user, id);
  }
}

@ApiTags('agreements')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  /** Page of agreements `?status=&callId=&program=` of active awards in the officer's scope (`status=accepted`: to countersign). */
  @Roles('officer', 'finance')
  @Get()
  @ApiOkResponse({ type: pageOf(AgreementListItemResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: AgreementListQuery) {
    return this.agreements.list(user, q);
  }
}

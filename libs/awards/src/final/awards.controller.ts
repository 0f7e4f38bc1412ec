import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, pageOf, Public, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { CertificatesService } from '../certificates/certificates.service';
import { awardsCsv, awardsXlsx } from './award-export';
import { AwardListQuery, AwardsService, PublicAwardQuery, publicWithProvince, RevokeDto } from './awards.service';
import { FinalizeService } from './finalize.service';
import { PublicListQuery, PublicListsService } from './public-lists.service';
import {
  AwardResponse,
  FinalizeResponse,
  PublicAwardResponse,
  PublicListResponse,
  RevokedAwardResponse,
} from '../awards.responses';

@ApiTags('awards')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('calls/:callId/finalize')
export class FinalizeController {
  constructor(private readonly finalizer: FinalizeService) {}

  /** 200 `{ callId, finalizedAt, awarded, notAwarded, awards[] }`; 409 while the notice runs or an objection is unanswered. */
  @Roles('officer')
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: FinalizeResponse })
  finalize(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.finalizer.finalize(user, callId);
  }
}

@ApiTags('awards')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('awards')
export class AwardsController {
  constructor(
    private readonly awards: AwardsService,
    private readonly certificates: CertificatesService,
  ) {}

  /** Page of awards `?callId=&program=&year=&status=&province=`; an organization sees only its own, an officer their scope. */
  @Roles('officer', 'finance', 'applicant')
  @Get()
  @ApiOkResponse({ type: pageOf(AwardResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: AwardListQuery) {
    return this.awards.list(user, q);
  }

  @Roles('officer', 'finance', 'applicant')
  @Get(':id')
  @ApiOkResponse({ type: AwardResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.awards.get(user, id);
  }

  /** 认定证书 (rending) or 立项通知 (grants), PDF. Owner organization and officers. */
  @Roles('officer', 'applicant')
  @Get(':id/certificate.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(fileResponse('认定证书 or 立项通知', 'application/pdf'))
  async certificate(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Res() res: Response) {
    const { fileName, bytes } = await this.certificates.pdf(user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.send(bytes);
  }

  /** → revoked; unpaid instalments cancelled, paid ones put up for recovery. */
  @Roles('officer')
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: RevokedAwardResponse })
  revoke(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: RevokeDto) {
    return this.awards.revoke(user, id, dto.reason);
  }
}

@ApiTags('public')
@Controller('public')
export class PublicAwardsController {
  constructor(
    private readonly awards: AwardsService,
    private readonly publicLists: PublicListsService,
  ) {}

  /**
   * Issue 15: the published lists without money (推优's quarterly recommendations, the 一带一路 list), one per finalized
   * call, newest first: `{ callId, program, year, callTitle, publishedAt, entries: [{ awardId, number, organization,
   * title, listTitle, status }] }`; `?program=&year=`.
   */
  @Public()
  @Get('lists')
  @ApiOkResponse({ type: pageOf(PublicListResponse) })
  lists(@Query() q: PublicListQuery) {
    return this.publicLists.list(q);
  }

  /**
   * Page of `{ id, program, year, organization, title, tier, amountFen, certificateNo, status }`, `?program=&year=`;
   * `?province=` (GB/T 2260 two-digit code) filters by the organization's province and, like `?withProvince=true`,
   * adds the `province` field last (issue 12).
   */
  @Public()
  @Get('awards')
  @ApiOkResponse({ type: pageOf(PublicAwardResponse) })
  list(@Query() q: PublicAwardQuery) {
    return this.awards.publicList(q);
  }

  /** The same columns as CSV, with a header row (every matching award, not paged). */
  @Public()
  @Get('awards.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(fileResponse('the public award list as CSV (header row)', 'text/csv'))
  async csv(@Query() q: PublicAwardQuery, @Res() res: Response) {
    const all = await this.awards.publicList(q, true);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="awards.csv"');
    res.send(awardsCsv(all.items, publicWithProvince(q)));
  }

  /** The same columns as XLSX (one sheet, header row). */
  @Public()
  @Get('awards.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse(
    fileResponse('the public award list as XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  )
  async xlsx(@Query() q: PublicAwardQuery, @Res() res: Response) {
    const all = await this.awards.publicList(q, true);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', 'attachment; filename="awards.xlsx"');
    res.send(await awardsXlsx(all.items, publicWithProvince(q)));
  }
}

import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { DrawDto } from '../reviews/review.dto';
import { rankingCsv } from './ranking-csv';
import { RoundService } from './round.service';
import {
  DrawResultResponse,
  RankingRowResponse,
  ReviewCloseResponse,
  ReviewProgressResponse,
} from '../review.responses';

@ApiTags('review')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('calls/:callId')
export class RoundController {
  constructor(private readonly round: RoundService) {}

  /** Draws reviewers for every under_review application's gap → `{ assigned, shortfalls, seed }`. */
  @Roles('officer')
  @Post('review-draw')
  @HttpCode(200)
  @ApiOkResponse({ type: DrawResultResponse })
  draw(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string, @Body() dto: DrawDto) {
    return this.round.runDraw(user, callId, dto.seed);
  }

  /** How many reviews are submitted, pending, declined, expired — per call and per application; never scores. */
  @Roles('officer')
  @Get('review-progress')
  @ApiOkResponse({ type: ReviewProgressResponse })
  progress(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.round.progress(user, callId);
  }

  @Roles('officer')
  @Post('review-close')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCloseResponse })
  close(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.round.close(user, callId);
  }

  /** A plain array, best first; 409 before review-close. */
  @Roles('officer')
  @Get('ranking')
  @ApiOkResponse({ type: [RankingRowResponse] })
  ranking(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string) {
    return this.round.ranking(user, callId);
  }

  /** The same rows as CSV (UTF-8 with BOM, header row). */
  @Roles('officer')
  @Get('ranking.csv')
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse(fileResponse('the ranking as CSV (UTF-8 with BOM, header row)', 'text/csv'))
  async rankingCsv(
    @CurrentUser() user: AuthUser,
    @Param('callId', UuidPipe) callId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const rows = await this.round.ranking(user, callId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ranking-${callId}.csv"`);
    return rankingCsv(rows);
  }
}

/**
 * A province's expert round on a `recommend` call (issue 12 item 4): the same draw, blind scoring and ranking as the
 * national round, by that province's officers only (anyone else 404), over its provincial_passed applications and the
 * experts registered with it; its scores never enter the national round. A route of its own, the province in the path:
 * the national routes keep their one meaning (the national round) whoever calls them, and a round is a resource named
 * by (call, province) — not something the caller's agency silently picks.
 */
@ApiTags('review')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('calls/:callId/provinces/:province')
export class ProvincialRoundController {
  constructor(private readonly round: RoundService) {}

  /** Draws the province's experts for its provincial_passed applications' gaps → `{ assigned, shortfalls, seed }`. */
  @Roles('officer')
  @Post('review-draw')
  @HttpCode(200)
  @ApiOkResponse({ type: DrawResultResponse })
  draw(
    @CurrentUser() user: AuthUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('province') province: string,
    @Body() dto: DrawDto,
  ) {
    return this.round.runDraw(user, callId, dto.seed, province);
  }

  /** The province's round: reviews submitted, pending, declined, expired per application; never scores. */
  @Roles('officer')
  @Get('review-progress')
  @ApiOkResponse({ type: ReviewProgressResponse })
  progress(
    @CurrentUser() user: AuthUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('province') province: string,
  ) {
    return this.round.progress(user, callId, province);
  }

  /** Ends the province's round (pending reviews expire); its applications stay provincial_passed for the recommendation. */
  @Roles('officer')
  @Post('review-close')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewCloseResponse })
  close(@CurrentUser() user: AuthUser, @Param('callId', UuidPipe) callId: string, @Param('province') province: string) {
    return this.round.close(user, callId, province);
  }

  /** The province's ranking by its experts' scores (plain array, best first); 409 before its review-close. */
  @Roles('officer')
  @Get('ranking')
  @ApiOkResponse({ type: [RankingRowResponse] })
  ranking(
    @CurrentUser() user: AuthUser,
    @Param('callId', UuidPipe) callId: string,
    @Param('province') province: string,
  ) {
    return this.round.ranking(user, callId, province);
  }
}

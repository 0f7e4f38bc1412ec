import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, fileResponse, Roles, UuidPipe } from '@portal/platform';
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
  progress(@Param('callId', UuidPipe) callId: string) {
    return this.round.progress(callId);
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
  ranking(@Param('callId', UuidPipe) callId: string) {
    return this.round.ranking(callId);
  }

  /** The same rows as CSV (UTF-8 with BOM, header row). */
  @Roles('officer')
  @Get('ranking.csv')
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse(fileResponse('the ranking as CSV (UTF-8 with BOM, header row)', 'text/csv'))
  async rankingCsv(@Param('callId', UuidPipe) callId: string, @Res({ passthrough: true }) res: Response) {
    const rows = await this.round.ranking(callId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ranking-${callId}.csv"`);
    return rankingCsv(rows);
  }
}

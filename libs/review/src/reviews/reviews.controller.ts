import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, pageOf, Roles, UuidPipe, ProvinceScoped } from '@portal/platform';
import { DeclineReviewDto, ReviewListQuery, SaveReviewDto, SubmitReviewDto } from './review.dto';
import { ReviewsService } from './reviews.service';
import {
  DeclinedReviewResponse,
  ReviewListItemResponse,
  ReviewResponse,
  ReviewVersionResponse,
} from '../review.responses';

@ApiTags('review')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** Expert: own invitations. Officer: every review (`?callId=`). Never scores. */
  @Roles('expert', 'officer')
  @Get()
  @ApiOkResponse({ type: pageOf(ReviewListItemResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: ReviewListQuery) {
    return this.reviews.list(user, q);
  }

  /** The review with its application (anonymised for the expert when the call is blind). */
  @Roles('expert', 'officer')
  @Get(':id')
  @ApiOkResponse({ type: ReviewResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reviews.get(user, id);
  }

  /** The expert's own saved drafts, oldest first (a plain array). */
  @Roles('expert')
  @Get(':id/versions')
  @ApiOkResponse({ type: [ReviewVersionResponse] })
  versions(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.reviews.versions(user, id);
  }

  /** Saves a draft (every save is kept as a version). */
  @Roles('expert')
  @Put(':id')
  @ApiOkResponse({ type: ReviewResponse })
  save(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: SaveReviewDto) {
    return this.reviews.save(user, id, dto);
  }

  @Roles('expert')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewResponse })
  submit(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: SubmitReviewDto) {
    return this.reviews.submit(user, id, dto);
  }

  @Roles('expert')
  @Post(':id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: DeclinedReviewResponse })
  decline(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: DeclineReviewDto) {
    return this.reviews.decline(user, id, dto);
  }
}

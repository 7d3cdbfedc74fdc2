import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import { RatingPageResponseDto, RatingResponseDto } from './dto/rating-response.dto';
import { UpsertRatingDto } from './dto/upsert-rating.dto';
import { RatingsService } from './ratings.service';

@ApiTags('ratings')
@Authenticated()
@Controller('v1/users/me/ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Put(':movieId')
  @ApiOperation({ summary: 'Rate a movie (one rating per movie: the last write wins)' })
  @ApiOkResponse({ type: RatingResponseDto })
  @ApiErrorResponses(400, 404)
  upsert(
    @CurrentUser() user: AuthUser,
    @Param('movieId', PositiveIntPipe) movieId: number,
    @Body() body: UpsertRatingDto,
  ): Promise<RatingResponseDto> {
    return this.ratings.upsert(user.id, movieId, body.rating, body.recommendationId);
  }

  @Get()
  @ApiOperation({ summary: 'Your ratings, newest first' })
  @ApiOkResponse({ type: RatingPageResponseDto })
  @ApiErrorResponses(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<RatingPageResponseDto> {
    return this.ratings.listForUser(user.id, query);
  }

  @Delete(':movieId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove your rating of a movie' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  delete(
    @CurrentUser() user: AuthUser,
    @Param('movieId', PositiveIntPipe) movieId: number,
  ): Promise<void> {
    return this.ratings.delete(user.id, movieId);
  }
}

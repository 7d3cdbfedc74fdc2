import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyAuth } from '../api-keys/api-key-auth.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import {
  DismissalPageResponseDto,
  DismissalResponseDto,
} from '../dismissals/dto/dismissal-response.dto';
import { HistoryQueryDto } from '../history/dto/history-query.dto';
import { RecordWatchDto } from '../history/dto/record-watch.dto';
import {
  HistoryPageResponseDto,
  WatchEventResponseDto,
} from '../history/dto/watch-event-response.dto';
import { RatingPageResponseDto, RatingResponseDto } from '../ratings/dto/rating-response.dto';
import { UpsertRatingDto } from '../ratings/dto/upsert-rating.dto';
import { RecommendationsQueryDto } from '../recommendations/dto/recommendations-query.dto';
import { RecommendationsResponseDto } from '../recommendations/dto/recommendation-response.dto';
import { AppUserIdPipe } from './app-user-id.pipe';
import { AppUsersService } from './app-users.service';

/** The same routes as /v1/users/me, for an app's user named by the app's own id. */
@ApiTags('apps')
@ApiParam({
  name: 'externalId',
  description: "The app's own user id: 1..128 of letters, digits and . _ ~ : @ + -",
  example: 'user-42',
})
@Controller('v1/apps/users/:externalId')
export class AppUsersController {
  constructor(private readonly users: AppUsersService) {}

  @Get('recommendations')
  @ApiKeyAuth('recommendations:read')
  @ApiOperation({
    summary: "Recommendations for an app's user (recommendations:read)",
    description:
      'As GET /v1/users/me/recommendations. A user with no feedback yet (or never seen) gets ' +
      'the cold-start list a new account gets.',
  })
  @ApiOkResponse({ type: RecommendationsResponseDto })
  @ApiErrorResponses(400)
  recommendations(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Query() query: RecommendationsQueryDto,
  ): Promise<RecommendationsResponseDto> {
    return this.users.recommend(externalId, query);
  }

  @Put('ratings/:movieId')
  @ApiKeyAuth('feedback:write')
  @ApiOperation({ summary: 'Rate a movie for the user; makes the user if new (feedback:write)' })
  @ApiOkResponse({ type: RatingResponseDto })
  @ApiErrorResponses(400, 404)
  rate(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Param('movieId', PositiveIntPipe) movieId: number,
    @Body() body: UpsertRatingDto,
  ): Promise<RatingResponseDto> {
    return this.users.rate(externalId, movieId, body.rating);
  }

  @Get('ratings')
  @ApiKeyAuth('recommendations:read')
  @ApiOperation({ summary: "The user's ratings, newest first (recommendations:read)" })
  @ApiOkResponse({ type: RatingPageResponseDto })
  @ApiErrorResponses(400)
  ratings(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Query() query: PageQueryDto,
  ): Promise<RatingPageResponseDto> {
    return this.users.listRatings(externalId, query);
  }

  @Delete('ratings/:movieId')
  @HttpCode(204)
  @ApiKeyAuth('feedback:write')
  @ApiOperation({ summary: "Remove the user's rating of a movie (feedback:write)" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  deleteRating(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Param('movieId', PositiveIntPipe) movieId: number,
  ): Promise<void> {
    return this.users.deleteRating(externalId, movieId);
  }

  @Post('history')
  @ApiKeyAuth('feedback:write')
  @ApiOperation({ summary: 'Record a watch for the user; makes the user if new (feedback:write)' })
  @ApiCreatedResponse({ type: WatchEventResponseDto })
  @ApiErrorResponses(400, 404)
  recordWatch(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Body() body: RecordWatchDto,
  ): Promise<WatchEventResponseDto> {
    return this.users.recordWatch(externalId, body);
  }

  @Get('history')
  @ApiKeyAuth('recommendations:read')
  @ApiOperation({ summary: "The user's watch history, newest first (recommendations:read)" })
  @ApiOkResponse({ type: HistoryPageResponseDto })
  @ApiErrorResponses(400)
  history(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Query() query: HistoryQueryDto,
  ): Promise<HistoryPageResponseDto> {
    return this.users.listHistory(externalId, query);
  }

  @Put('dismissals/:movieId')
  @ApiKeyAuth('feedback:write')
  @ApiOperation({
    summary: 'Not interested: never recommend this movie to the user (feedback:write)',
  })
  @ApiOkResponse({ type: DismissalResponseDto })
  @ApiErrorResponses(400, 404)
  dismiss(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Param('movieId', PositiveIntPipe) movieId: number,
  ): Promise<DismissalResponseDto> {
    return this.users.dismiss(externalId, movieId);
  }

  @Get('dismissals')
  @ApiKeyAuth('recommendations:read')
  @ApiOperation({ summary: 'The movies the user dismissed, newest first (recommendations:read)' })
  @ApiOkResponse({ type: DismissalPageResponseDto })
  @ApiErrorResponses(400)
  dismissals(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Query() query: PageQueryDto,
  ): Promise<DismissalPageResponseDto> {
    return this.users.listDismissals(externalId, query);
  }

  @Delete('dismissals/:movieId')
  @HttpCode(204)
  @ApiKeyAuth('feedback:write')
  @ApiOperation({ summary: 'Undo a dismissal (feedback:write)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  undoDismissal(
    @Param('externalId', AppUserIdPipe) externalId: string,
    @Param('movieId', PositiveIntPipe) movieId: number,
  ): Promise<void> {
    return this.users.undoDismissal(externalId, movieId);
  }

  @Delete()
  @HttpCode(204)
  @ApiKeyAuth('feedback:write')
  @ApiOperation({
    summary: 'Erase the user: ratings, history, dismissals, all of it (feedback:write)',
    description: 'Idempotent: erasing a user who is not (or no longer) known is also 204.',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiErrorResponses(400)
  erase(@Param('externalId', AppUserIdPipe) externalId: string): Promise<void> {
    return this.users.erase(externalId);
  }
}

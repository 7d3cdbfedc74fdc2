import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, OptionalCurrentUser } from '../auth/current-user.decorator';
import { Authenticated, OptionallyAuthenticated } from '../auth/authenticated.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import { ModelInfoResponseDto } from './dto/model-info-response.dto';
import { RecommendationsQueryDto, SimilarQueryDto } from './dto/recommendations-query.dto';
import {
  RecommendationsResponseDto,
  SimilarMoviesResponseDto,
} from './dto/recommendation-response.dto';
import { SessionRecommendationsDto } from './dto/session-recommendations.dto';
import { ModelInfoService } from './model-info.service';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@Controller('v1')
export class RecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly modelInfo: ModelInfoService,
  ) {}

  @Get('users/me/recommendations')
  @Authenticated()
  @ApiOperation({
    summary: 'Personal recommendations; never a movie you rated, watched or dismissed',
    description:
      'Ratings of 3.5 and up (and watches past two thirds) pull their neighbours up in ' +
      'proportion to how much you liked them; ratings below 2.5 and dismissals push theirs ' +
      'down. Reasons name only movies you liked.',
  })
  @ApiOkResponse({ type: RecommendationsResponseDto })
  @ApiErrorResponses(400)
  forMe(
    @CurrentUser() user: AuthUser,
    @Query() query: RecommendationsQueryDto,
  ): Promise<RecommendationsResponseDto> {
    return this.recommendations.forUser(user.id, query);
  }

  @Post('recommendations/session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recommendations for a visitor from the movies they picked; no account needed',
    description:
      'Nothing is stored. A pick with a rating counts as that rating; one without counts as ' +
      'a like. The same strategies, genre filter and explanations as a user gets; the picks ' +
      'are never recommended back. Pick from GET /v1/onboarding/movies for a first list.',
  })
  @ApiOkResponse({ type: RecommendationsResponseDto })
  @ApiErrorResponses(400, 404)
  forSession(@Body() body: SessionRecommendationsDto): Promise<RecommendationsResponseDto> {
    return this.recommendations.forSession(body);
  }

  @Get('movies/:id/similar')
  @OptionallyAuthenticated()
  @ApiOperation({
    summary: 'Movies like this one (content neighbours for a movie the model has not seen)',
    description:
      'No token needed. With a valid Bearer token, movies you dismissed are left out; an ' +
      'invalid token is 401.',
  })
  @ApiOkResponse({ type: SimilarMoviesResponseDto })
  @ApiErrorResponses(400, 404)
  similar(
    @Param('id', PositiveIntPipe) id: number,
    @Query() query: SimilarQueryDto,
    @OptionalCurrentUser() user: AuthUser | undefined,
  ): Promise<SimilarMoviesResponseDto> {
    return this.recommendations.similar(id, query, user?.id);
  }

  @Get('recommendations/model')
  @ApiOperation({
    summary: 'The serving model: version, counts, parameters, quality beside popularity',
  })
  @ApiOkResponse({ type: ModelInfoResponseDto })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'No model and no catalog yet',
  })
  model(): Promise<ModelInfoResponseDto> {
    return this.modelInfo.describe();
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Authenticated } from '../auth/authenticated.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import { ModelInfoResponseDto } from './dto/model-info-response.dto';
import { RecommendationsQueryDto, SimilarQueryDto } from './dto/recommendations-query.dto';
import {
  RecommendationsResponseDto,
  SimilarMoviesResponseDto,
} from './dto/recommendation-response.dto';
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
  @ApiOperation({ summary: 'Personal recommendations; never a movie the user rated or watched' })
  @ApiOkResponse({ type: RecommendationsResponseDto })
  @ApiErrorResponses(400)
  forMe(
    @CurrentUser() user: AuthUser,
    @Query() query: RecommendationsQueryDto,
  ): Promise<RecommendationsResponseDto> {
    return this.recommendations.forUser(user.id, query);
  }

  @Get('movies/:id/similar')
  @ApiOperation({
    summary: 'Movies like this one (content neighbours for a movie the model has not seen)',
  })
  @ApiOkResponse({ type: SimilarMoviesResponseDto })
  @ApiErrorResponses(400, 404)
  similar(
    @Param('id', PositiveIntPipe) id: number,
    @Query() query: SimilarQueryDto,
  ): Promise<SimilarMoviesResponseDto> {
    return this.recommendations.similar(id, query);
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

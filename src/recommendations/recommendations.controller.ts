import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import {
  RecommendationsQueryDto,
  RetrainQueryDto,
  SimilarQueryDto,
} from './dto/recommendations-query.dto';
import {
  RecommendationsResponseDto,
  SimilarMoviesResponseDto,
} from './dto/recommendation-response.dto';
import { RetrainResponseDto } from './dto/retrain-response.dto';
import { ModelInfoService } from './model-info.service';
import { RecommendationsService } from './recommendations.service';
import { TrainingService } from './training.service';

@ApiTags('recommendations')
@Controller('v1')
export class RecommendationsController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly modelInfo: ModelInfoService,
    private readonly training: TrainingService,
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

  @Post('recommendations/model/retrain')
  @HttpCode(202)
  @Authenticated('admin')
  @ApiOperation({
    summary:
      'Start a training now (admin); every server swaps to the new version when it passes the gate',
  })
  @ApiAcceptedResponse({ type: RetrainResponseDto })
  @ApiErrorResponses(409)
  async retrain(@Query() query: RetrainQueryDto): Promise<RetrainResponseDto> {
    const { version } = await this.training.start({ force: query.force, trigger: 'api' });
    return { status: 'started', version, force: query.force };
  }
}

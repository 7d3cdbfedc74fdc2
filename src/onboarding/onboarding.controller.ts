import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { LimitQueryDto } from '../common/pagination/page-query.dto';
import { MovieListResponseDto } from '../movies/dto/movie-response.dto';
import { OnboardingService } from './onboarding.service';

@ApiTags('recommendations')
@Controller('v1/onboarding')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get('movies')
  @ApiOperation({
    summary: 'Well-known movies across genres for a new user to pick from',
    description:
      'The most popular movies, spread across genres. Send the ones a visitor picks to ' +
      'POST /v1/recommendations/session, or rate them as a user, for a first personal list.',
  })
  @ApiOkResponse({ type: MovieListResponseDto })
  @ApiErrorResponses(400)
  movies(@Query() query: LimitQueryDto): Promise<MovieListResponseDto> {
    return this.onboarding.movies(query.limit);
  }
}

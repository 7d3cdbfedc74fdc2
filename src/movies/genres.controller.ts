import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GenreResponseDto } from './dto/movie-response.dto';
import { MoviesService } from './movies.service';

@ApiTags('catalog')
@Controller('v1/genres')
export class GenresController {
  constructor(private readonly movies: MoviesService) {}

  @Get()
  @ApiOperation({ summary: 'Every genre with its number of movies' })
  @ApiOkResponse({ type: [GenreResponseDto] })
  list(): Promise<GenreResponseDto[]> {
    return this.movies.genres();
  }
}

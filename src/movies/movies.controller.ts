import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiKeyOrAdminAuth } from '../api-keys/api-key-auth.decorator';
import { ImdbIdPipe } from './imdb-id.pipe';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import { CreateMovieDto, UpdateMovieDto } from './dto/create-movie.dto';
import { UpsertMovieByImdbDto } from './dto/upsert-movie-by-imdb.dto';
import { ListMoviesQueryDto } from './dto/list-movies-query.dto';
import {
  MovieListResponseDto,
  MoviePageResponseDto,
  MovieResponseDto,
} from './dto/movie-response.dto';
import { TrendingQueryDto } from './dto/trending-query.dto';
import { MoviesService } from './movies.service';

@ApiTags('catalog')
@Controller('v1/movies')
export class MoviesController {
  constructor(private readonly movies: MoviesService) {}

  @Get()
  @ApiOperation({ summary: 'Search and browse the catalog' })
  @ApiOkResponse({ type: MoviePageResponseDto })
  @ApiErrorResponses(400)
  list(@Query() query: ListMoviesQueryDto): Promise<MoviePageResponseDto> {
    return this.movies.list(query);
  }

  @Get('trending')
  @ApiOperation({ summary: 'Most popular movies first' })
  @ApiOkResponse({ type: MovieListResponseDto })
  @ApiErrorResponses(400)
  trending(@Query() query: TrendingQueryDto): Promise<MovieListResponseDto> {
    return this.movies.trending(query);
  }

  @Get('by-imdb/:imdbId')
  @ApiOperation({ summary: 'The movie of an IMDb id (tt0114709, or the digits alone)' })
  @ApiOkResponse({ type: MovieResponseDto })
  @ApiErrorResponses(400, 404)
  getByImdb(@Param('imdbId', ImdbIdPipe) imdbId: string): Promise<MovieResponseDto> {
    return this.movies.getByImdb(imdbId);
  }

  @Put('by-imdb/:imdbId')
  @ApiKeyOrAdminAuth('catalog:write')
  @ApiOperation({
    summary: 'Create or update the movie of an IMDb id (catalog:write key, or admin)',
    description:
      'For catalog sync: 201 when the movie is new, 200 when it existed. On update, fields ' +
      'left out keep their stored values. A TMDB id names one movie: one held by another ' +
      'movie is 409, naming that movie, and nothing is written.',
  })
  @ApiOkResponse({ type: MovieResponseDto, description: 'Updated' })
  @ApiCreatedResponse({ type: MovieResponseDto, description: 'Created' })
  @ApiErrorResponses(400, 409)
  async upsertByImdb(
    @Param('imdbId', ImdbIdPipe) imdbId: string,
    @Body() body: UpsertMovieByImdbDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<MovieResponseDto> {
    const { created, movie } = await this.movies.upsertByImdb(imdbId, body);
    response.status(created ? 201 : 200);
    return movie;
  }

  @Get('by-tmdb/:tmdbId')
  @ApiOperation({ summary: 'The movie of a TMDB id' })
  @ApiOkResponse({ type: MovieResponseDto })
  @ApiErrorResponses(400, 404)
  getByTmdb(@Param('tmdbId', PositiveIntPipe) tmdbId: number): Promise<MovieResponseDto> {
    return this.movies.getByTmdb(tmdbId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One movie' })
  @ApiOkResponse({ type: MovieResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', PositiveIntPipe) id: number): Promise<MovieResponseDto> {
    return this.movies.get(id);
  }

  @Post()
  @Authenticated('admin')
  @ApiOperation({ summary: 'Add a movie (admin)' })
  @ApiCreatedResponse({ type: MovieResponseDto })
  @ApiErrorResponses(400, 413)
  create(@Body() body: CreateMovieDto): Promise<MovieResponseDto> {
    return this.movies.create(body);
  }

  @Patch(':id')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Change a movie (admin)' })
  @ApiOkResponse({ type: MovieResponseDto })
  @ApiErrorResponses(400, 404)
  update(
    @Param('id', PositiveIntPipe) id: number,
    @Body() body: UpdateMovieDto,
  ): Promise<MovieResponseDto> {
    return this.movies.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated('admin')
  @ApiOperation({ summary: 'Delete a movie with its ratings and history (admin)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 404)
  delete(@Param('id', PositiveIntPipe) id: number): Promise<void> {
    return this.movies.delete(id);
  }
}

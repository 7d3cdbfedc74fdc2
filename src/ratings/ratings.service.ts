import { EntityManager } from 'typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '../common/errors/app-error';
import { Page, pageOf } from '../common/pagination/page';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ReadYourWrites } from '../database/read-your-writes';
import { MovieCatalog } from '../movies/movie-catalog';
import { MoviesService } from '../movies/movies.service';
import { RatedMovieResponseDto, RatingResponseDto } from './dto/rating-response.dto';
import { BulkRatingRows, RatingsRepository } from './ratings.repository';

@Injectable()
export class RatingsService {
  private readonly logger = new Logger(RatingsService.name);

  constructor(
    private readonly ratings: RatingsRepository,
    private readonly movies: MoviesService,
    private readonly catalog: MovieCatalog,
    private readonly reads: ReadYourWrites,
  ) {}

  async upsert(
    userId: number,
    movieId: number,
    rating: number,
    recommendationId?: string,
  ): Promise<RatingResponseDto> {
    const row = await this.ratings.upsert(userId, movieId, rating, recommendationId ?? null);
    // The user's next read shows it, and so do the movie's rating aggregates (a trigger
    // changed them): this process reads both from the primary for a moment.
    this.reads.wrote(userId);
    this.catalog.forgetAggregates(movieId);
    this.logger.debug('rating saved', { userId, movieId });
    return { movieId: row.movieId, rating: row.rating, ratedAt: row.ratedAt.toISOString() };
  }

  async listForUser(userId: number, query: PageQueryDto): Promise<Page<RatedMovieResponseDto>> {
    const { rows, total } = await this.ratings.findPageForUser(
      userId,
      (query.page - 1) * query.limit,
      query.limit,
    );
    const items = await this.movies.withMovies(rows, (row, movie) => ({
      movie,
      rating: row.rating,
      ratedAt: row.ratedAt.toISOString(),
    }));
    return pageOf(items, total, query);
  }

  async delete(userId: number, movieId: number): Promise<void> {
    if (!(await this.ratings.delete(userId, movieId))) {
      throw new NotFoundError(`You have not rated movie ${movieId}`);
    }
    this.reads.wrote(userId);
    this.catalog.forgetAggregates(movieId);
  }

  /** Many at once, in the caller's transaction (apps' batch feedback): see the repository. */
  upsertMany(rows: BulkRatingRows, manager: EntityManager): Promise<void> {
    return this.ratings.upsertMany(rows, manager);
  }
}

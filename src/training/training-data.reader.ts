import { Injectable } from '@nestjs/common';
import { HistoryRepository } from '../history/history.repository';
import { MoviesRepository } from '../movies/movies.repository';
import { RatingsRepository } from '../ratings/ratings.repository';
import { TrainingInput, Vocabulary } from '../recommender';
import { GrowableColumns } from './growable-columns';
import { CatalogSource, buildTrainingInput } from './training-input';

/**
 * Reads everything training needs through the repositories of the modules that own the tables,
 * each streaming `COPY ... TO STDOUT` rows straight into typed arrays (never entities, never a
 * whole result set as objects), and builds the input with the builder `npm run evaluate` uses.
 */
@Injectable()
export class TrainingDataReader {
  constructor(
    private readonly movies: MoviesRepository,
    private readonly ratings: RatingsRepository,
    private readonly history: HistoryRepository,
  ) {}

  async read(): Promise<TrainingInput> {
    const catalog = await this.readCatalog();
    const items = Vocabulary.fromIds(catalog.movieIds);
    const users = new Vocabulary();
    const ratings = new GrowableColumns(1 << 20);
    await this.ratings.forEachRating((userId, movieId, rating, atSeconds) => {
      const item = items.indexOf(movieId);
      if (item >= 0) ratings.push(users.add(userId), item, rating, atSeconds);
    });
    const watches = new GrowableColumns(1 << 16);
    await this.history.forEachWatchedPair((userId, movieId, progress, atSeconds) => {
      const item = items.indexOf(movieId);
      if (item >= 0) watches.push(users.add(userId), item, progress, atSeconds);
    });
    return buildTrainingInput(catalog, {
      nUsers: users.size,
      ratings: ratings.toInteractions(),
      watches: watches.toInteractions(),
    });
  }

  /** Every movie (dense index = position in id order), its year, genres and content terms. */
  private async readCatalog(): Promise<CatalogSource> {
    const ids: number[] = [];
    const years: number[] = [];
    await this.movies.forEachMovieYear((id, year) => {
      ids.push(id);
      years.push(year ?? NaN);
    });
    const indexOf = new Map<number, number>(ids.map((id, index) => [id, index]));
    const genres: Array<[number, string]> = [];
    await this.movies.forEachMovieGenre((movieId, genre) => {
      const index = indexOf.get(movieId);
      if (index !== undefined) genres.push([index, genre]);
    });
    const terms: Array<[number, string]> = [];
    await this.movies.forEachMovieTerm((movieId, term) => {
      const index = indexOf.get(movieId);
      if (index !== undefined) terms.push([index, term]);
    });
    return { movieIds: Int32Array.from(ids), years: Float32Array.from(years), genres, terms };
  }
}

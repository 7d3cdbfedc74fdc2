import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/errors/app-error';
import { Page, pageOf } from '../common/pagination/page';
import { CreateMovieDto, UpdateMovieDto } from './dto/create-movie.dto';
import { ListMoviesQueryDto } from './dto/list-movies-query.dto';
import { GenreResponseDto, MovieResponseDto } from './dto/movie-response.dto';
import { TrendingQueryDto } from './dto/trending-query.dto';
import { UpsertMovieByImdbDto } from './dto/upsert-movie-by-imdb.dto';
import { toMovieResponse } from './movie.mapper';
import { MovieCatalog } from './movie-catalog';
import { MoviesRepository } from './movies.repository';
import { pgLower } from './pg-trigrams';
import { normaliseQuery } from './title-search';
import { TmdbIdTakenError } from './tmdb-id-taken.error';
import { UnknownGenreError } from './unknown-genre.error';

@Injectable()
export class MoviesService {
  private readonly logger = new Logger(MoviesService.name);

  constructor(
    private readonly movies: MoviesRepository,
    private readonly catalog: MovieCatalog,
  ) {}

  async list(query: ListMoviesQueryDto): Promise<Page<MovieResponseDto>> {
    if (
      query.yearFrom !== undefined &&
      query.yearTo !== undefined &&
      query.yearFrom > query.yearTo
    ) {
      throw new InvalidInputError('yearFrom must not be after yearTo');
    }
    await this.assertKnownGenre(query.genre);
    const q = query.q === undefined ? undefined : normaliseQuery(query.q);
    const order = query.sort ?? (q ? 'relevance' : 'popularity');
    const filter = { genre: query.genre, yearFrom: query.yearFrom, yearTo: query.yearTo };
    const offset = (query.page - 1) * query.limit;
    // A title search by relevance runs in memory when the title index is current: the same
    // matches in the same order as the SQL search, without its trigram work in PostgreSQL.
    const titles = q && order === 'relevance' ? this.catalog.titleIndex() : undefined;
    const { ids, total } =
      q && titles
        ? titles.search(
            q,
            { ...filter, genre: filter.genre === undefined ? undefined : pgLower(filter.genre) },
            offset,
            query.limit,
          )
        : await this.movies.search({ q: q || undefined, ...filter }, order, offset, query.limit);
    return pageOf(await this.catalog.responsesInOrder(ids), total, query);
  }

  async trending(query: TrendingQueryDto): Promise<{ items: MovieResponseDto[] }> {
    await this.assertKnownGenre(query.genre);
    const ids = await this.catalog.trendingIds(query.limit, query.genre);
    return { items: await this.catalog.responsesInOrder(ids) };
  }

  async get(id: number): Promise<MovieResponseDto> {
    const movie = (await this.catalog.responses([id])).get(id);
    if (!movie) throw new NotFoundError(`Movie ${id} does not exist`);
    return movie;
  }

  /**
   * Each row as an item holding its movie, in the rows' order; a row whose movie was deleted
   * meanwhile is left out (for other modules: the users' lists of ratings, dismissals and
   * history).
   */
  async withMovies<Row extends { movieId: number }, Item>(
    rows: readonly Row[],
    toItem: (row: Row, movie: MovieResponseDto) => Item,
  ): Promise<Item[]> {
    const movies = await this.catalog.responses(rows.map((row) => row.movieId));
    return rows.flatMap((row) => {
      const movie = movies.get(row.movieId);
      return movie ? [toItem(row, movie)] : [];
    });
  }

  genres(): Promise<GenreResponseDto[]> {
    return this.movies.findGenresWithCounts();
  }

  async create(body: CreateMovieDto): Promise<MovieResponseDto> {
    const created = await this.movies.transaction(async (manager) => {
      const movie = this.movies.create({
        title: body.title,
        overview: body.overview ?? null,
        releaseYear: body.releaseYear ?? null,
      });
      movie.genres = await this.movies.ensureGenres(uniqueNames(body.genres ?? []), manager);
      const saved = await this.movies.save(movie, manager);
      await this.movies.replaceGenres(saved.id, saved.genres, manager);
      this.logger.log('movie created', { movieId: saved.id });
      return toMovieResponse(saved);
    });
    this.catalog.clear();
    return created;
  }

  async update(id: number, body: UpdateMovieDto): Promise<MovieResponseDto> {
    // PartialType lets null through every field; only overview and releaseYear may be cleared.
    if (body.title === null || body.genres === null) {
      throw new InvalidInputError('title and genres must not be null');
    }
    const updated = await this.movies.transaction(async (manager) => {
      // Locked: concurrent writers of the movie take turns, and a deleted one is 404 here.
      const movie = await this.movies.findForUpdate(id, manager);
      if (!movie) throw new NotFoundError(`Movie ${id} does not exist`);
      if (body.title) movie.title = body.title;
      if (body.overview !== undefined) movie.overview = body.overview;
      if (body.releaseYear !== undefined) movie.releaseYear = body.releaseYear;
      if (body.genres) {
        movie.genres = await this.movies.ensureGenres(uniqueNames(body.genres), manager);
        await this.movies.replaceGenres(id, movie.genres, manager);
      }
      const saved = await this.movies.save(movie, manager);
      this.logger.log('movie updated', { movieId: id });
      return toMovieResponse(saved);
    });
    this.catalog.clear();
    return updated;
  }

  async getByImdb(imdbId: string): Promise<MovieResponseDto> {
    const id = (await this.movies.findIdsByImdb([imdbId])).get(imdbId);
    if (id === undefined) throw new NotFoundError(`No movie has the IMDb id ${imdbId}`);
    return this.get(id);
  }

  async getByTmdb(tmdbId: number): Promise<MovieResponseDto> {
    const id = (await this.movies.findIdsByTmdb([tmdbId])).get(tmdbId);
    if (id === undefined) throw new NotFoundError(`No movie has the TMDB id ${tmdbId}`);
    return this.get(id);
  }

  /**
   * Creates the movie of this IMDb id, or updates it: fields left out keep their stored values
   * (a catalog sync need not know every field). Race-free through a per-id advisory lock, and
   * the movie's row lock against the other writers of an existing movie (PATCH).
   */
  async upsertByImdb(
    imdbId: string,
    body: UpsertMovieByImdbDto,
  ): Promise<{ created: boolean; movie: MovieResponseDto }> {
    const upserted = await this.movies
      .transaction((manager) => this.writeByImdb(imdbId, body, manager))
      .catch((error: unknown) => this.nameTmdbHolder(error));
    this.catalog.clear();
    return upserted;
  }

  private async writeByImdb(
    imdbId: string,
    body: UpsertMovieByImdbDto,
    manager: EntityManager,
  ): Promise<{ created: boolean; movie: MovieResponseDto }> {
    await this.movies.lockImdbId(imdbId, manager);
    const movie = await this.movies.findForUpdateByImdb(imdbId, manager);
    const target = movie ?? this.movies.create({ imdbId, overview: null, releaseYear: null });
    target.title = body.title;
    if (body.overview !== undefined) target.overview = body.overview;
    if (body.releaseYear !== undefined) target.releaseYear = body.releaseYear;
    if (body.tmdbId !== undefined) target.tmdbId = body.tmdbId;
    const setsGenres = body.genres !== undefined || !movie;
    if (setsGenres) {
      target.genres = await this.movies.ensureGenres(uniqueNames(body.genres ?? []), manager);
    }
    const saved = await this.movies.save(target, manager);
    if (setsGenres) await this.movies.replaceGenres(saved.id, saved.genres, manager);
    this.logger.log(movie ? 'movie updated' : 'movie created', { movieId: saved.id, imdbId });
    return { created: !movie, movie: toMovieResponse(saved) };
  }

  async delete(id: number): Promise<void> {
    if (!(await this.movies.delete(id))) throw new NotFoundError(`Movie ${id} does not exist`);
    this.catalog.clear();
    this.logger.log('movie deleted', { movieId: id });
  }

  /**
   * Rethrows `error`, naming the movie that holds the TMDB id when it is a TmdbIdTakenError:
   * looked up after the failed transaction ended, as the unique violation aborted it.
   */
  private async nameTmdbHolder(error: unknown): Promise<never> {
    if (!(error instanceof TmdbIdTakenError)) throw error;
    const holderId = (await this.movies.findIdsByTmdb([error.tmdbId])).get(error.tmdbId);
    const holder =
      holderId === undefined ? undefined : (await this.catalog.responses([holderId])).get(holderId);
    throw holder ? new TmdbIdTakenError(error.tmdbId, holder) : error;
  }

  /** An unknown genre is 400, as on every route with a genre filter, never an empty list. */
  private async assertKnownGenre(genre: string | undefined): Promise<void> {
    if (genre !== undefined && !(await this.catalog.genreExists(genre))) {
      throw new UnknownGenreError(genre);
    }
  }
}

/** Trimmed, without blanks, and once each ignoring case (the first spelling wins). */
function uniqueNames(names: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names.map((n) => n.trim()).filter(Boolean)) {
    if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  }
  return [...byKey.values()];
}

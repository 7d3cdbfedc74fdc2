import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { UnavailableError } from '../common/errors/app-error';
import {
  PG_QUERY_CANCELED,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  violatedConstraint,
} from '../common/errors/pg-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Genre } from './genre.entity';
import { copyOut } from '../database/copy-out';
import { ReadFrom, ReadReplicas } from '../database/read-replicas';
import { Movie } from './movie.entity';
import { prefixPattern, TITLE_ENTRIES_SQL, titleRelevanceOrder } from './title-search';
import { TitleEntry } from './title-index';
import { TitleSearchPool } from './title-search-pool';
import { TmdbIdTakenError } from './tmdb-id-taken.error';

export type MovieOrder = 'relevance' | 'popularity' | 'title' | 'year' | 'rating';

export interface MovieFilter {
  /** Normalised (lower-case) title query. */
  q?: string;
  genre?: string;
  yearFrom?: number;
  yearTo?: number;
}

const ORDER_BY: Record<MovieOrder, string> = {
  relevance: `${titleRelevanceOrder('$1', '$2', 'm.title')}, m.popularity DESC, m.id`,
  popularity: 'm.popularity DESC, m.id',
  title: 'lower(m.title), m.id',
  year: 'm.release_year DESC NULLS LAST, m.popularity DESC, m.id',
  rating: 'm.rating_mean DESC NULLS LAST, m.rating_count DESC, m.id',
};

/** The unique index that gives each TMDB id to one movie (migration 1795574402101). */
const TMDB_ID_KEY = 'movies_tmdb_id_key';

/** The first key of the advisory locks taken per IMDb id (lockImdbId); any fixed int4. */
const IMDB_UPSERT_LOCK_CLASS = 1795574416;

const GENRE_MATCHES = (param: string): string =>
  `EXISTS (SELECT 1 FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
            WHERE mg.movie_id = m.id AND lower(g.name) = lower(${param}))`;

@Injectable()
export class MoviesRepository {
  constructor(
    @InjectRepository(Movie) private readonly movies: Repository<Movie>,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly titleSearch: TitleSearchPool,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * One page of movie ids and the total. A title query matches by trigram word similarity
   * (index movies_title_trgm_idx on lower(title)) or by prefix; `relevance` ranks the exact
   * title first, then whole-word and prefix matches, then by similarity, then by popularity
   * (titleRelevanceOrder). A title search has a statement budget of its own (SEARCH_TIMEOUT_MS)
   * and is answered 503 past it: its cost grows with the titles it matches, and a query
   * matching a large share of a big catalog ("the" matches a third of the titles) must not hold
   * a connection for the whole statement timeout.
   */
  async search(
    filter: MovieFilter,
    order: MovieOrder,
    offset: number,
    limit: number,
  ): Promise<{ ids: number[]; total: number }> {
    try {
      return await this.searchPage(filter, order, offset, limit);
    } catch (error) {
      if (filter.q && pgErrorCode(error) === PG_QUERY_CANCELED) {
        throw new UnavailableError(
          `The title search took longer than ${this.config.database.searchTimeoutMs} ms: ` +
            'search with more of the title, or retry shortly',
        );
      }
      throw error;
    }
  }

  private async searchPage(
    filter: MovieFilter,
    order: MovieOrder,
    offset: number,
    limit: number,
  ): Promise<{ ids: number[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.q) {
      // $1 and $2 are the query and its prefix pattern, as ORDER_BY.relevance expects.
      params.push(filter.q, prefixPattern(filter.q));
      where.push('($1 <% lower(m.title) OR lower(m.title) LIKE $2)');
    }
    if (filter.genre) where.push(GENRE_MATCHES(`$${params.push(filter.genre)}`));
    if (filter.yearFrom !== undefined)
      where.push(`m.release_year >= $${params.push(filter.yearFrom)}`);
    if (filter.yearTo !== undefined) where.push(`m.release_year <= $${params.push(filter.yearTo)}`);
    const orderSql = ORDER_BY[order === 'relevance' && !filter.q ? 'popularity' : order];
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const pageSql = `LIMIT $${params.push(limit)} OFFSET $${params.push(offset)}`;
    // A title search runs on the connections set up for it (TitleSearchPool); the window count
    // comes from the same scan as the page, and only a page past the end needs a count of its own.
    const query = <T>(text: string, values: unknown[]): Promise<T[]> =>
      filter.q ? this.titleSearch.query<T>(text, values) : this.dataSource.query<T[]>(text, values);
    const rows = await query<{ id: number; total: number }>(
      `SELECT m.id, count(*) OVER ()::int AS total FROM movies m ${whereSql}
        ORDER BY ${orderSql} ${pageSql}`,
      params,
    );
    if (rows.length > 0) return { ids: rows.map((row) => row.id), total: rows[0].total };
    const [{ total }] = await query<{ total: number }>(
      `SELECT count(*)::int AS total FROM movies m ${whereSql}`,
      params.slice(0, params.length - 2),
    );
    return { ids: [], total };
  }

  /**
   * Highest `popularity` first, straight from movies_popularity_idx. `from`: whether a read
   * replica may answer (MovieCatalog's fills) or only the primary.
   */
  findTrendingIds(limit: number, genre?: string, from: ReadFrom = 'primary'): Promise<number[]> {
    return this.replicas.read(from, async (db) => {
      const { rows } = genre
        ? await db.query<{ id: number }>(
            `SELECT m.id FROM movies m WHERE ${GENRE_MATCHES('$2')}
              ORDER BY m.popularity DESC, m.id LIMIT $1`,
            [limit, genre],
          )
        : await db.query<{ id: number }>(
            'SELECT m.id FROM movies m ORDER BY m.popularity DESC, m.id LIMIT $1',
            [limit],
          );
      return rows.map((row) => row.id);
    });
  }

  /**
   * The movie with its genres, its row locked until the transaction ends; null when it does not
   * exist. Writers of one movie (PATCH, PUT by IMDb id) queue here, so each reads and rewrites
   * what the last one committed. FOR NO KEY UPDATE, as an UPDATE of non-key columns takes: rows
   * referring to the movie (ratings) may still be added meanwhile, but a DELETE waits, or this
   * waits for a DELETE and then finds nothing.
   */
  async findForUpdate(id: number, manager: EntityManager): Promise<Movie | null> {
    const locked: unknown[] = await manager.query(
      `SELECT 1 FROM movies WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    return locked.length > 0 ? this.findById(id, manager) : null;
  }

  /**
   * The movie of an IMDb id, locked as findForUpdate; where two movies share one, the lower id,
   * as findIdsByImdb. A movie deleted while this waited for its lock is passed over.
   */
  async findForUpdateByImdb(imdbId: string, manager: EntityManager): Promise<Movie | null> {
    const locked: { id: number }[] = await manager.query(
      `SELECT id FROM movies WHERE imdb_id = $1 ORDER BY id LIMIT 1 FOR NO KEY UPDATE`,
      [imdbId],
    );
    return locked.length > 0 ? this.findById(locked[0].id, manager) : null;
  }

  findById(id: number, manager?: EntityManager): Promise<Movie | null> {
    const repository = manager ? manager.getRepository(Movie) : this.movies;
    return repository.findOne({ where: { id }, relations: { genres: true } });
  }

  /**
   * Movies with their genres, in the order of `ids`; unknown ids are skipped. One aggregate
   * query mapped by hand: every list response (recommendations, ratings, history) goes through
   * here, and TypeORM's join hydration cost more than the query itself. `from` as findTrendingIds.
   */
  async findByIds(ids: readonly number[], from: ReadFrom = 'primary'): Promise<Movie[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.replicas.read(from, (db) =>
      db.query<MovieRow>(
        `SELECT m.id, m.title, m.overview, m.release_year, m.movielens_id, m.imdb_id, m.tmdb_id,
              m.popularity, m.rating_count, m.rating_mean, m.created_at, m.updated_at,
              coalesce(array_agg(g.id ORDER BY g.name) FILTER (WHERE g.id IS NOT NULL), '{}') AS genre_ids,
              coalesce(array_agg(g.name ORDER BY g.name) FILTER (WHERE g.id IS NOT NULL), '{}') AS genre_names
         FROM movies m
         LEFT JOIN movie_genres mg ON mg.movie_id = m.id
         LEFT JOIN genres g ON g.id = mg.genre_id
        WHERE m.id = ANY($1::int[])
        GROUP BY m.id`,
        [[...new Set(ids)]],
      ),
    );
    const byId = new Map(rows.map((row) => [row.id, toMovie(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The movie of each IMDb id (stored form, see normaliseImdbId), through movies_imdb_id_idx;
   * where two movies share one (MovieLens has a few), the lower id. Unknown ids are absent.
   */
  async findIdsByImdb(imdbIds: readonly string[]): Promise<Map<string, number>> {
    if (imdbIds.length === 0) return new Map();
    const rows: { key: string; id: number }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (imdb_id) imdb_id AS key, id FROM movies
        WHERE imdb_id = ANY($1::text[]) ORDER BY imdb_id, id`,
      [[...new Set(imdbIds)]],
    );
    return new Map(rows.map((row) => [row.key, row.id]));
  }

  /** The movie of each TMDB id (a TMDB id names one movie: movies_tmdb_id_key). */
  async findIdsByTmdb(tmdbIds: readonly number[]): Promise<Map<number, number>> {
    if (tmdbIds.length === 0) return new Map();
    const rows: { key: number; id: number }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (tmdb_id) tmdb_id AS key, id FROM movies
        WHERE tmdb_id = ANY($1::int[]) ORDER BY tmdb_id, id`,
      [[...new Set(tmdbIds)]],
    );
    return new Map(rows.map((row) => [row.key, row.id]));
  }

  /** Which of these ids are movies. */
  async findExistingIds(ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT id FROM movies WHERE id = ANY($1::int[])`,
      [[...new Set(ids)]],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Which of these ids are movies, each locked FOR KEY SHARE until the caller's transaction ends
   * (in id order, as RatingsRepository.upsertMany locks them): a deletion of one of them waits
   * for the commit, and one deleted before is not among them.
   */
  async lockExistingIds(ids: readonly number[], manager: EntityManager): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows: { id: number }[] = await manager.query(
      `SELECT id FROM movies WHERE id = ANY($1::int[]) ORDER BY id FOR KEY SHARE`,
      [[...new Set(ids)]],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Serialises writers of one IMDb id until the transaction ends (imdb_id is not unique, see
   * migration 1795574401602): two concurrent upserts of a new id make one movie, not two.
   */
  async lockImdbId(imdbId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
      IMDB_UPSERT_LOCK_CLASS,
      imdbId,
    ]);
  }

  /**
   * Writes the movie's columns, never its genres (replaceGenres does): TypeORM's many-to-many
   * save diffs against the rows it read a moment before, and a concurrent writer's rows made
   * that diff insert duplicates or keep genres no request asked for. A TMDB id another movie
   * holds is a TmdbIdTakenError (the unique index decides, so two concurrent claims cannot both
   * win); the transaction is then aborted.
   */
  async save(movie: Movie, manager: EntityManager): Promise<Movie> {
    const { genres, ...columns } = movie;
    try {
      const saved = await manager.getRepository(Movie).save(Object.assign(new Movie(), columns));
      return Object.assign(saved, { genres });
    } catch (error) {
      if (
        movie.tmdbId !== null &&
        pgErrorCode(error) === PG_UNIQUE_VIOLATION &&
        violatedConstraint(error) === TMDB_ID_KEY
      ) {
        throw new TmdbIdTakenError(movie.tmdbId);
      }
      throw error;
    }
  }

  /** Makes the movie's genre rows exactly `genres`; lock an existing movie first (findForUpdate). */
  async replaceGenres(movieId: number, genres: Genre[], manager: EntityManager): Promise<void> {
    const genreIds = genres.map((genre) => genre.id);
    await manager.query(
      `DELETE FROM movie_genres WHERE movie_id = $1 AND genre_id <> ALL($2::int[])`,
      [movieId, genreIds],
    );
    await manager.query(
      `INSERT INTO movie_genres (movie_id, genre_id)
       SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
      [movieId, genreIds],
    );
  }

  create(fields: Partial<Movie>): Movie {
    return this.movies.create(fields);
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.movies.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * The genres of these names, created when missing. Names match case-insensitively, as every
   * genre filter does: "drama" is the existing "Drama", never a second genre beside it (where
   * one already exists twice, the older is used). ON CONFLICT keeps concurrent creates of the
   * same spelling race-free.
   */
  async ensureGenres(names: string[], manager: EntityManager): Promise<Genre[]> {
    if (names.length === 0) return [];
    await manager.query(
      `INSERT INTO genres (name)
       SELECT DISTINCT ON (lower(n)) n FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i)
        WHERE NOT EXISTS (SELECT 1 FROM genres g WHERE lower(g.name) = lower(t.n))
        ORDER BY lower(n), i
       ON CONFLICT (name) DO NOTHING`,
      [names],
    );
    const rows: { id: number; name: string }[] = await manager.query(
      `SELECT DISTINCT ON (lower(name)) id, name FROM genres
        WHERE lower(name) = ANY(SELECT lower(n) FROM unnest($1::text[]) AS n)
        ORDER BY lower(name), id`,
      [names],
    );
    return rows.map((row) => Object.assign(new Genre(), row));
  }

  /** Every movie's title, popularity, year and lower-case genre names, for the TitleIndex. */
  async findTitleEntries(from: ReadFrom): Promise<TitleEntry[]> {
    const { rows } = await this.replicas.read(from, (db) =>
      db.query<TitleEntry>(TITLE_ENTRIES_SQL),
    );
    return rows;
  }

  /**
   * Every genre name, for MovieCatalog's genre check (genre filters match ignoring case). Genres
   * are few (MovieLens has 20): one read of a tiny table, refetched after each catalog notice.
   */
  async findGenreNames(from: ReadFrom = 'primary'): Promise<string[]> {
    const { rows } = await this.replicas.read(from, (db) =>
      db.query<{ name: string }>('SELECT name FROM genres'),
    );
    return rows.map((row) => row.name);
  }

  findGenresWithCounts(): Promise<{ id: number; name: string; movieCount: number }[]> {
    return this.movies.query(
      `SELECT g.id, g.name, count(mg.movie_id)::int AS "movieCount"
         FROM genres g LEFT JOIN movie_genres mg ON mg.genre_id = g.id
        GROUP BY g.id ORDER BY g.name`,
    );
  }

  /** How many movies the catalog holds. */
  countAll(): Promise<number> {
    return this.movies.count();
  }

  /** Runs `work` in one transaction (opened by the service, per the house style). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every movie's id and release year (null when unknown), in id order, streamed for training. */
  forEachMovieYear(onRow: (movieId: number, year: number | null) => void): Promise<void> {
    return copyOut(this.dataSource, `SELECT id, release_year FROM movies ORDER BY id`, (f) =>
      onRow(Number(f[0]), f[1] === null ? null : Number(f[1])),
    );
  }

  /** Every (movie, genre name) pair, streamed for training. */
  forEachMovieGenre(onRow: (movieId: number, genre: string) => void): Promise<void> {
    return copyOut(
      this.dataSource,
      `SELECT mg.movie_id, g.name FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id`,
      (f) => onRow(Number(f[0]), f[1]!),
    );
  }

  /** Content terms of every movie: lower-cased tags and overview words of 4+ letters. */
  forEachMovieTerm(onRow: (movieId: number, term: string) => void): Promise<void> {
    return copyOut(
      this.dataSource,
      `SELECT movie_id, lower(tag) FROM tags
       UNION ALL
       SELECT id, lower(word) FROM movies, regexp_split_to_table(coalesce(overview, ''), '[^[:alpha:]]+') AS word
       WHERE length(word) >= 4`,
      (f) => onRow(Number(f[0]), f[1]!),
    );
  }

  /** Writes the recomputed popularity of every movie in one set-based UPDATE. */
  async writePopularity(movieIds: Int32Array, popularity: Float32Array): Promise<void> {
    await this.dataSource.query(
      `UPDATE movies SET popularity = v.popularity
       FROM unnest($1::int[], $2::float8[]) AS v(id, popularity)
       WHERE movies.id = v.id AND movies.popularity IS DISTINCT FROM v.popularity`,
      [Array.from(movieIds), Array.from(popularity)],
    );
  }
}

interface MovieRow {
  id: number;
  title: string;
  overview: string | null;
  release_year: number | null;
  movielens_id: number | null;
  imdb_id: string | null;
  tmdb_id: number | null;
  popularity: number;
  rating_count: number;
  rating_mean: number | null;
  created_at: Date;
  updated_at: Date;
  genre_ids: number[];
  genre_names: string[];
}

function toMovie(row: MovieRow): Movie {
  return Object.assign(new Movie(), {
    id: row.id,
    title: row.title,
    overview: row.overview,
    releaseYear: row.release_year,
    movielensId: row.movielens_id,
    imdbId: row.imdb_id,
    tmdbId: row.tmdb_id,
    popularity: row.popularity,
    ratingCount: row.rating_count,
    ratingMean: row.rating_mean,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    genres: row.genre_ids.map((id, g) =>
      Object.assign(new Genre(), { id, name: row.genre_names[g] }),
    ),
  });
}

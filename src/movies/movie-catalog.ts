import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage } from '../common/errors/error-message';
import { FillGuard } from '../common/cache/fill-guard';
import { Clock } from '../common/clock/clock';
import { AppMetrics } from '../common/metrics/app-metrics';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationListener } from '../database/notification-listener';
import { ReadFrom, ReadReplicas } from '../database/read-replicas';
import { RecentWrites } from '../database/recent-writes';
import { MovieResponseDto } from './dto/movie-response.dto';
import { toMovieResponse } from './movie.mapper';
import { MoviesRepository } from './movies.repository';
import { TitleIndex } from './title-index';

/**
 * The channel on which triggers announce every catalog write (migration 1795574401701, which
 * must keep this name): movies added, deleted or edited, their genres changed, a new training's
 * popularity stored, an import. The payload names the table; every notice empties the cache.
 */
export const CATALOG_CHANNEL = 'catalog';

/** Movies held at most: a 62k-movie catalog fits; past it the oldest filled go first. */
export const CATALOG_CAPACITY = 100_000;

/** Trending lists held at most (a list per genre and limit asked for). */
const TRENDING_CAPACITY = 2_000;

/**
 * The title index is built at most this often: a catalog written many times a second (a sync
 * through the API) would otherwise rebuild it for nearly every search. Until it is built again,
 * title searches go to PostgreSQL.
 */
const TITLE_INDEX_REBUILD_MS = 1_000;

interface CachedMovie {
  movie: MovieResponseDto;
  /** Clock time after which the rating aggregates may be stale: refetched. */
  freshUntil: number;
}

/**
 * The catalog as responses are built from it, in memory: movies in the contract's shape, genre
 * names and trending lists, filled on first use, so the hot routes build their answers with no
 * query and no ORM hydration.
 *
 * Exact for catalog writes: every write and import NOTIFYs CATALOG_CHANNEL (triggers) and every
 * notice empties the cache on every process; a fill that a notice overtook is not kept, and while
 * the LISTEN connection is down nothing is kept. A movie's rating aggregates (`ratingCount`,
 * `ratingMean`) change with every rating, far too often to announce: this process forgets the
 * movie when it stores a rating of it (`forgetAggregates`), and other processes refetch a movie
 * `CATALOG_CACHE_SECONDS` after they filled it, which bounds how stale those two fields can be.
 *
 * Fills may come from a read replica, which may not have replayed the write a notice announced:
 * for ReadReplicas.freshnessWindowMs after a notice (or a local write) fills go to the primary,
 * and so do fills of a movie this process just forgot the aggregates of: what a fill keeps
 * after a notice includes the write the notice announced.
 */
@Injectable()
export class MovieCatalog implements OnApplicationBootstrap {
  private readonly movies = new Map<number, CachedMovie>();
  private readonly trending = new Map<string, readonly number[]>();
  private genreNames: Promise<ReadonlySet<string>> | undefined;
  /** Whether a fill may be kept: not when a notice or a local write overtook it. */
  private readonly guard = new FillGuard<number>();
  /** Writes heard of lately (a movie's aggregates, or the whole catalog): fills from the primary. */
  private readonly changes: RecentWrites<number>;
  /** The catalog's titles searchable in memory, while no write has been heard of since. */
  private titles: TitleIndex | undefined;
  private titlesBuilding = false;
  private titlesStartedAt = -Infinity;
  private readonly logger = new Logger(MovieCatalog.name);

  constructor(
    private readonly repository: MoviesRepository,
    private readonly listener: NotificationListener,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: AppMetrics,
    replicas: ReadReplicas,
  ) {
    this.changes = replicas.recentWrites<number>();
    metrics.registerCacheSize('catalog_movies', () => this.movies.size);
    metrics.registerCacheSize('catalog_trending_lists', () => this.trending.size);
    metrics.registerCacheSize('catalog_titles', () => this.titles?.size ?? 0);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.subscribe(CATALOG_CHANNEL, {
      notified: () => this.clear(),
      connectionChanged: (live) => {
        this.clear();
        this.guard.trusted = live;
      },
    });
  }

  /** Movies in the contract's shape by id; unknown ids are absent from the map. */
  async responses(ids: readonly number[]): Promise<Map<number, MovieResponseDto>> {
    const found = new Map<number, MovieResponseDto>();
    const missing: number[] = [];
    const now = this.clock.now();
    for (const id of ids) {
      const cached = this.movies.get(id);
      if (cached && cached.freshUntil > now) found.set(id, cached.movie);
      else if (!found.has(id)) missing.push(id);
    }
    if (missing.length === 0) return found;
    const startedAt = this.guard.started();
    const from: ReadFrom = this.changes.anyRecent(missing) ? 'primary' : 'replica';
    const fetched = await this.repository.findByIds(missing, from);
    const freshUntil = now + this.config.catalogCacheSeconds * 1000;
    for (const entity of fetched) {
      const movie = Object.freeze(toMovieResponse(entity));
      found.set(movie.id, movie);
      if (this.guard.keeps(startedAt, movie.id)) this.remember(movie, freshUntil);
    }
    return found;
  }

  /** Responses in the order of `ids`, unknown ids skipped. */
  async responsesInOrder(ids: readonly number[]): Promise<MovieResponseDto[]> {
    const byId = await this.responses(ids);
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Whether the catalog has a genre of that name, ignoring case. */
  async genreExists(name: string): Promise<boolean> {
    return (await this.knownGenres()).has(name.toLowerCase());
  }

  /**
   * The most popular movie ids (of a genre, when given), most popular first. Lists are fetched
   * and kept at the next power of two of `limit`, so that the many limits callers ask for (a
   * page plus the user's seen movies) share a few lists.
   */
  async trendingIds(limit: number, genre?: string): Promise<readonly number[]> {
    const fetched = 2 ** Math.ceil(Math.log2(Math.max(limit, 1)));
    const key = `${fetched}\u0000${genre?.toLowerCase() ?? ''}`;
    let ids = this.trending.get(key);
    if (!ids) {
      const startedAt = this.guard.started();
      ids = Object.freeze(await this.repository.findTrendingIds(fetched, genre, this.fillFrom()));
      if (this.guard.keeps(startedAt)) {
        if (this.trending.size >= TRENDING_CAPACITY) this.trending.clear();
        this.trending.set(key, ids);
      }
    }
    return ids.length > limit ? ids.slice(0, limit) : ids;
  }

  /**
   * The title index (TitleIndex), when one is built and no catalog write has been heard of since;
   * else undefined, and a build starts in the background (at most once per
   * TITLE_INDEX_REBUILD_MS, and not while notices are not arriving), so the caller searches in
   * PostgreSQL this time. A build overtaken by a write is not kept.
   */
  titleIndex(): TitleIndex | undefined {
    if (this.titles) return this.titles;
    const now = this.clock.now();
    // Without notices (the LISTEN connection down) a build could never be kept: none is started.
    if (!this.guard.trusted || this.titlesBuilding) return undefined;
    if (now - this.titlesStartedAt < TITLE_INDEX_REBUILD_MS) return undefined;
    this.titlesBuilding = true;
    this.titlesStartedAt = now;
    const startedAt = this.guard.started();
    void this.repository
      .findTitleEntries(this.fillFrom())
      .then((entries) => TitleIndex.build(entries))
      .then(
        (index) => {
          if (this.guard.keeps(startedAt)) this.titles = index;
        },
        (error: unknown) => {
          this.logger.warn('title index not built: title searches go to PostgreSQL', {
            error: errorMessage(error),
          });
        },
      )
      .finally(() => (this.titlesBuilding = false));
    return undefined;
  }

  /** This process stored or removed a rating of the movie: its aggregates changed. */
  forgetAggregates(movieId: number): void {
    this.guard.overtake(movieId);
    this.changes.wrote(movieId);
    this.movies.delete(movieId);
  }

  /** This process wrote the catalog: forgotten at once, before the notice arrives. */
  clear(): void {
    this.guard.overtakeAll();
    this.changes.wroteAll();
    this.movies.clear();
    this.trending.clear();
    this.genreNames = undefined;
    this.titles = undefined;
  }

  /** Where a fill of catalog-wide data (trending lists, genre names) may come from. */
  private fillFrom(): ReadFrom {
    return this.changes.allRecent() ? 'primary' : 'replica';
  }

  private remember(movie: MovieResponseDto, freshUntil: number): void {
    if (this.movies.size >= CATALOG_CAPACITY && !this.movies.has(movie.id)) {
      this.movies.delete(this.movies.keys().next().value as number);
    }
    this.movies.set(movie.id, { movie, freshUntil });
  }

  private knownGenres(): Promise<ReadonlySet<string>> {
    if (this.genreNames) return this.genreNames;
    const startedAt = this.guard.started();
    const loading = this.repository
      .findGenreNames(this.fillFrom())
      .then((names) => new Set(names.map((name) => name.toLowerCase())));
    // Kept only when no write overtook it; a failed load is not kept either.
    if (this.guard.trusted) {
      this.genreNames = loading;
      loading.then(
        () => {
          if (!this.guard.keeps(startedAt) && this.genreNames === loading) {
            this.genreNames = undefined;
          }
        },
        () => {
          if (this.genreNames === loading) this.genreNames = undefined;
        },
      );
    }
    return loading;
  }
}

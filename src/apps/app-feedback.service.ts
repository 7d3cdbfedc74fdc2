import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { ReadYourWrites } from '../database/read-your-writes';
import { DismissalsService } from '../dismissals/dismissals.service';
import { HistoryService } from '../history/history.service';
import { MovieCatalog } from '../movies/movie-catalog';
import { MoviesRepository } from '../movies/movies.repository';
import { RatingsService } from '../ratings/ratings.service';
import { AppUsersRepository } from './app-users.repository';
import { FeedbackBatchResponseDto, FeedbackEventErrorDto } from './dto/feedback-batch.dto';
import { FeedbackEvent, MovieRef, parseFeedbackEvent } from './feedback-event';
import { toBulkRows, StoredEvent } from './feedback-rows';

/** What store() did: the events stored, their users' ids, and the events it left out. */
interface StoreOutcome {
  stored: StoredEvent[];
  userIds: Map<string, number>;
  errors: FeedbackEventErrorDto[];
}

/**
 * Batch feedback from an app (`POST /v1/apps/feedback`): each event checked on its own, the
 * movies of all of them resolved in at most three queries, then every valid event stored in one
 * transaction with one statement per table (arrays through unnest), users made on the way.
 */
@Injectable()
export class AppFeedbackService {
  private readonly logger = new Logger(AppFeedbackService.name);

  constructor(
    private readonly users: AppUsersRepository,
    private readonly movies: MoviesRepository,
    private readonly ratings: RatingsService,
    private readonly history: HistoryService,
    private readonly dismissals: DismissalsService,
    private readonly clock: Clock,
    private readonly catalog: MovieCatalog,
    private readonly reads: ReadYourWrites,
  ) {}

  async ingest(events: readonly unknown[]): Promise<FeedbackBatchResponseDto> {
    const now = this.clock.now();
    const errors: FeedbackEventErrorDto[] = [];
    const valid: { index: number; event: FeedbackEvent }[] = [];
    events.forEach((raw, index) => {
      const parsed = parseFeedbackEvent(raw, now);
      if (typeof parsed === 'string') errors.push({ index, message: parsed });
      else valid.push({ index, event: parsed });
    });
    const movieOf = await this.resolveMovies(valid.map(({ event }) => event.movie));
    const resolved: { index: number; event: StoredEvent }[] = [];
    for (const { index, event } of valid) {
      const movieId = movieOf(event.movie);
      if (movieId === undefined)
        errors.push({ index, message: `${describe(event.movie)} is not in the catalog` });
      else resolved.push({ index, event: { ...event, movieId } });
    }
    let accepted = 0;
    if (resolved.length > 0) {
      const outcome = await this.store(resolved);
      errors.push(...outcome.errors);
      accepted = outcome.stored.length;
      // Committed: each user's next read shows it, and so do the rated movies' aggregates.
      for (const userId of outcome.userIds.values()) this.reads.wrote(userId);
      for (const event of outcome.stored)
        if (event.kind === 'rating') this.catalog.forgetAggregates(event.movieId);
    }
    errors.sort((a, b) => a.index - b.index);
    this.logger.debug('feedback batch stored', { received: events.length, accepted });
    return { received: events.length, accepted, errors };
  }

  /**
   * Stores the events in one transaction, their movies then their users locked first (FOR KEY
   * SHARE): answers the events stored, their users' ids, and the errors of those left out.
   *
   * The locks put the batch wholly before or wholly after a concurrent deletion of one of its
   * movies or users, where a row deleted between the reads above and the inserts used to fail a
   * foreign key (a 500). A deletion that comes first leaves the locking read without the row; one
   * that comes later waits for the commit and deletes what the batch stored with the rest. An
   * integrator sees what the same requests one after the other give:
   * - a movie deleted first: its events are reported as not in the catalog, as if it had gone
   *   before the batch came; the other events are stored;
   * - a user erased first (DELETE /v1/apps/users/:externalId): the batch makes the user again, as
   *   a new user, as a batch sent just after the erasure does at first sight. Its events are not
   *   errors: the answer would then depend on a race the app cannot see, while "made again"
   *   is what it gets from any batch after an erasure (to keep a user gone, stop sending their
   *   feedback, then erase them). Retrying the batch changes nothing either way.
   * Only a user made and erased by others between lockIds' statements, again and again, has
   * their events reported as errors.
   */
  private store(events: { index: number; event: StoredEvent }[]): Promise<StoreOutcome> {
    return this.users.transaction(async (manager) => {
      const errors: FeedbackEventErrorDto[] = [];
      const movieIds = await this.movies.lockExistingIds(
        events.map(({ event }) => event.movieId),
        manager,
      );
      const withMovie: typeof events = [];
      for (const { index, event } of events) {
        if (movieIds.has(event.movieId)) withMovie.push({ index, event });
        else errors.push({ index, message: `${describe(event.movie)} is not in the catalog` });
      }
      // Users are made for the events still to store only, so an event refused makes nobody.
      const userIds = await this.users.lockIds(
        withMovie.map(({ event }) => event.userId),
        manager,
      );
      const stored: StoredEvent[] = [];
      for (const { index, event } of withMovie) {
        if (userIds.has(event.userId)) stored.push(event);
        else errors.push({ index, message: `User ${event.userId} was erased during this batch` });
      }
      const rows = toBulkRows(stored, userIds);
      await this.ratings.upsertMany(rows.ratings, manager);
      await this.history.insertMany(rows.watches, manager);
      await this.dismissals.insertMany(rows.dismissals, manager);
      return { stored, userIds, errors };
    });
  }

  /** Our movie id of each reference, or undefined for one the catalog lacks. */
  private async resolveMovies(refs: MovieRef[]): Promise<(ref: MovieRef) => number | undefined> {
    const ids: number[] = [];
    const imdbIds: string[] = [];
    const tmdbIds: number[] = [];
    for (const ref of refs) {
      if ('movieId' in ref) ids.push(ref.movieId);
      else if ('imdbId' in ref) imdbIds.push(ref.imdbId);
      else tmdbIds.push(ref.tmdbId);
    }
    const [existing, byImdb, byTmdb] = await Promise.all([
      this.movies.findExistingIds(ids),
      this.movies.findIdsByImdb(imdbIds),
      this.movies.findIdsByTmdb(tmdbIds),
    ]);
    return (ref) => {
      if ('movieId' in ref) return existing.has(ref.movieId) ? ref.movieId : undefined;
      return 'imdbId' in ref ? byImdb.get(ref.imdbId) : byTmdb.get(ref.tmdbId);
    };
  }
}

function describe(ref: MovieRef): string {
  if ('movieId' in ref) return `Movie ${ref.movieId}`;
  return 'imdbId' in ref ? `IMDb id ${ref.imdbId}` : `TMDB id ${ref.tmdbId}`;
}

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
    const stored: StoredEvent[] = [];
    for (const { index, event } of valid) {
      const movieId = movieOf(event.movie);
      if (movieId === undefined)
        errors.push({ index, message: `${describe(event.movie)} is not in the catalog` });
      else stored.push({ ...event, movieId });
    }
    if (stored.length > 0) {
      const userIds = await this.store(stored);
      // Committed: each user's next read shows it, and so do the rated movies' aggregates.
      for (const userId of userIds.values()) this.reads.wrote(userId);
      for (const event of stored)
        if (event.kind === 'rating') this.catalog.forgetAggregates(event.movieId);
    }
    errors.sort((a, b) => a.index - b.index);
    this.logger.debug('feedback batch stored', {
      received: events.length,
      accepted: stored.length,
    });
    return { received: events.length, accepted: stored.length, errors };
  }

  /** Stores the events in one transaction; answers the user id of each app user id. */
  private store(events: StoredEvent[]): Promise<Map<string, number>> {
    return this.users.transaction(async (manager) => {
      const userIds = await this.users.ensureIds(
        events.map((e) => e.userId),
        manager,
      );
      const rows = toBulkRows(events, userIds);
      await this.ratings.upsertMany(rows.ratings, manager);
      await this.history.insertMany(rows.watches, manager);
      await this.dismissals.insertMany(rows.dismissals, manager);
      return userIds;
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

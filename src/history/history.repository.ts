import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/app-error';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../common/errors/pg-error';
import { HistoryPosition } from './history-cursor';
import { HISTORY_FIRST_PAGE_SQL, HISTORY_PAGE_BEFORE_SQL } from './history.sql';
import { WatchEvent } from './watch-event.entity';

export interface WatchRow {
  id: number;
  movieId: number;
  watchedAt: Date;
  progress: number;
  /** watched_at with microseconds, for the cursor. */
  cursorAt: string;
}

/** One feedback event of a user, rating or watch, for recommendations. */
export interface UserFeedbackRow {
  movieId: number;
  kind: 'rating' | 'watch';
  /** The rating (0.5..5) or the watched share (0..1). */
  value: number;
  /** Epoch seconds (a number, not a Date: parsing thousands of dates per request shows). */
  atSeconds: number;
}

@Injectable()
export class HistoryRepository {
  constructor(@InjectRepository(WatchEvent) private readonly events: Repository<WatchEvent>) {}

  /** An unknown movie fails the foreign key and becomes a NotFoundError. */
  async insert(
    userId: number,
    movieId: number,
    watchedAt: Date | null,
    progress: number,
  ): Promise<WatchRow> {
    try {
      const rows: WatchRow[] = await this.events.query(
        `INSERT INTO watch_history (user_id, movie_id, watched_at, progress)
         VALUES ($1, $2, coalesce($3, clock_timestamp()), $4)
         RETURNING id, movie_id AS "movieId", watched_at AS "watchedAt", progress, '' AS "cursorAt"`,
        [userId, movieId, watchedAt, progress],
      );
      return rows[0];
    } catch (error) {
      if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) {
        throw new NotFoundError(`Movie ${movieId} does not exist`);
      }
      throw error;
    }
  }

  /** Newest first, keyset-paged: `before` is the position of the last item already shown. */
  findPageForUser(
    userId: number,
    limit: number,
    before: HistoryPosition | null,
  ): Promise<WatchRow[]> {
    return before
      ? this.events.query(HISTORY_PAGE_BEFORE_SQL, [userId, limit, before.watchedAt, before.id])
      : this.events.query(HISTORY_FIRST_PAGE_SQL, [userId, limit]);
  }

  /**
   * A user's ratings and watches in one query, each side through its (user_id, ...) index,
   * for the recommendations module.
   */
  findUserFeedback(userId: number): Promise<UserFeedbackRow[]> {
    return this.events.query(
      `SELECT movie_id AS "movieId", 'rating' AS kind, rating::float8 AS value,
              extract(epoch FROM rated_at)::float8 AS "atSeconds"
         FROM ratings WHERE user_id = $1
       UNION ALL
       SELECT movie_id, 'watch', progress::float8, extract(epoch FROM watched_at)::float8
         FROM watch_history WHERE user_id = $1`,
      [userId],
    );
  }
}

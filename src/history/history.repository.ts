import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/app-error';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../common/errors/pg-error';
import { copyOut } from '../database/copy-out';
import { ReadYourWrites } from '../database/read-your-writes';
import { HistoryPosition } from './history-cursor';
import { HISTORY_FIRST_PAGE_SQL, HISTORY_PAGE_BEFORE_SQL } from './history.sql';
import { WatchEvent } from './watch-event.entity';

/** Watches side by side for insertMany (`watchedAt` null: now). */
export interface BulkWatchRows {
  userIds: number[];
  movieIds: number[];
  watchedAt: (Date | null)[];
  progress: number[];
}

export interface WatchRow {
  id: number;
  movieId: number;
  watchedAt: Date;
  progress: number;
  /** watched_at with microseconds, for the cursor. */
  cursorAt: string;
}

/**
 * A user's watches as recommendations read them (see RATING_FEEDBACK_OF_USER): one row per movie
 * with the most watched share (0..1) and the latest watch.
 */
export const WATCH_FEEDBACK_OF_USER = `SELECT movie_id, max(progress)::float8 AS value,
       extract(epoch FROM max(watched_at))::float8 AS at
  FROM watch_history WHERE user_id = $1 GROUP BY movie_id`;

/** Watches as the online metrics attribute them (see RATING_ATTRIBUTION): never positive. */
export const WATCH_ATTRIBUTION = `SELECT 2 AS kind, user_id, movie_id, watched_at AS at,
       recommendation_id, false AS positive
  FROM watch_history`;

@Injectable()
export class HistoryRepository {
  constructor(
    @InjectRepository(WatchEvent) private readonly events: Repository<WatchEvent>,
    private readonly reads: ReadYourWrites,
  ) {}

  /**
   * An unknown movie fails the foreign key and becomes a NotFoundError. `progress` is stored as
   * real (float4): it is rounded to float4 here, since a double below float4's range (1e-320) is
   * an error to PostgreSQL rather than a zero. The same watch again (user, movie and instant,
   * unique since migration 1795574401604) is the same row, keeping the most progress.
   */
  async insert(
    userId: number,
    movieId: number,
    watchedAt: Date | null,
    progress: number,
    recommendationId: string | null = null,
  ): Promise<WatchRow> {
    try {
      const rows: WatchRow[] = await this.events.query(
        `INSERT INTO watch_history (user_id, movie_id, watched_at, progress, recommendation_id)
         VALUES ($1, $2, coalesce($3, clock_timestamp()), $4, $5)
         ON CONFLICT (user_id, movie_id, watched_at)
         DO UPDATE SET progress = greatest(watch_history.progress, EXCLUDED.progress),
                       recommendation_id = coalesce(EXCLUDED.recommendation_id,
                                                    watch_history.recommendation_id)
         RETURNING id, movie_id AS "movieId", watched_at AS "watchedAt", progress, '' AS "cursorAt"`,
        [userId, movieId, watchedAt, Math.fround(progress), recommendationId],
      );
      return rows[0];
    } catch (error) {
      if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) {
        throw new NotFoundError(`Movie ${movieId} does not exist`);
      }
      throw error;
    }
  }

  /**
   * Many watches in one statement (arrays side by side; a null time is now), in the caller's
   * transaction, as insert() stores one. Movies must exist (the foreign key fails the statement),
   * and no (user, movie, time) may repeat within one call.
   */
  async insertMany(rows: BulkWatchRows, manager: EntityManager): Promise<void> {
    if (rows.userIds.length === 0) return;
    await manager.query(
      `INSERT INTO watch_history (user_id, movie_id, watched_at, progress)
       SELECT u, m, coalesce(t, clock_timestamp()), p
         FROM unnest($1::int[], $2::int[], $3::timestamptz[], $4::real[]) AS x(u, m, t, p)
       ON CONFLICT (user_id, movie_id, watched_at)
       DO UPDATE SET progress = greatest(watch_history.progress, EXCLUDED.progress)`,
      [rows.userIds, rows.movieIds, rows.watchedAt, rows.progress.map(Math.fround)],
    );
  }

  /**
   * Newest first, keyset-paged: `before` is the position of the last item already shown. On a
   * replica unless the user just wrote.
   */
  findPageForUser(
    userId: number,
    limit: number,
    before: HistoryPosition | null,
  ): Promise<WatchRow[]> {
    return this.reads.readOfUser(userId, async (db) => {
      const { rows } = before
        ? await db.query<WatchRow>(HISTORY_PAGE_BEFORE_SQL, [
            userId,
            limit,
            before.watchedAt,
            before.id,
          ])
        : await db.query<WatchRow>(HISTORY_FIRST_PAGE_SQL, [userId, limit]);
      return rows;
    });
  }

  /** One entry per (user, movie) with the most watched share and the latest time, streamed for training. */
  forEachWatchedPair(
    onRow: (userId: number, movieId: number, progress: number, atSeconds: number) => void,
  ): Promise<void> {
    return copyOut(
      this.events.manager.connection,
      `SELECT user_id, movie_id, max(progress)::float8, extract(epoch FROM max(watched_at))::float8
         FROM watch_history GROUP BY user_id, movie_id`,
      (f) => onRow(Number(f[0]), Number(f[1]), Number(f[2]), Number(f[3])),
    );
  }
}

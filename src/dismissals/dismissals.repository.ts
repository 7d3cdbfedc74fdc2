import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/app-error';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../common/errors/pg-error';
import { queryPageWithTotal } from '../database/page-with-total';
import { ReadYourWrites } from '../database/read-your-writes';
import { Dismissal } from './dismissal.entity';

/** Dismissals side by side for insertMany (`dismissedAt` null: now). */
export interface BulkDismissalRows {
  userIds: number[];
  movieIds: number[];
  dismissedAt: (Date | null)[];
}

export interface DismissalRow {
  movieId: number;
  dismissedAt: Date;
}

/**
 * A user's dismissals as recommendations read them (see RATING_FEEDBACK_OF_USER); the value
 * column is there only to match the other feedback tables' rows.
 */
export const DISMISSAL_FEEDBACK_OF_USER = `SELECT movie_id, 0::float8 AS value,
       extract(epoch FROM dismissed_at)::float8 AS at
  FROM dismissals WHERE user_id = $1`;

/** Every query on `dismissals`. */
@Injectable()
export class DismissalsRepository {
  constructor(
    @InjectRepository(Dismissal) private readonly dismissals: Repository<Dismissal>,
    private readonly reads: ReadYourWrites,
  ) {}

  /**
   * One statement, safe under concurrent writes: a second PUT of the same pair keeps the first
   * time (the no-op update lets RETURNING give the existing row). An unknown movie fails the
   * foreign key and becomes a NotFoundError.
   */
  async upsert(userId: number, movieId: number): Promise<DismissalRow> {
    try {
      const rows: DismissalRow[] = await this.dismissals.query(
        `INSERT INTO dismissals (user_id, movie_id, dismissed_at) VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (user_id, movie_id) DO UPDATE SET dismissed_at = dismissals.dismissed_at
         RETURNING movie_id AS "movieId", dismissed_at AS "dismissedAt"`,
        [userId, movieId],
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
   * Many dismissals in one statement (a null time is now), in the caller's transaction; a
   * movie already dismissed keeps its first time. Movies must exist.
   */
  async insertMany(rows: BulkDismissalRows, manager: EntityManager): Promise<void> {
    if (rows.userIds.length === 0) return;
    await manager.query(
      `INSERT INTO dismissals (user_id, movie_id, dismissed_at)
       SELECT u, m, coalesce(t, clock_timestamp())
         FROM unnest($1::int[], $2::int[], $3::timestamptz[]) AS x(u, m, t)
       ON CONFLICT (user_id, movie_id) DO NOTHING`,
      [rows.userIds, rows.movieIds, rows.dismissedAt],
    );
  }

  async delete(userId: number, movieId: number): Promise<boolean> {
    const result = await this.dismissals.delete({ userId, movieId });
    return (result.affected ?? 0) > 0;
  }

  /** Newest first, through dismissals_user_dismissed_at_idx; on a replica unless the user just wrote. */
  findPageForUser(
    userId: number,
    offset: number,
    limit: number,
  ): Promise<{ rows: DismissalRow[]; total: number }> {
    return this.reads.readOfUser(userId, (db) =>
      queryPageWithTotal<DismissalRow>(
        db,
        {
          text: `SELECT movie_id AS "movieId", dismissed_at AS "dismissedAt" FROM dismissals
                  WHERE user_id = $1 ORDER BY dismissed_at DESC, movie_id DESC LIMIT $2 OFFSET $3`,
          values: [userId, limit, offset],
        },
        {
          text: 'SELECT count(*)::int AS total FROM dismissals WHERE user_id = $1',
          values: [userId],
        },
      ),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/app-error';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '../common/errors/pg-error';
import { copyOut } from '../database/copy-out';
import { queryPageWithTotal } from '../database/page-with-total';
import { ReadYourWrites } from '../database/read-your-writes';
import { Rating } from './rating.entity';

/** One rating as recommendations read it (epoch seconds: parsing Dates per request shows). */
/**
 * A user's ratings as recommendations read them, fresh at every request through the user_id
 * index: (movie_id, value, at epoch seconds) for `$1` = the user. The recommendations module runs
 * it in one statement with the other feedback tables' (UserFeedbackReader); its text is owned here.
 */
export const RATING_FEEDBACK_OF_USER = `SELECT movie_id, rating::float8 AS value,
       extract(epoch FROM rated_at)::float8 AS at
  FROM ratings WHERE user_id = $1`;

/**
 * Ratings as the online metrics attribute them to impressions (ImpressionsRepository): kind 1,
 * the user, the movie, when, the recommendationId the rating request passed back, and whether
 * it is a positive one (4 stars or more). Joined on (user_id, movie_id), its unique index.
 */
export const RATING_ATTRIBUTION = `SELECT 1 AS kind, user_id, movie_id, rated_at AS at,
       recommendation_id, rating >= 4 AS positive
  FROM ratings`;

/** Ratings side by side for upsertMany (`ratedAt` null: now). */
export interface BulkRatingRows {
  userIds: number[];
  movieIds: number[];
  ratings: number[];
  ratedAt: (Date | null)[];
}

export interface RatingRow {
  movieId: number;
  rating: number;
  ratedAt: Date;
}

/**
 * Every query on `ratings`. The movies' rating_count/rating_mean follow each write through the
 * statement triggers of migration 1795574400102, in the same transaction.
 */
@Injectable()
export class RatingsRepository {
  constructor(
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
    private readonly reads: ReadYourWrites,
  ) {}

  /**
   * One statement, safe under concurrent writes: the unique (user_id, movie_id) makes a second
   * writer update the row the first inserted, and the last write wins. An unknown movie fails
   * the foreign key and becomes a NotFoundError (no check-then-insert race).
   */
  /** `recommendationId`: the list the rating came from, for attribution (null: none given). */
  async upsert(
    userId: number,
    movieId: number,
    rating: number,
    recommendationId: string | null = null,
  ): Promise<RatingRow> {
    try {
      const rows: RatingRow[] = await this.ratings.query(
        `INSERT INTO ratings (user_id, movie_id, rating, rated_at, recommendation_id)
         VALUES ($1, $2, $3, clock_timestamp(), $4)
         ON CONFLICT (user_id, movie_id)
         DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at,
                       recommendation_id = EXCLUDED.recommendation_id
         RETURNING movie_id AS "movieId", rating, rated_at AS "ratedAt"`,
        [userId, movieId, rating, recommendationId],
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
   * Many ratings in one statement (arrays side by side; a null time is now), in the caller's
   * transaction. Per (user, movie) the later rating wins, whatever the order of arrival: an
   * older event than the stored rating changes nothing, and the same event again is a no-op.
   * Movies must exist, and no (user, movie) may repeat within one call.
   */
  async upsertMany(rows: BulkRatingRows, manager: EntityManager): Promise<void> {
    if (rows.userIds.length === 0) return;
    // The statement fires two aggregate triggers, the insert's then the update's, and each locks
    // its movies in id order: two batches could each hold a movie from its first phase that the
    // other's second phase wants (seen in bench:feedback as "deadlock detected"). Locking every
    // movie of the batch in id order first, as the triggers' own lock does, leaves one order.
    await manager.query(
      `SELECT 1 FROM movies WHERE id = ANY($1::int[]) ORDER BY id FOR NO KEY UPDATE`,
      [rows.movieIds],
    );
    await manager.query(
      `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
       SELECT u, m, r, coalesce(t, clock_timestamp())
         FROM unnest($1::int[], $2::int[], $3::real[], $4::timestamptz[]) AS x(u, m, r, t)
       ON CONFLICT (user_id, movie_id)
       DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at
       WHERE ratings.rated_at <= EXCLUDED.rated_at`,
      [rows.userIds, rows.movieIds, rows.ratings, rows.ratedAt],
    );
  }

  /** Newest first, through ratings_user_rated_at_idx; on a replica unless the user just wrote. */
  findPageForUser(
    userId: number,
    offset: number,
    limit: number,
  ): Promise<{ rows: RatingRow[]; total: number }> {
    return this.reads.readOfUser(userId, (db) =>
      queryPageWithTotal<RatingRow>(
        db,
        {
          text: `SELECT movie_id AS "movieId", rating, rated_at AS "ratedAt" FROM ratings
                  WHERE user_id = $1 ORDER BY rated_at DESC, id DESC LIMIT $2 OFFSET $3`,
          values: [userId, limit, offset],
        },
        { text: 'SELECT count(*)::int AS total FROM ratings WHERE user_id = $1', values: [userId] },
      ),
    );
  }

  /** Every rating of one user (for recommendations), through ratings_user_rated_at_idx. */
  findAllForUser(userId: number): Promise<RatingRow[]> {
    return this.ratings.query(
      `SELECT movie_id AS "movieId", rating, rated_at AS "ratedAt" FROM ratings
        WHERE user_id = $1 ORDER BY rated_at DESC, id DESC`,
      [userId],
    );
  }

  async delete(userId: number, movieId: number): Promise<boolean> {
    const result = await this.ratings.delete({ userId, movieId });
    return (result.affected ?? 0) > 0;
  }

  /** Every rating as (user, movie, rating, epoch seconds), streamed for training. */
  forEachRating(
    onRow: (userId: number, movieId: number, rating: number, atSeconds: number) => void,
  ): Promise<void> {
    return copyOut(
      this.ratings.manager.connection,
      `SELECT user_id, movie_id, rating, extract(epoch FROM rated_at)::float8 FROM ratings`,
      (f) => onRow(Number(f[0]), Number(f[1]), Number(f[2]), Number(f[3])),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One thing a user told us about a movie: a rating, or a watch without a rating. */
export interface FeedbackRow {
  movieId: number;
  /** The rating, or null for a movie only watched. */
  rating: number | null;
  /** Epoch seconds of the latest rating or watch. */
  at: number;
}

/**
 * A user's ratings and watch history in one query over the (user_id, ...) indexes of both
 * tables, merged per movie: what scoring a request needs, read fresh so a rating made a moment
 * ago counts at once.
 */
@Injectable()
export class UserFeedbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findForUser(userId: number): Promise<FeedbackRow[]> {
    const rows: Array<{ movie_id: number; rating: number | null; at: number }> =
      await this.dataSource.query(
        `SELECT movie_id, max(rating) AS rating, max(at) AS at FROM (
         SELECT movie_id, rating, extract(epoch FROM rated_at)::float8 AS at FROM ratings WHERE user_id = $1
         UNION ALL
         SELECT movie_id, NULL, extract(epoch FROM watched_at)::float8 FROM watch_history WHERE user_id = $1
       ) AS feedback
       GROUP BY movie_id`,
        [userId],
      );
    return rows.map((row) => ({ movieId: row.movie_id, rating: row.rating, at: row.at }));
  }
}

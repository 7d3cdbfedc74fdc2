import { Injectable } from '@nestjs/common';
import { PreparedStatement, queryPrepared } from '../database/prepared-statement';
import { ReadYourWrites } from '../database/read-your-writes';
import { DISMISSAL_FEEDBACK_OF_USER } from '../dismissals/dismissals.repository';
import { WATCH_FEEDBACK_OF_USER } from '../history/history.repository';
import { RATING_FEEDBACK_OF_USER } from '../ratings/ratings.repository';
import { UserFeedback } from './user-feedback';

const RATING = 1;
const WATCH = 2;
const DISMISSAL = 3;

/**
 * Everything the user told us, in one round trip: each feedback table's query, as its module
 * writes it, in one prepared statement (kind, movie_id, value, at).
 */
const USER_FEEDBACK: PreparedStatement = {
  name: 'user_feedback',
  text: `SELECT ${RATING} AS kind, * FROM (${RATING_FEEDBACK_OF_USER}) r
         UNION ALL SELECT ${WATCH}, * FROM (${WATCH_FEEDBACK_OF_USER}) w
         UNION ALL SELECT ${DISMISSAL}, * FROM (${DISMISSAL_FEEDBACK_OF_USER}) d`,
};

const USER_DISMISSALS: PreparedStatement = {
  name: 'user_dismissals',
  text: DISMISSAL_FEEDBACK_OF_USER,
};

/**
 * Reads a user's ratings, watches and dismissals fresh at every request (each through its
 * user_id index), so feedback given a moment ago changes the very next list: from a read
 * replica, or from the primary right after the user's own write (ReadYourWrites).
 */
@Injectable()
export class UserFeedbackReader {
  constructor(private readonly reads: ReadYourWrites) {}

  /** `null`: a user with no feedback yet (an app's user before its first event). */
  async read(userId: number | null): Promise<UserFeedback> {
    const feedback: UserFeedback = { ratings: [], watches: [], dismissals: [] };
    if (userId === null) return feedback;
    const lists = { [RATING]: feedback.ratings, [WATCH]: feedback.watches };
    const rows = await this.reads.readOfUser(userId, (db) =>
      queryPrepared(db, USER_FEEDBACK, [userId]),
    );
    for (const [kind, movieId, value, at] of rows) {
      const row = { movieId: movieId as number, value: value as number, atSeconds: at as number };
      (lists[kind as typeof RATING] ?? feedback.dismissals).push(row);
    }
    return feedback;
  }

  /** The movies the user dismissed (for similar lists, which need nothing else). */
  async dismissedMovies(userId: number): Promise<Set<number>> {
    const rows = await this.reads.readOfUser(userId, (db) =>
      queryPrepared(db, USER_DISMISSALS, [userId]),
    );
    return new Set(rows.map(([movieId]) => movieId as number));
  }
}

import { Injectable } from '@nestjs/common';
import { PreparedStatement, queryPrepared } from '../database/prepared-statement';
import { ReadYourWrites } from '../database/read-your-writes';
import { DISMISSAL_FEEDBACK_OF_USER } from '../dismissals/dismissals.repository';
import { WATCH_FEEDBACK_OF_USER } from '../history/history.repository';
import { RATING_FEEDBACK_OF_USER } from '../ratings/ratings.repository';
import {
  PACKED_DISMISSAL,
  PACKED_RATING,
  PACKED_WATCH,
  decodePackedFeedback,
  packFeedbackSql,
} from './packed-feedback';
import { UserFeedback } from './user-feedback';

/**
 * Everything the user told us, in one round trip and one value: each feedback table's query,
 * as its module writes it, packed into a bytea (packed-feedback.ts says why).
 */
const USER_FEEDBACK: PreparedStatement = {
  name: 'user_feedback',
  text: packFeedbackSql(
    `SELECT ${PACKED_RATING} AS kind, * FROM (${RATING_FEEDBACK_OF_USER}) r
     UNION ALL SELECT ${PACKED_WATCH}, * FROM (${WATCH_FEEDBACK_OF_USER}) w
     UNION ALL SELECT ${PACKED_DISMISSAL}, * FROM (${DISMISSAL_FEEDBACK_OF_USER}) d`,
  ),
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
    if (userId === null) return decodePackedFeedback(null);
    const rows = await this.reads.readOfUser(userId, (db) =>
      queryPrepared(db, USER_FEEDBACK, [userId]),
    );
    return decodePackedFeedback(rows[0][0] as Buffer | null);
  }

  /** The movies the user dismissed (for similar lists, which need nothing else). */
  async dismissedMovies(userId: number): Promise<Set<number>> {
    const rows = await this.reads.readOfUser(userId, (db) =>
      queryPrepared(db, USER_DISMISSALS, [userId]),
    );
    return new Set(rows.map(([movieId]) => movieId as number));
  }
}

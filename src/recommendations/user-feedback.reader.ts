import { Injectable } from '@nestjs/common';
import { DismissalsRepository } from '../dismissals/dismissals.repository';
import { HistoryRepository } from '../history/history.repository';
import { RatingsRepository } from '../ratings/ratings.repository';
import { UserFeedback } from './user-feedback';

/**
 * Reads a user's ratings, watches and dismissals fresh at every request (each through its
 * user_id index, through the owning module's repository), so feedback given a moment ago
 * changes the very next list.
 */
@Injectable()
export class UserFeedbackReader {
  constructor(
    private readonly ratings: RatingsRepository,
    private readonly history: HistoryRepository,
    private readonly dismissals: DismissalsRepository,
  ) {}

  /** `null`: a user with no feedback yet (an app's user before its first event). */
  async read(userId: number | null): Promise<UserFeedback> {
    if (userId === null) return { ratings: [], watches: [], dismissals: [] };
    const [ratings, watches, dismissals] = await Promise.all([
      this.ratings.findFeedbackForUser(userId),
      this.history.findWatchesForUser(userId),
      this.dismissals.findFeedbackForUser(userId),
    ]);
    return { ratings, watches, dismissals };
  }

  /** The movies the user dismissed (for similar lists, which need nothing else). */
  async dismissedMovies(userId: number): Promise<Set<number>> {
    const rows = await this.dismissals.findFeedbackForUser(userId);
    return new Set(rows.map((row) => row.movieId));
  }
}

import type { BulkDismissalRows } from '../dismissals/dismissals.repository';
import type { BulkWatchRows } from '../history/history.repository';
import type { BulkRatingRows } from '../ratings/ratings.repository';
import type { FeedbackEvent } from './feedback-event';

/** A valid event whose movie is in the catalog. */
export type StoredEvent = FeedbackEvent & { movieId: number };

export interface BulkFeedbackRows {
  ratings: BulkRatingRows;
  watches: BulkWatchRows;
  dismissals: BulkDismissalRows;
}

/**
 * A batch's events as one set of arrays per table, so each table takes one statement:
 * - one rating per (user, movie): the latest `at` (no `at` is now, so latest; ties: the later
 *   event), as a single ON CONFLICT DO UPDATE statement may touch a row only once;
 * - one watch per (user, movie, `at`) with the most progress; the watches of a (user, movie)
 *   without `at` are one watch (each would be stamped at nearly the same instant);
 * - one dismissal per (user, movie), the earliest.
 * Rows are sorted by user and movie, so concurrent batches lock rows in one order (no deadlock).
 */
export function toBulkRows(
  events: readonly StoredEvent[],
  userIds: ReadonlyMap<string, number>,
): BulkFeedbackRows {
  const ratings = new Map<string, { user: number; event: StoredEvent }>();
  const watches = new Map<string, { user: number; event: StoredEvent }>();
  const dismissals = new Map<string, { user: number; event: StoredEvent }>();
  for (const event of events) {
    const user = userIds.get(event.userId)!;
    const pair = `${user}:${event.movieId}`;
    if (event.kind === 'rating') {
      const kept = ratings.get(pair);
      if (!kept || atOrNow(event) >= atOrNow(kept.event)) ratings.set(pair, { user, event });
    } else if (event.kind === 'watch') {
      const key = `${pair}:${event.at?.getTime() ?? 'now'}`;
      const kept = watches.get(key);
      if (!kept || event.value > kept.event.value) watches.set(key, { user, event });
    } else {
      const kept = dismissals.get(pair);
      if (!kept || atOrNow(event) < atOrNow(kept.event)) dismissals.set(pair, { user, event });
    }
  }
  const ordered = (rows: Map<string, { user: number; event: StoredEvent }>) =>
    [...rows.values()].sort((a, b) => a.user - b.user || a.event.movieId - b.event.movieId);
  const r = ordered(ratings);
  const w = ordered(watches);
  const d = ordered(dismissals);
  return {
    ratings: {
      userIds: r.map((x) => x.user),
      movieIds: r.map((x) => x.event.movieId),
      ratings: r.map((x) => x.event.value),
      ratedAt: r.map((x) => x.event.at),
    },
    watches: {
      userIds: w.map((x) => x.user),
      movieIds: w.map((x) => x.event.movieId),
      watchedAt: w.map((x) => x.event.at),
      progress: w.map((x) => x.event.value),
    },
    dismissals: {
      userIds: d.map((x) => x.user),
      movieIds: d.map((x) => x.event.movieId),
      dismissedAt: d.map((x) => x.event.at),
    },
  };
}

function atOrNow(event: StoredEvent): number {
  return event.at?.getTime() ?? Infinity;
}

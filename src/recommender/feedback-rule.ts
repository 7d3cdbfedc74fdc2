/**
 * How a user's ratings and watches of one movie become the single value the recommender learns
 * from and scores with. Written once: training (through mergeFeedback), serving (the fresh
 * feedback of a request) and `npm run evaluate` all apply these two functions, so offline
 * figures measure what the server does.
 */

/** What a watched but unrated movie counts as: an implicit "liked it enough to watch". */
export const WATCH_VALUE = 3.5;

/** The kinds of feedback on a (user, movie) pair. */
export type FeedbackKind = 'rating' | 'watch';

/**
 * The value one event gives its pair: a rating counts as given (0.5..5); a watch counts
 * WATCH_VALUE whatever its progress (0..1), which it receives for the day progress matters.
 */
export function feedbackValue(kind: FeedbackKind, ratingOrProgress: number): number {
  return kind === 'rating' ? ratingOrProgress : WATCH_VALUE;
}

/**
 * Whether an event decides its pair's value over the event that decides it now: explicit beats
 * implicit (a rating over a watch), and between two of the same kind the later one wins (ties
 * go to the newcomer, so the last of equal-time events wins as in input order). The pair's time
 * is the latest of all its events, whichever decides the value.
 */
export function decidesPairValue(
  isRating: boolean,
  time: number,
  currentIsRating: boolean,
  currentTime: number,
): boolean {
  return isRating !== currentIsRating ? isRating : time >= currentTime;
}

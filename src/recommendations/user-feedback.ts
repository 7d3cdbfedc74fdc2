import { FeedbackKind, PairFeedback, UserItem, foldFeedback } from '../recommender';

/** One piece of feedback on a movie (epoch seconds: parsing Dates per request shows). */
export interface FeedbackRow {
  movieId: number;
  /** The rating (0.5..5), the most watched share (0..1), or 0 for a dismissal. */
  value: number;
  atSeconds: number;
}

/** Everything a user told us, as a request reads it. */
export interface UserFeedback {
  ratings: FeedbackRow[];
  /** One row per movie: the most watched share and the latest watch. */
  watches: FeedbackRow[];
  dismissals: FeedbackRow[];
}

/** Every movie the user rated, watched or dismissed: none is ever recommended to them. */
export function seenOrDismissed(feedback: UserFeedback): number[] {
  return [...feedback.ratings, ...feedback.watches, ...feedback.dismissals].map((f) => f.movieId);
}

/**
 * The user's feedback on movies the model knows (`itemIndex`: movie id to item index), one
 * entry per movie, merged by the same rule as training's (src/recommender/feedback-rule.ts
 * foldFeedback). Dismissals enter as negative feedback, which training never sees.
 */
export function toUserItems(
  itemIndex: ReadonlyMap<number, number>,
  feedback: UserFeedback,
): UserItem[] {
  const items: UserItem[] = [];
  for (const [movieId, { value, timestamp }] of foldByMovie(feedback)) {
    const item = itemIndex.get(movieId);
    if (item !== undefined) items.push({ item, value, timestamp });
  }
  return items;
}

/** The merged feedback on one movie the model has not seen (added after its training). */
export interface UnseenFeedback {
  movieId: number;
  value: number;
  /** Epoch seconds of its latest event. */
  timestamp: number;
}

/**
 * The user's feedback on movies outside the model (those toUserItems leaves out), merged by the
 * same rule, the `limit` most recent first.
 */
export function unseenFeedback(
  itemIndex: ReadonlyMap<number, number>,
  feedback: UserFeedback,
  limit: number,
): UnseenFeedback[] {
  const unseen: UnseenFeedback[] = [];
  for (const [movieId, { value, timestamp }] of foldByMovie(feedback)) {
    if (!itemIndex.has(movieId)) unseen.push({ movieId, value, timestamp });
  }
  return unseen.sort((a, b) => b.timestamp - a.timestamp || b.movieId - a.movieId).slice(0, limit);
}

/** Each movie's feedback folded into one value (ratings, then watches, then dismissals). */
function foldByMovie(feedback: UserFeedback): Map<number, PairFeedback> {
  const byMovie = new Map<number, PairFeedback>();
  const add = (movieId: number, kind: FeedbackKind, raw: number, at: number): void => {
    byMovie.set(movieId, foldFeedback(byMovie.get(movieId), kind, raw, at));
  };
  for (const r of feedback.ratings) add(r.movieId, 'rating', r.value, r.atSeconds);
  for (const w of feedback.watches) add(w.movieId, 'watch', w.value, w.atSeconds);
  for (const d of feedback.dismissals) add(d.movieId, 'dismissal', 0, d.atSeconds);
  return byMovie;
}

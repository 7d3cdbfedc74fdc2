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

/** The merged feedback on one movie the model has not seen (added after its training). */
export interface UnseenFeedback {
  movieId: number;
  value: number;
  /** Epoch seconds of its latest event. */
  timestamp: number;
}

/** A user's feedback as a model reads it: see {@link feedbackForModel}. */
export interface FeedbackForModel {
  /** On movies the model knows, as its items. */
  userItems: UserItem[];
  /** On movies outside it, the `unseenLimit` most recent first. */
  unseen: UnseenFeedback[];
}

/**
 * The user's feedback, one entry per movie merged by the same rule as training's
 * (src/recommender/feedback-rule.ts foldFeedback; dismissals enter as negative feedback, which
 * training never sees), split in one pass into the movies the model knows (`itemIndex`: movie id
 * to item index) and those it has not seen.
 */
export function feedbackForModel(
  itemIndex: ReadonlyMap<number, number>,
  feedback: UserFeedback,
  unseenLimit: number,
): FeedbackForModel {
  const userItems: UserItem[] = [];
  const unseen: UnseenFeedback[] = [];
  for (const [movieId, { value, timestamp }] of foldByMovie(feedback)) {
    const item = itemIndex.get(movieId);
    if (item !== undefined) userItems.push({ item, value, timestamp });
    else unseen.push({ movieId, value, timestamp });
  }
  unseen.sort((a, b) => b.timestamp - a.timestamp || b.movieId - a.movieId);
  return { userItems, unseen: unseen.slice(0, unseenLimit) };
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

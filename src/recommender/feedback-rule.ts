/**
 * How a user's ratings, watches and dismissals of one movie become the single value the
 * recommender learns from and scores with, and how much that value pulls the movie's neighbours
 * up or pushes them down. Written once: training (through mergeFeedback), serving (the fresh
 * feedback of a request) and `npm run evaluate` all apply these functions, so offline figures
 * measure what the server does.
 *
 * Values are on the rating scale (0.5..5) whatever the kind of feedback, so one meaning of
 * "liked" serves them all. The scale is MovieLens' own, whose stars carry labels: 5 "must see",
 * 4 "will enjoy", 3 "it's OK", 2 "fairly bad", 1 "awful". Liked and disliked are read off that
 * fixed scale, not off the user's own mean: a user who rated eleven horror films 0.5 has a mean
 * of 0.5, and relative to it none of them would be disliked.
 */

/** The value that neither pulls up nor pushes down: halfway between "fairly bad" and "OK". */
export const NEUTRAL_VALUE = 2.5;

/**
 * Values at or above this are liked: named in explanations. Better than "it's OK"; a 3 still
 * pulls its neighbours up a little (watching it at all says something), but is no reason.
 */
export const LIKED_VALUE = 3.5;

/** What a watch to the end counts as: "will enjoy" (a partial watch counts less, see below). */
export const WATCH_VALUE = 4;

/** What "not interested" counts as: "awful". */
export const DISMISSAL_VALUE = 1;

/** The kinds of feedback on a (user, movie) pair. */
export type FeedbackKind = 'rating' | 'watch' | 'dismissal';

/**
 * The value one event gives its pair: a rating counts as given (0.5..5); a watch of share
 * `progress` (0..1) counts NEUTRAL_VALUE + progress * (WATCH_VALUE - NEUTRAL_VALUE), so an
 * abandoned start says nothing and a watch past two thirds is a like; a dismissal counts
 * DISMISSAL_VALUE.
 */
export function feedbackValue(kind: FeedbackKind, ratingOrProgress: number): number {
  if (kind === 'rating') return ratingOrProgress;
  if (kind === 'dismissal') return DISMISSAL_VALUE;
  const progress = Math.min(1, Math.max(0, ratingOrProgress));
  return NEUTRAL_VALUE + progress * (WATCH_VALUE - NEUTRAL_VALUE);
}

/** True when feedback of this value is a like (the only movies explanations name). */
export function isLiked(value: number): boolean {
  return value >= LIKED_VALUE;
}

/** How strongly low values push down, for {@link preferenceWeight}. */
export interface PreferenceOptions {
  /** Weight of the lowest value (0.5) against the highest's (5, weight 1); 0 ignores dislikes. */
  dislikeWeight: number;
}

/**
 * The signed weight a pair's value gives its neighbours when scoring the user's list:
 *   w(v) = sqrt((v - NEUTRAL_VALUE) / (5 - NEUTRAL_VALUE))                 for v >= NEUTRAL_VALUE
 *   w(v) = -dislikeWeight * (NEUTRAL_VALUE - v) / (NEUTRAL_VALUE - 0.5)    below it
 * 5 gives 1, 4 0.77, 3 0.45, 2.5 0, 2 -dislikeWeight / 4, 0.5 -dislikeWeight: monotone, and
 * negative (never pulling anything up) below 2.5. The square root keeps likes closer to one
 * another than a straight line would: on ml-latest-small the line cost 0.003-0.004 nDCG@10
 * under the published protocol for at most 0.004 under the liked-only one (docs/evaluation.md).
 */
export function preferenceWeight(value: number, options: PreferenceOptions): number {
  if (value >= NEUTRAL_VALUE) return Math.sqrt((value - NEUTRAL_VALUE) / (5 - NEUTRAL_VALUE));
  return (-options.dislikeWeight * (NEUTRAL_VALUE - value)) / (NEUTRAL_VALUE - 0.5);
}

/**
 * Which kind of event decides a pair's value over another: a rating says most, then "not
 * interested" (a user may have started a movie and then dismissed it), then a watch.
 */
const PRECEDENCE: Record<FeedbackKind, number> = { rating: 2, dismissal: 1, watch: 0 };

/**
 * Whether an event decides its pair's value over the event that decides it now: the kind with
 * the higher PRECEDENCE wins, and between two of the same kind the later one (ties go to the
 * newcomer, so the last of equal-time events wins as in input order). The pair's time is the
 * latest of all its events, whichever decides the value.
 */
export function decidesPairValue(
  kind: FeedbackKind,
  time: number,
  currentKind: FeedbackKind,
  currentTime: number,
): boolean {
  if (kind !== currentKind) return PRECEDENCE[kind] > PRECEDENCE[currentKind];
  return time >= currentTime;
}

/** The state of one (user, movie) pair while its events are folded in. */
export interface PairFeedback {
  value: number;
  /** Latest time of any of the pair's events. */
  timestamp: number;
  /** Kind and time of the event that decided `value`. */
  decidedBy: FeedbackKind;
  decidedAt: number;
}

/**
 * Folds one event into its pair by the rule above: `pair` undefined starts the pair (a new
 * state is returned), otherwise the state is updated in place and returned. The one merge step
 * that training (mergeFeedback) and serving (a request's feedback) share.
 */
export function foldFeedback(
  pair: PairFeedback | undefined,
  kind: FeedbackKind,
  ratingOrProgress: number,
  time: number,
): PairFeedback {
  const value = feedbackValue(kind, ratingOrProgress);
  if (!pair) return { value, timestamp: time, decidedBy: kind, decidedAt: time };
  pair.timestamp = Math.max(pair.timestamp, time);
  if (decidesPairValue(kind, time, pair.decidedBy, pair.decidedAt)) {
    pair.value = value;
    pair.decidedBy = kind;
    pair.decidedAt = time;
  }
  return pair;
}

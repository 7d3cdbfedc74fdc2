/** Where a list was shown. */
export type ImpressionSurface = 'user' | 'similar' | 'session';

/** One list of recommendations as it was shown: the unit the impressions buffer holds. */
export interface Impression {
  recommendationId: string;
  /** The signed-in user; null for a visitor (a session list, or similar movies without a token). */
  userId: number | null;
  surface: ImpressionSurface;
  /** The model that made the list; null when popularity served with no model. */
  modelVersion: number | null;
  /** The experiment the list was served under; null outside experiments. */
  experimentId: number | null;
  /** The experiment variant the user was in; null outside experiments. */
  variant: string | null;
  strategy: string;
  /** The movies in the order shown (position = index + 1). */
  movieIds: readonly number[];
  shownAt: Date;
}

/** What one tuning trial measures on the validation split, at k = 10. */
export interface ValidationFigures {
  /** nDCG@10 under the published protocol (every held-out rating relevant). */
  publishedNdcg: number;
  /** nDCG@10 under the liked-only protocol (held-out ratings >= 4 relevant). */
  likedOnlyNdcg: number;
  /** disliked@10: the share of the top 10 the user rated <= 2. */
  disliked: number;
}

/**
 * How far a candidate's published nDCG@10 may fall below the defaults' and still be chosen: the
 * loss issue 15 allows the default for a gain on the liked-only protocol.
 */
export const PUBLISHED_LOSS_ALLOWED = 0.005;

/**
 * The score tuning maximises, against the defaults' figures on the same split:
 *   (published nDCG@10 + liked-only nDCG@10) / 2 - max(0, disliked@10 - the defaults' disliked@10)
 * and -Infinity (never chosen) when the published nDCG@10 falls more than
 * PUBLISHED_LOSS_ALLOWED below the defaults'. The mean weighs the benchmark (every rating is
 * a sign of interest) and what users asked for (a list of movies they will like) alike; a rise
 * in the share of disliked movies shown costs one for one on top of the misses it already is.
 * The defaults score their own mean, so a point replaces them only when its mean, less any rise
 * in disliked@10, is higher.
 */
export function tuningScore(figures: ValidationFigures, defaults: ValidationFigures): number {
  if (figures.publishedNdcg < defaults.publishedNdcg - PUBLISHED_LOSS_ALLOWED) return -Infinity;
  const mean = (figures.publishedNdcg + figures.likedOnlyNdcg) / 2;
  return mean - Math.max(0, figures.disliked - defaults.disliked);
}

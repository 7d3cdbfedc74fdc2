/** What one tuning trial measures on the validation split, at k = 10. */
export interface ValidationFigures {
  /** nDCG@10 under the published protocol (every held-out rating relevant). */
  ndcgAt10: number;
  /** nDCG@10 under the liked-only protocol (held-out ratings >= 4 relevant). */
  likedOnlyNdcgAt10: number;
  /** disliked@10: the share of the top 10 the user rated <= 2. */
  dislikedAt10: number;
}

/** A trial's figures and each validation user's term of them, for paired comparisons. */
export interface ValidationMeasurement extends ValidationFigures {
  /**
   * Per validation user, in the same order in every trial: that user's term of
   * (published + liked-only) / 2 - disliked, so that the terms average to it.
   */
  perUser: Float64Array;
}

/**
 * How far a candidate's published nDCG@10 may fall below the defaults' and still be chosen: the
 * loss issue 15 allows the default for a gain on the liked-only protocol.
 */
export const PUBLISHED_LOSS_ALLOWED = 0.005;

/**
 * Standard errors of the paired difference a candidate's objective must clear before it beats
 * the defaults. A search compares some twenty candidates on one split: a candidate no better
 * than the defaults would clear one standard error by chance one time in six, two standard
 * errors one time in forty-four.
 */
export const NOISE_STANDARD_ERRORS = 2;

/**
 * The objective on the validation split, against the defaults' figures on the same split:
 *   (published nDCG@10 + liked-only nDCG@10) / 2 - max(0, disliked@10 - the defaults' disliked@10)
 * The mean weighs the benchmark (every rating is a sign of interest) and what users asked for
 * (a list of movies they will like) alike; a rise in the share of disliked movies shown costs
 * one for one on top of the misses it already is.
 */
export function tuningObjective(figures: ValidationFigures, defaults: ValidationFigures): number {
  const mean = (figures.ndcgAt10 + figures.likedOnlyNdcgAt10) / 2;
  return mean - Math.max(0, figures.dislikedAt10 - defaults.dislikedAt10);
}

/**
 * The score tuning maximises: the objective less NOISE_STANDARD_ERRORS standard errors of its
 * difference from the defaults, estimated from the per-user differences (a paired comparison:
 * the same users, lists from two models), so a candidate wins only by more than the split's
 * noise, which shrinks as the data set grows. -Infinity (never chosen) when its published
 * nDCG@10 falls more than PUBLISHED_LOSS_ALLOWED below the defaults'. The defaults score their
 * own objective exactly (no difference, no noise).
 */
export function tuningScore(
  measured: ValidationMeasurement,
  defaults: ValidationMeasurement,
): number {
  if (measured.ndcgAt10 < defaults.ndcgAt10 - PUBLISHED_LOSS_ALLOWED) return -Infinity;
  const noise = pairedStandardError(measured.perUser, defaults.perUser);
  return tuningObjective(measured, defaults) - NOISE_STANDARD_ERRORS * noise;
}

/** Standard error of the mean of a[u] - b[u] (sample standard deviation / sqrt(n)). */
export function pairedStandardError(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new Error('paired figures must cover the same users');
  const n = a.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let u = 0; u < n; u++) mean += (a[u] - b[u]) / n;
  let squares = 0;
  for (let u = 0; u < n; u++) squares += (a[u] - b[u] - mean) ** 2;
  return Math.sqrt(squares / (n - 1) / n);
}

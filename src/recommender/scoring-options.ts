import { OptionRules, resolveOptions } from './options';

/**
 * How a user's items are turned into scores at serving time.
 * - neighbourhood `candidate`: a candidate c scores sum over the user's items i in topK(c) of
 *   w_i * W(c, i) (neighbours taken among the candidate's top K); `item`: sum over the user's
 *   items i of w_i * W(i, c) for c in topK(i).
 * - w_i = the preference weight of the user's value (feedback-rule.ts preferenceWeight: 1 for
 *   5 stars, 0 for 3, down to -dislikeWeight for 0.5), or 1 (binary), the rating, or the rating
 *   minus the user's mean (user-centred), times 2^(-age / recencyHalfLifeDays) when that is
 *   above 0.
 * - below `thinHistory` items, content scores blend in with weight 1 - n / thinHistory; a
 *   positive content score is multiplied by (popularity / the most popular item's) ^
 *   `contentPopularity` first, so a thin history is matched to well-known films like the ones
 *   it holds rather than to any obscure film that shares their genres (0: content alone).
 */
export interface ScoringOptions {
  neighbourhood: 'candidate' | 'item';
  userWeighting: 'preference' | 'binary' | 'rating' | 'user-centred';
  /** With `preference`: the weight of a 0.5-star rating as a share of a 5-star one's. */
  dislikeWeight: number;
  recencyHalfLifeDays: number;
  thinHistory: number;
  contentPopularity: number;
}

export const DEFAULT_SCORING_OPTIONS: Readonly<ScoringOptions> = Object.freeze({
  neighbourhood: 'candidate',
  userWeighting: 'preference',
  dislikeWeight: 0.5,
  recencyHalfLifeDays: 0,
  thinHistory: 5,
  contentPopularity: 0.5,
});

const RULES: OptionRules<ScoringOptions> = {
  neighbourhood: { kind: 'enum', values: ['candidate', 'item'] },
  userWeighting: { kind: 'enum', values: ['preference', 'binary', 'rating', 'user-centred'] },
  dislikeWeight: { kind: 'number', min: 0, max: 100 },
  recencyHalfLifeDays: { kind: 'number', min: 0, max: 1e6 },
  thinHistory: { kind: 'number', min: 0, max: 1000, integer: true },
  contentPopularity: { kind: 'number', min: 0, max: 4 },
};

/** Validates scoring options over the defaults. */
export function resolveScoringOptions(input: unknown = {}): ScoringOptions {
  return resolveOptions(DEFAULT_SCORING_OPTIONS, RULES, input);
}

import { OptionRules, resolveOptions } from '../options';

/** How each rating enters the item vectors that similarities are computed from. */
export type VectorKind = 'binary' | 'rating' | 'user-centred';

/**
 * Options of the item-item neighbour table. For a row item t and a neighbour n:
 *   sim(t, n)    = dot(t, n) / (|t|^(2 alpha) * |n|^(2 (1 - alpha)) + shrinkage)
 *   weight(t, n) = sim(t, n)^sharpen / count(n)^popularityDamping
 * kept when at least `minSupport` users share t and n and weight > 0, top `neighbours` per t.
 * with |t| the L2 norm of item t's vector (for binary vectors |t|^2 is t's interaction count).
 * alpha = 0.5 is the cosine; other values make it asymmetric (Aiolli 2013).
 */
export interface ItemKnnOptions {
  /** K: neighbours kept per item. */
  neighbours: number;
  /** Minimum number of users who interacted with both items. */
  minSupport: number;
  /** Added to the denominator: pulls similarities resting on few users towards 0. */
  shrinkage: number;
  /** Asymmetric cosine exponent on the row item's norm (0.5 = cosine). */
  alpha: number;
  /** Exponent applied to the similarity (1 = none; above 1 favours the strongest neighbours). */
  sharpen: number;
  /** beta of RP3beta: divides by the neighbour's interaction count to this power. */
  popularityDamping: number;
  vectors: VectorKind;
  /**
   * rho: each user's entries are scaled by (that user's interaction count)^-rho, so heavy users
   * weigh less in the co-ratings (as the 1 / |u| step of RP3). 0 = off.
   */
  userDamping: number;
  /** Only each user's most recent maxUserItems interactions enter the similarities (0 = all). */
  maxUserItems: number;
  /** delta: divide each neighbour row by (its sum)^delta after the top-K (0 = off, 1 = sum 1). */
  normalizeRows: number;
}

export const DEFAULT_ITEM_KNN_OPTIONS: Readonly<ItemKnnOptions> = Object.freeze({
  neighbours: 100,
  minSupport: 2,
  shrinkage: 10,
  alpha: 0.2,
  sharpen: 2,
  popularityDamping: 0,
  vectors: 'binary',
  userDamping: 0,
  maxUserItems: 500,
  normalizeRows: 0,
});

const RULES: OptionRules<ItemKnnOptions> = {
  neighbours: { kind: 'number', min: 1, max: 10000, integer: true },
  minSupport: { kind: 'number', min: 1, max: 1e6, integer: true },
  shrinkage: { kind: 'number', min: 0, max: 1e6 },
  alpha: { kind: 'number', min: 0, max: 1 },
  sharpen: { kind: 'number', min: 0.1, max: 10 },
  popularityDamping: { kind: 'number', min: 0, max: 2 },
  vectors: { kind: 'enum', values: ['binary', 'rating', 'user-centred'] },
  userDamping: { kind: 'number', min: 0, max: 2 },
  maxUserItems: { kind: 'number', min: 0, max: 1e7, integer: true },
  normalizeRows: { kind: 'number', min: 0, max: 1 },
};

/** True when every vector entry is 1, so dot products are co-rating counts. */
export function hasBinaryVectors(options: ItemKnnOptions): boolean {
  return options.vectors === 'binary' && options.userDamping === 0;
}

/** Validates item-kNN options over the defaults (unknown keys and out-of-range values refused). */
export function resolveItemKnnOptions(input: unknown = {}): ItemKnnOptions {
  return resolveOptions(DEFAULT_ITEM_KNN_OPTIONS, RULES, input);
}

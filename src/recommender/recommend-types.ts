/** One of the user's interactions as scoring sees it (dense item index). */
export interface UserItem {
  item: number;
  /** Rating (0.5..5) or implicit strength. */
  value: number;
  /** Epoch seconds. */
  timestamp: number;
  /** Set when `item` only stands in for feedback on a movie the model has not seen. */
  standIn?: StandIn;
}

/**
 * A known item counted in place of a movie outside the model (added after training), because
 * their content is alike. It pulls or pushes its neighbours as the movie's value would, times
 * `share`; it is never a reason, and never excluded as seen: the user has not seen it.
 */
export interface StandIn {
  /** How much of the value's weight it carries (0..1): scales its pull or push. */
  share: number;
  /** Names the unseen movie (e.g. its database id): a history counts it once. */
  unseen: number;
}

/** Restricts results: items must carry one of the genres in `genreMask` and pass `allow`. */
export interface ItemFilter {
  genreMask?: number;
  allow?: (item: number) => boolean;
}

/** Which path produced a list (the contract's `strategy`). */
export type Strategy = 'collaborative' | 'hybrid' | 'content' | 'popularity';

/** One of the user's own items that led to a recommendation, with its share of the score. */
export interface Reason {
  item: number;
  weight: number;
}

export interface Recommendation {
  item: number;
  score: number;
  reasons: Reason[];
}

export interface RecommendationList {
  strategy: Strategy;
  items: Recommendation[];
}

/** A request to {@link recommendForUser}. */
export interface RecommendRequest {
  limit: number;
  /** Epoch seconds, for recency weighting. */
  now: number;
  /** Items never to return besides the user's own (e.g. watched but not passed as items). */
  exclude?: Iterable<number>;
  filter?: ItemFilter;
  /** False: leave `reasons` empty (they cost a pass over each item's neighbours). Default true. */
  explain?: boolean;
}

/** True when `item` passes `filter` given the model's genre bitsets. */
export function passesFilter(
  genreBits: Uint32Array,
  item: number,
  filter: ItemFilter | undefined,
): boolean {
  if (!filter) return true;
  if (filter.genreMask !== undefined && (genreBits[item] & filter.genreMask) === 0) return false;
  return filter.allow ? filter.allow(item) : true;
}

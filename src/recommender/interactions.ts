import { PairFeedback, foldFeedback } from './feedback-rule';
import { RecommenderError } from './recommender-error';
import { countingOrder } from './sparse-rows';

/**
 * User-item events as parallel typed arrays (one entry per event), with dense user and item
 * indexes. `values` are ratings (0.5..5) or implicit strengths; `timestamps` are epoch seconds.
 */
export interface Interactions {
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly values: Float32Array;
  readonly timestamps: Float64Array;
}

/** An empty interaction table with room for `length` entries. */
export function allocateInteractions(length: number): Interactions {
  return {
    users: new Int32Array(length),
    items: new Int32Array(length),
    values: new Float32Array(length),
    timestamps: new Float64Array(length),
  };
}

/** Checks the four arrays have one length and the indexes are within [0, nUsers) / [0, nItems). */
export function assertInteractions(data: Interactions, nUsers: number, nItems: number): void {
  const n = data.users.length;
  if (data.items.length !== n || data.values.length !== n || data.timestamps.length !== n) {
    throw new RecommenderError('INVALID_INPUT', 'Interaction arrays must have the same length');
  }
  for (let e = 0; e < n; e++) {
    const u = data.users[e];
    const i = data.items[e];
    if (!(u >= 0 && u < nUsers && i >= 0 && i < nItems)) {
      throw new RecommenderError('INVALID_INPUT', `Interaction ${e} has an index out of range`);
    }
  }
}

/** Order of entries by (user, item): radix sort by item, then stably by user. */
function orderByUserItem(data: Interactions, nUsers: number, nItems: number): Int32Array {
  return countingOrder(data.users, nUsers, countingOrder(data.items, nItems));
}

/**
 * Merges ratings and watch history into one entry per (user, item), which is what training
 * needs, by the rule of feedback-rule.ts (foldFeedback). `watches.values` hold the watched share
 * (0..1). Dismissals never enter training: they are a user's own list's business, read fresh
 * when serving it.
 */
export function mergeFeedback(
  ratings: Interactions,
  watches: Interactions,
  nUsers: number,
  nItems: number,
): Interactions {
  const nRatings = ratings.users.length;
  const all = allocateInteractions(nRatings + watches.users.length);
  for (const key of ['users', 'items', 'values', 'timestamps'] as const) {
    all[key].set(ratings[key], 0);
    all[key].set(watches[key], nRatings);
  }
  const order = orderByUserItem(all, nUsers, nItems);
  const merged = allocateInteractions(order.length);
  let out = -1;
  let pair: PairFeedback | undefined;
  for (const e of order) {
    const kind = e < nRatings ? 'rating' : 'watch';
    const samePair =
      out >= 0 && merged.users[out] === all.users[e] && merged.items[out] === all.items[e];
    if (!samePair) {
      out++;
      merged.users[out] = all.users[e];
      merged.items[out] = all.items[e];
    }
    pair = foldFeedback(samePair ? pair : undefined, kind, all.values[e], all.timestamps[e]);
    merged.values[out] = pair.value;
    merged.timestamps[out] = pair.timestamp;
  }
  return sliceInteractions(merged, 0, out + 1);
}

/** Copies entries [start, end) into a new table. */
export function sliceInteractions(data: Interactions, start: number, end: number): Interactions {
  return {
    users: data.users.slice(start, end),
    items: data.items.slice(start, end),
    values: data.values.slice(start, end),
    timestamps: data.timestamps.slice(start, end),
  };
}

/** Entry positions grouped by a key: group g is `order[start[g] .. start[g + 1])`. */
export interface EntryGroups {
  start: Int32Array;
  order: Int32Array;
}

/** Groups entry positions by key (e.g. by user), keeping input order within a group. */
export function groupEntries(keys: Int32Array, nKeys: number): EntryGroups {
  const start = new Int32Array(nKeys + 1);
  for (const key of keys) start[key + 1]++;
  for (let g = 0; g < nKeys; g++) start[g + 1] += start[g];
  return { start, order: countingOrder(keys, nKeys) };
}

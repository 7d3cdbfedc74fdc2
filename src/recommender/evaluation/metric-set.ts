import { Interactions, groupEntries } from '../interactions';
import { Recommendation } from '../recommend-types';
import {
  averagePrecisionAtK,
  catalogCoverage,
  dislikedAtK,
  ndcgAtK,
  precisionAtK,
  recallAtK,
} from './metrics';

/** One user's ranked list, best first. */
export interface RankedList {
  user: number;
  items: number[];
  scores: number[];
}

/** A user's recommendations as the metrics read them. */
export function toRanked(user: number, recommendations: readonly Recommendation[]): RankedList {
  return {
    user,
    items: recommendations.map((entry) => entry.item),
    scores: recommendations.map((entry) => entry.score),
  };
}

/** Metrics at cut-off `k` averaged over the evaluated users, with `users` and `coverage`. */
export interface MetricSet {
  k: number;
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  coverage: number;
  /** disliked@k averaged over every list (only when the relevance names dislikes). */
  disliked?: number;
}

/** Which held-out entries (by their value) a protocol counts as relevant, and as disliked. */
export interface Relevance {
  isRelevant(value: number): boolean;
  /** Held-out entries the user turned down: never relevant, reported as disliked@k. */
  isDisliked?(value: number): boolean;
}

/** The published protocol: every held-out rating is relevant, whatever its value. */
export const EVERY_HELD_OUT: Relevance = Object.freeze({ isRelevant: () => true });

/** Held-out ratings at or above this are relevant under the liked-only protocol. */
export const LIKED_RATING = 4;
/** Held-out ratings at or below this are disliked under the liked-only protocol. */
export const DISLIKED_RATING = 2;

/**
 * The liked-only protocol: held-out ratings of 4 or more are relevant (MovieLens' "will enjoy"
 * and above, the usual convention), those of 2 or less are disliked ("fairly bad" and below):
 * misses like any other, counted apart as disliked@k. Ratings between are plain misses.
 */
export const LIKED_HELD_OUT: Relevance = Object.freeze({
  isRelevant: (value: number) => value >= LIKED_RATING,
  isDisliked: (value: number) => value <= DISLIKED_RATING,
});

/**
 * A MetricSet under the names ModelInfo and `npm run evaluate -- --json` show, each ranking
 * metric suffixed with its own k: `ndcgAt10` at k = 10, `ndcgAt20` at k = 20.
 */
export function labelMetrics(set: MetricSet): Record<string, number> {
  const { k } = set;
  return {
    k,
    users: set.users,
    [`precisionAt${k}`]: set.precision,
    [`recallAt${k}`]: set.recall,
    [`ndcgAt${k}`]: set.ndcg,
    [`mapAt${k}`]: set.map,
    coverage: set.coverage,
    ...(set.disliked !== undefined && { [`dislikedAt${k}`]: set.disliked }),
  };
}

/**
 * Calls `visit` for each list with the user's held-out items that `relevance` counts as
 * relevant and as disliked.
 */
function forEachJudgedList(
  lists: readonly RankedList[],
  test: Interactions,
  relevance: Relevance,
  visit: (list: RankedList, relevant: Set<number>, disliked: Set<number>, index: number) => void,
): void {
  const nUsers = lists.reduce((max, list) => Math.max(max, list.user + 1), 0);
  const groups = groupEntries(
    test.users.map((user) => Math.min(user, nUsers)),
    nUsers + 1,
  );
  lists.forEach((list, index) => {
    const relevant = new Set<number>();
    const disliked = new Set<number>();
    for (let p = groups.start[list.user]; p < groups.start[list.user + 1]; p++) {
      const e = groups.order[p];
      if (relevance.isRelevant(test.values[e])) relevant.add(test.items[e]);
      else if (relevance.isDisliked?.(test.values[e])) disliked.add(test.items[e]);
    }
    visit(list, relevant, disliked, index);
  });
}

/**
 * Averages each ranking metric over the lists whose user has at least one relevant held-out
 * item in `test` (`users` counts them; under EVERY_HELD_OUT that is every list), and disliked@k,
 * when `relevance` names dislikes, over every list. Coverage counts distinct items over all
 * lists against `nItems` (items in the data set).
 */
export function scoreLists(
  lists: readonly RankedList[],
  test: Interactions,
  nItems: number,
  k: number,
  relevance: Relevance = EVERY_HELD_OUT,
): MetricSet {
  const sums = { precision: 0, recall: 0, ndcg: 0, map: 0, disliked: 0 };
  let users = 0;
  forEachJudgedList(lists, test, relevance, (list, relevant, disliked) => {
    sums.disliked += dislikedAtK(list.items, disliked, k);
    if (relevant.size === 0) return;
    users++;
    sums.precision += precisionAtK(list.items, relevant, k);
    sums.recall += recallAtK(list.items, relevant, k);
    sums.ndcg += ndcgAtK(list.items, relevant, k);
    sums.map += averagePrecisionAtK(list.items, relevant, k);
  });
  const n = Math.max(users, 1);
  return {
    k,
    users,
    precision: sums.precision / n,
    recall: sums.recall / n,
    ndcg: sums.ndcg / n,
    map: sums.map / n,
    coverage: catalogCoverage(
      lists.map((list) => list.items.slice(0, k)),
      nItems,
    ),
    ...(relevance.isDisliked && { disliked: sums.disliked / Math.max(lists.length, 1) }),
  };
}

/**
 * Each list's own nDCG@k (NaN when its user has no relevant held-out item, so it is left out of
 * the average as in scoreLists) and disliked@k, in the order of `lists`: what a paired
 * comparison of two models on the same users needs.
 */
export function scoreEachList(
  lists: readonly RankedList[],
  test: Interactions,
  k: number,
  relevance: Relevance = EVERY_HELD_OUT,
): { ndcg: Float64Array; disliked: Float64Array } {
  const ndcg = new Float64Array(lists.length);
  const disliked = new Float64Array(lists.length);
  forEachJudgedList(lists, test, relevance, (list, relevantItems, dislikedItems, index) => {
    disliked[index] = dislikedAtK(list.items, dislikedItems, k);
    ndcg[index] = relevantItems.size > 0 ? ndcgAtK(list.items, relevantItems, k) : NaN;
  });
  return { ndcg, disliked };
}

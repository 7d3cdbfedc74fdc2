import { Interactions, groupEntries } from '../interactions';
import { averagePrecisionAtK, catalogCoverage, ndcgAtK, precisionAtK, recallAtK } from './metrics';

/** One user's ranked list, best first. */
export interface RankedList {
  user: number;
  items: number[];
  scores: number[];
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
}

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
  };
}

/**
 * Averages each metric over the lists' users against their held-out items in `test`; coverage
 * counts distinct items over all lists against `nItems` (items in the data set).
 */
export function scoreLists(
  lists: readonly RankedList[],
  test: Interactions,
  nItems: number,
  k: number,
): MetricSet {
  const nUsers = lists.reduce((max, list) => Math.max(max, list.user + 1), 0);
  const groups = groupEntries(
    test.users.map((user) => Math.min(user, nUsers)),
    nUsers + 1,
  );
  const sums = { precision: 0, recall: 0, ndcg: 0, map: 0 };
  for (const list of lists) {
    const relevant = new Set<number>();
    for (let p = groups.start[list.user]; p < groups.start[list.user + 1]; p++) {
      relevant.add(test.items[groups.order[p]]);
    }
    sums.precision += precisionAtK(list.items, relevant, k);
    sums.recall += recallAtK(list.items, relevant, k);
    sums.ndcg += ndcgAtK(list.items, relevant, k);
    sums.map += averagePrecisionAtK(list.items, relevant, k);
  }
  const n = Math.max(lists.length, 1);
  return {
    k,
    users: lists.length,
    precision: sums.precision / n,
    recall: sums.recall / n,
    ndcg: sums.ndcg / n,
    map: sums.map / n,
    coverage: catalogCoverage(
      lists.map((list) => list.items.slice(0, k)),
      nItems,
    ),
  };
}

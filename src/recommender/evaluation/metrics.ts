/**
 * Ranking metrics of one user's top-k list against that user's relevant held-out items, as the
 * contract's offline protocol defines them (there every held-out item is relevant, whatever its
 * rating; the liked-only protocol keeps those rated 4 or more). `ranked` is the list best first
 * (only its first k entries count); `relevant` the relevant held-out items.
 */

function hitsAt(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r])) hits++;
  return hits;
}

/** precision@k = hits in the top k / k (the denominator is k even when the list is shorter). */
export function precisionAtK(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number,
): number {
  return hitsAt(ranked, relevant, k) / k;
}

/** recall@k = hits in the top k / |relevant| (the held-out count, not min(k, |relevant|)). */
export function recallAtK(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number,
): number {
  return relevant.size === 0 ? 0 : hitsAt(ranked, relevant, k) / relevant.size;
}

/**
 * nDCG@k with binary gains: DCG = sum over hits at rank r (1-based, r <= k) of 1 / log2(r + 1),
 * divided by the ideal DCG = sum_{r=1..min(k, |relevant|)} 1 / log2(r + 1).
 */
export function ndcgAtK(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number,
): number {
  let dcg = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    if (relevant.has(ranked[r])) dcg += 1 / Math.log2(r + 2);
  }
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * MAP@k term of one user (average precision): sum over hits at rank r <= k of (hits within the
 * first r) / r, divided by |relevant| (the benchmark's `map`; not min(k, |relevant|)).
 */
export function averagePrecisionAtK(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number,
): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    if (relevant.has(ranked[r])) {
      hits++;
      sum += hits / (r + 1);
    }
  }
  return sum / relevant.size;
}

/**
 * disliked@k = held-out items the user disliked (rated 2 or less) among the top k / k: the share
 * of the list the user would have turned down (the denominator is k, as for precision).
 */
export function dislikedAtK(
  ranked: ArrayLike<number>,
  disliked: ReadonlySet<number>,
  k: number,
): number {
  return hitsAt(ranked, disliked, k) / k;
}

/** coverage = distinct items in all the lists / items in the data set. */
export function catalogCoverage(lists: Iterable<ArrayLike<number>>, nItems: number): number {
  const shown = new Set<number>();
  for (const list of lists) for (let r = 0; r < list.length; r++) shown.add(list[r]);
  return nItems === 0 ? 0 : shown.size / nItems;
}

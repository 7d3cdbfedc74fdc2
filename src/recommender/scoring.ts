import { contentScores } from './content/content-scores';
import { contentSimilarity } from './content/content-vectors';
import { RecommenderModel } from './model';
import {
  Reason,
  Recommendation,
  RecommendationList,
  RecommendRequest,
  Strategy,
  UserItem,
  passesFilter,
} from './recommend-types';
import { ScoringIndex, scoringIndex } from './scoring-index';
import { TopK } from './top-k';
import { userItemWeights } from './user-weights';

/** Explanations kept per recommended item. */
const MAX_REASONS = 3;

/**
 * Top `limit` items for a user from the user's own (item, value, timestamp) list: never an item
 * of that list nor of `exclude`, always passing the filter. Strategy: `popularity` with no
 * history; `collaborative` from the neighbour table; `hybrid` when the history is thinner than
 * `thinHistory` (score = lambda * cf / max cf + (1 - lambda) * content, lambda = n / thinHistory);
 * `content` when no neighbour reaches a candidate. Short lists are topped up by popularity.
 * Reasons are the user's items that contributed most, with their share of the score.
 */
export function recommendForUser(
  model: RecommenderModel,
  userItems: readonly UserItem[],
  request: RecommendRequest,
): RecommendationList {
  const weights = userItemWeights(userItems, model.params.scoring, request.now);
  const excluded = new Set<number>(request.exclude ?? []);
  for (const item of weights.keys()) excluded.add(item);
  const isAllowed = (c: number): boolean =>
    !excluded.has(c) && passesFilter(model.genreBits, c, request.filter);
  const index = scoringIndex(model);
  const nTouched = weights.size > 0 ? accumulate(index, weights) : 0;
  const { strategy, scores } = decideStrategy(model, index, weights, nTouched);
  const heap = new TopK(request.limit);
  const considered = strategy === 'collaborative' ? nTouched : model.itemIds.length;
  for (let x = 0; x < considered; x++) {
    const c = strategy === 'collaborative' ? index.touched[x] : x;
    // The cheap score test first: most candidates cannot enter the heap once it is full.
    if (scores[c] >= heap.threshold && isAllowed(c)) heap.push(c, scores[c]);
  }
  for (let x = 0; x < nTouched; x++) {
    index.scores[index.touched[x]] = 0;
    index.marked[index.touched[x]] = 0;
  }
  const items = heap.drain().map(({ index: item, score }): Recommendation => ({
    item,
    score,
    reasons: explain(model, index, strategy, weights, item),
  }));
  topUpByPopularity(items, index, request.limit, isAllowed);
  return { strategy, items };
}

/** Adds w_n * W(n, c) into the scratch scores; returns how many candidates were touched. */
function accumulate(index: ScoringIndex, weights: ReadonlyMap<number, number>): number {
  const { scoreRows, scores, touched, marked } = index;
  let nTouched = 0;
  for (const [n, weight] of weights) {
    for (let p = scoreRows.indptr[n]; p < scoreRows.indptr[n + 1]; p++) {
      const c = scoreRows.indices[p];
      if (marked[c] === 0) {
        marked[c] = 1;
        touched[nTouched++] = c;
      }
      scores[c] += weight * scoreRows.values[p];
    }
  }
  return nTouched;
}

function decideStrategy(
  model: RecommenderModel,
  index: ScoringIndex,
  weights: ReadonlyMap<number, number>,
  nTouched: number,
): { strategy: Strategy; scores: ArrayLike<number> } {
  const popularity = { strategy: 'popularity' as const, scores: model.popularity };
  if (weights.size === 0) return popularity;
  const thinHistory = model.params.scoring.thinHistory;
  if (nTouched > 0 && weights.size >= thinHistory) {
    return { strategy: 'collaborative', scores: index.scores };
  }
  const content = contentScores(model.content, weights);
  if (!content) {
    return nTouched > 0 ? { strategy: 'collaborative', scores: index.scores } : popularity;
  }
  if (nTouched === 0) return { strategy: 'content', scores: content };
  let maxCf = 0;
  for (let x = 0; x < nTouched; x++) maxCf = Math.max(maxCf, index.scores[index.touched[x]]);
  const lambda = weights.size / thinHistory;
  for (let c = 0; c < content.length; c++) {
    content[c] = lambda * (maxCf > 0 ? index.scores[c] / maxCf : 0) + (1 - lambda) * content[c];
  }
  return { strategy: 'hybrid', scores: content };
}

function explain(
  model: RecommenderModel,
  index: ScoringIndex,
  strategy: Strategy,
  weights: ReadonlyMap<number, number>,
  item: number,
): Reason[] {
  if (strategy === 'popularity') return [];
  if (strategy === 'content') return contentReasons(model, weights, item);
  return cfReasons(index, weights, item);
}

/** The user's items with the largest contributions w_n * W(n, c) to candidate c. */
function cfReasons(index: ScoringIndex, weights: ReadonlyMap<number, number>, c: number): Reason[] {
  const { reasonRows } = index;
  const contributions: Reason[] = [];
  for (let p = reasonRows.indptr[c]; p < reasonRows.indptr[c + 1]; p++) {
    const weight = weights.get(reasonRows.indices[p]);
    if (weight !== undefined && weight * reasonRows.values[p] > 0) {
      contributions.push({ item: reasonRows.indices[p], weight: weight * reasonRows.values[p] });
    }
  }
  return toShares(contributions);
}

/** The user's items whose content is closest to c, weighted by the user's weight. */
function contentReasons(
  model: RecommenderModel,
  weights: ReadonlyMap<number, number>,
  c: number,
): Reason[] {
  if (model.content.dim === 0) return [];
  const contributions: Reason[] = [];
  for (const [item, weight] of weights) {
    const share = weight * contentSimilarity(model.content, item, c);
    if (share > 0) contributions.push({ item, weight: share });
  }
  return toShares(contributions);
}

/** Keeps the MAX_REASONS largest contributions, each as a share of all positive ones. */
function toShares(contributions: Reason[]): Reason[] {
  const total = contributions.reduce((sum, reason) => sum + reason.weight, 0);
  return contributions
    .sort((a, b) => b.weight - a.weight || a.item - b.item)
    .slice(0, MAX_REASONS)
    .map((reason) => ({ item: reason.item, weight: reason.weight / total }));
}

/** Appends the most popular allowed items not yet listed until the list has `limit` items. */
function topUpByPopularity(
  items: Recommendation[],
  index: ScoringIndex,
  limit: number,
  isAllowed: (item: number) => boolean,
): void {
  if (items.length >= limit) return;
  const listed = new Set(items.map((entry) => entry.item));
  for (const item of index.byPopularity) {
    if (items.length >= limit) return;
    if (!listed.has(item) && isAllowed(item)) items.push({ item, score: 0, reasons: [] });
  }
}

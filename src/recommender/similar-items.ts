import { contentSimilarity } from './content/content-vectors';
import { RecommenderModel } from './model';
import { ItemFilter, passesFilter } from './recommend-types';
import { toScoreScale } from './score-scale';
import { TopK } from './top-k';

/** A list of items like one item, and whether it came from co-ratings or content. */
export interface SimilarItems {
  strategy: 'collaborative' | 'content';
  /** Best first; `score` on the scale of score-scale.ts: 1 = the item's closest neighbour. */
  items: Array<{ item: number; score: number }>;
}

/**
 * Items most like `item`: its neighbour row (best first), filtered; an item without neighbours
 * (cold, or outside the EASE set) gets the items whose content is closest by cosine instead,
 * and an item with no content (no genre, no term) nothing. Never the item itself. Scores are
 * shares of the best neighbour's weight or cosine (before the filter, so it changes none).
 */
export function similarItems(
  model: RecommenderModel,
  item: number,
  limit: number,
  filter?: ItemFilter,
): SimilarItems {
  const { indptr, indices, values } = model.neighbours;
  let best = 0;
  for (let p = indptr[item]; p < indptr[item + 1]; p++) {
    if (indices[p] !== item) best = Math.max(best, values[p]);
  }
  const items: Array<{ item: number; score: number }> = [];
  for (let p = indptr[item]; p < indptr[item + 1] && items.length < limit; p++) {
    const other = indices[p];
    if (other !== item && values[p] > 0 && passesFilter(model.genreBits, other, filter)) {
      items.push({ item: other, score: toScoreScale(values[p], best) });
    }
  }
  if (items.length > 0 || model.content.dim === 0) return { strategy: 'collaborative', items };
  return closestByContent(model.itemIds.length, limit, filter, model.genreBits, (other) =>
    other === item ? 0 : contentSimilarity(model.content, item, other),
  );
}

/**
 * The `limit` items with the highest positive `similarity`, filtered, each scored as a share of
 * the highest over all items (filtered or not). Items with no content have similarity 0 to
 * everything, so they are never listed, nor given anything.
 */
export function closestByContent(
  nItems: number,
  limit: number,
  filter: ItemFilter | undefined,
  genreBits: Uint32Array,
  similarity: (other: number) => number,
): SimilarItems {
  const heap = new TopK(limit);
  let best = 0;
  for (let other = 0; other < nItems; other++) {
    const score = similarity(other);
    if (score <= 0) continue;
    best = Math.max(best, score);
    if (score >= heap.threshold && passesFilter(genreBits, other, filter)) heap.push(other, score);
  }
  return {
    strategy: 'content',
    items: heap
      .drain()
      .map(({ index, score }) => ({ item: index, score: toScoreScale(score, best) })),
  };
}

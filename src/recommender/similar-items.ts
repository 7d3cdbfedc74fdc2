import { contentSimilarity } from './content/content-vectors';
import { RecommenderModel } from './model';
import { ItemFilter, passesFilter } from './recommend-types';
import { TopK } from './top-k';

/** A list of items like one item, and whether it came from co-ratings or content. */
export interface SimilarItems {
  strategy: 'collaborative' | 'content';
  items: Array<{ item: number; score: number }>;
}

/**
 * Items most like `item`: its neighbour row (best first), filtered; an item without neighbours
 * (cold, or outside the EASE set) gets its closest items by content cosine instead. Never the
 * item itself.
 */
export function similarItems(
  model: RecommenderModel,
  item: number,
  limit: number,
  filter?: ItemFilter,
): SimilarItems {
  const { indptr, indices, values } = model.neighbours;
  const items: Array<{ item: number; score: number }> = [];
  for (let p = indptr[item]; p < indptr[item + 1] && items.length < limit; p++) {
    const other = indices[p];
    if (other !== item && passesFilter(model.genreBits, other, filter)) {
      items.push({ item: other, score: values[p] });
    }
  }
  if (items.length > 0 || model.content.dim === 0) return { strategy: 'collaborative', items };
  const heap = new TopK(limit);
  for (let other = 0; other < model.itemIds.length; other++) {
    if (other !== item && passesFilter(model.genreBits, other, filter)) {
      heap.push(other, contentSimilarity(model.content, item, other));
    }
  }
  return {
    strategy: 'content',
    items: heap.drain().map(({ index, score }) => ({ item: index, score })),
  };
}

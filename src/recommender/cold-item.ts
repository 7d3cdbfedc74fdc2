import { buildContentVectors } from './content/content-vectors';
import { emptyContentInput } from './content/content-features';
import { RecommenderModel } from './model';
import { ItemFilter, passesFilter } from './recommend-types';
import { SimilarItems } from './similar-items';
import { TopK } from './top-k';

/** What is known of a movie the model has not seen (added after the last training). */
export interface UnseenItemFeatures {
  /** Bits of the model's genres (`model.genreNames`). */
  genreBits: number;
  year: number | null;
}

/**
 * Content neighbours of a movie outside the model: its vector is built by the same
 * `buildContentVectors` as the model's own (genre and year blocks; it has no terms yet), and
 * compared by cosine with every item's vector. The genre block of a single item has equal
 * weights, where trained items weight rarer genres more: a close approximation for ranking.
 */
export function similarToUnseenItem(
  model: RecommenderModel,
  features: UnseenItemFeatures,
  limit: number,
  filter?: ItemFilter,
): SimilarItems {
  const input = emptyContentInput(1);
  input.nGenres = model.genreNames.length;
  input.genreBits[0] = features.genreBits;
  input.years[0] = features.year ?? NaN;
  const query = buildContentVectors(input, model.params.content);
  const { dim, values } = model.content;
  if (query.dim !== dim || dim === 0) return { strategy: 'content', items: [] };
  const heap = new TopK(limit);
  for (let item = 0; item < model.itemIds.length; item++) {
    if (!passesFilter(model.genreBits, item, filter)) continue;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += query.values[d] * values[item * dim + d];
    if (dot > 0) heap.push(item, dot);
  }
  return {
    strategy: 'content',
    items: heap.drain().map(({ index, score }) => ({ item: index, score })),
  };
}

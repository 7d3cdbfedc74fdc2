import { buildContentVectors } from './content/content-vectors';
import { emptyContentInput } from './content/content-features';
import { RecommenderModel } from './model';
import { ItemFilter } from './recommend-types';
import { SimilarItems, closestByContent } from './similar-items';

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
 * A movie with none of the model's genres has no content (a year alone is none), so it is like
 * nothing: the list is empty.
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
  return closestByContent(model.itemIds.length, limit, filter, model.genreBits, (item) => {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += query.values[d] * values[item * dim + d];
    return dot;
  });
}

import { buildContentVectors } from './content/content-vectors';
import { emptyContentInput } from './content/content-features';
import { RecommenderModel } from './model';
import { ItemFilter } from './recommend-types';
import { SimilarItems, closestByContent } from './similar-items';
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
 * A movie with none of the model's genres has no content (a year alone is none), so it is like
 * nothing: the list is empty.
 */
export function similarToUnseenItem(
  model: RecommenderModel,
  features: UnseenItemFeatures,
  limit: number,
  filter?: ItemFilter,
): SimilarItems {
  const cosine = cosineToUnseenItem(model, features);
  if (!cosine) return { strategy: 'content', items: [] };
  return closestByContent(model.itemIds.length, limit, filter, model.genreBits, cosine);
}

/** A known item in place of a movie outside the model, and how alike the two are. */
export interface StandInItem {
  item: number;
  /** Cosine of the two content vectors, in minSimilarity..1. */
  similarity: number;
}

/**
 * The `limit` known items whose content is closest to a movie outside the model, best first,
 * with their raw cosine (not rescaled as similarToUnseenItem's scores are: the cosine says how
 * far the item can speak for the movie), only those of at least `minSimilarity`. None for a
 * movie with no content.
 */
export function standInsForUnseenItem(
  model: RecommenderModel,
  features: UnseenItemFeatures,
  limit: number,
  minSimilarity: number,
): StandInItem[] {
  const cosine = cosineToUnseenItem(model, features);
  if (!cosine) return [];
  const heap = new TopK(limit);
  for (let item = 0; item < model.itemIds.length; item++) {
    const similarity = cosine(item);
    if (similarity > 0 && similarity >= Math.max(minSimilarity, heap.threshold)) {
      heap.push(item, similarity);
    }
  }
  return heap.drain().map(({ index, score }) => ({ item: index, similarity: Math.min(1, score) }));
}

/**
 * Cosine of each item's content vector with the movie's, built by the same
 * `buildContentVectors` as the model's own; null when either has no content.
 */
function cosineToUnseenItem(
  model: RecommenderModel,
  features: UnseenItemFeatures,
): ((item: number) => number) | null {
  const input = emptyContentInput(1);
  input.nGenres = model.genreNames.length;
  input.genreBits[0] = features.genreBits;
  input.years[0] = features.year ?? NaN;
  const query = buildContentVectors(input, model.params.content);
  const { dim, values } = model.content;
  if (query.dim !== dim || dim === 0) return null;
  return (item) => {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += query.values[d] * values[item * dim + d];
    return dot;
  };
}

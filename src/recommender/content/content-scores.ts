import { ContentVectors } from './content-vectors';

/**
 * Content score of every item for a user: the cosine between each item vector and the user
 * profile p = sum_i w_i v_i (item vectors are unit length, so score(c) = v_c . p / |p|).
 * Returns null when the catalog has no content or the profile is empty.
 */
export function contentScores(
  vectors: ContentVectors,
  weights: ReadonlyMap<number, number>,
): Float64Array | null {
  const { dim, values } = vectors;
  const nItems = dim > 0 ? values.length / dim : 0;
  const profile = new Float64Array(dim);
  for (const [item, weight] of weights) {
    for (let d = 0; d < dim; d++) profile[d] += weight * values[item * dim + d];
  }
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += profile[d] * profile[d];
  if (norm === 0) return null;
  norm = Math.sqrt(norm);
  const scores = new Float64Array(nItems);
  for (let c = 0; c < nItems; c++) {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += values[c * dim + d] * profile[d];
    scores[c] = dot / norm;
  }
  return scores;
}

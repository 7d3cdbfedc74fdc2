import { ContentVectors } from './content-vectors';

/**
 * Content score of every item for a user, from two profiles: p+ = sum of w_i v_i over the
 * items with w_i > 0 and p- = sum of |w_i| v_i over those with w_i < 0 (item vectors are unit
 * length):
 *   score(c) = (v_c . p+ - max(0, v_c . p-)) / (|p+| + |p-|)
 * With no negative weight that is the cosine between v_c and p+. A dislike only ever lowers a
 * score: an item unlike the disliked ones (v_c . p- < 0) gains nothing from them, which a single
 * signed profile would give it. Returns null when the catalog has no content or both profiles
 * are empty.
 */
export function contentScores(
  vectors: ContentVectors,
  weights: ReadonlyMap<number, number>,
): Float64Array | null {
  const { dim, values } = vectors;
  const nItems = dim > 0 ? values.length / dim : 0;
  const liked = new Float64Array(dim);
  const disliked = new Float64Array(dim);
  for (const [item, weight] of weights) {
    const profile = weight > 0 ? liked : disliked;
    const size = Math.abs(weight);
    for (let d = 0; d < dim; d++) profile[d] += size * values[item * dim + d];
  }
  const norm = Math.sqrt(dot(liked, liked)) + Math.sqrt(dot(disliked, disliked));
  if (norm === 0) return null;
  const scores = new Float64Array(nItems);
  for (let c = 0; c < nItems; c++) {
    let up = 0;
    let down = 0;
    for (let d = 0; d < dim; d++) {
      up += values[c * dim + d] * liked[d];
      down += values[c * dim + d] * disliked[d];
    }
    scores[c] = (up - Math.max(0, down)) / norm;
  }
  return scores;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d] * b[d];
  return sum;
}

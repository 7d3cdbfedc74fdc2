/**
 * EASE's weights over the movies of its dense solve: every one of them, with its sign. The
 * sparse table keeps each candidate's top positive weights (for explanations, similar movies and
 * the item-kNN fill); scoring sums this block instead for the movies it covers, since EASE's
 * quality is in the whole row, negative weights included (docs/evaluation.md, "Every weight of
 * the block").
 */
export interface DenseBlock {
  /** The item index of each block position. */
  items: Int32Array;
  /**
   * Row-major n x n: weights[a * n + b] = B[items[a]][items[b]], what the user's item at
   * position a gives the candidate at position b (0 where a = b).
   */
  weights: Float32Array;
}

/** The block from P = (G + lambda I)^-1 over `selected`: B[i][j] = -P[i][j] / P[j][j], B[j][j] = 0. */
export function denseBlockOf(inverse: Float64Array, selected: Int32Array): DenseBlock {
  const n = selected.length;
  const weights = new Float32Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a !== b) weights[a * n + b] = -inverse[a * n + b] / inverse[b * n + b];
    }
  }
  return { items: Int32Array.from(selected), weights };
}

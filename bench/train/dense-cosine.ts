import { Matrix } from 'ml-matrix';
import { DEFAULT_ITEM_KNN_OPTIONS, Interactions, SparseRows, TopK } from '../../src/recommender';

/** How the dense items x items product is formed with ml-matrix. */
export type DenseMethod = 'mmul' | 'gram';

/**
 * The naive design the core replaced: a dense users x items 0/1 matrix X, the dense items x
 * items co-occurrence G = X^T X (`mmul`: transpose then multiply, O(items^2 users) whatever the
 * sparsity; `gram`: ml-matrix's zero-skipping X^T X), the dense cosine matrix
 *   C[t][n] = G[t][n] / (sqrt(G[t][t]) sqrt(G[n][n]) + shrinkage)
 * and the top K of each row: the same similarity as the core's defaults (binary vectors,
 * alpha 0.5, shrinkage 10, K 100), so the two tables can be compared entry by entry.
 */
export function denseCosineTopK(
  data: Interactions,
  nUsers: number,
  nItems: number,
  method: DenseMethod,
): SparseRows {
  const { shrinkage, neighbours } = DEFAULT_ITEM_KNN_OPTIONS;
  const x = new Matrix(nUsers, nItems);
  for (let e = 0; e < data.users.length; e++) x.set(data.users[e], data.items[e], 1);
  const gram = method === 'mmul' ? x.transpose().mmul(x) : x.gram();
  const norms = Float64Array.from({ length: nItems }, (_, i) => Math.sqrt(gram.get(i, i)));
  const cosine = new Matrix(nItems, nItems);
  for (let t = 0; t < nItems; t++) {
    for (let n = 0; n < nItems; n++) {
      cosine.set(t, n, gram.get(t, n) / (norms[t] * norms[n] + shrinkage));
    }
  }
  const k = Math.min(neighbours, nItems - 1);
  const heap = new TopK(k);
  const indptr = new Int32Array(nItems + 1);
  const indices = new Int32Array(nItems * k);
  const values = new Float32Array(nItems * k);
  for (let t = 0; t < nItems; t++) {
    heap.clear();
    for (let n = 0; n < nItems; n++) {
      const similarity = cosine.get(t, n);
      if (n !== t && similarity > 0 && similarity > heap.threshold) heap.push(n, similarity);
    }
    indptr[t + 1] = indptr[t] + heap.drainInto(indices, values, indptr[t]);
  }
  const nnz = indptr[nItems];
  return {
    nRows: nItems,
    nCols: nItems,
    indptr,
    indices: indices.slice(0, nnz),
    values: values.slice(0, nnz),
  };
}

/**
 * How far two neighbour tables agree: the mean share of each row's neighbours found in the
 * other's row (ties at the K-th place can swap members), and the largest weight difference
 * of a neighbour both rows hold.
 */
export function compareTables(
  a: SparseRows,
  b: SparseRows,
): { overlap: number; maxWeightDiff: number } {
  let overlapSum = 0;
  let rows = 0;
  let maxWeightDiff = 0;
  const weightOf = new Map<number, number>();
  for (let t = 0; t < a.nRows; t++) {
    weightOf.clear();
    for (let p = b.indptr[t]; p < b.indptr[t + 1]; p++) weightOf.set(b.indices[p], b.values[p]);
    const length = a.indptr[t + 1] - a.indptr[t];
    if (length === 0 && weightOf.size === 0) continue;
    let shared = 0;
    for (let p = a.indptr[t]; p < a.indptr[t + 1]; p++) {
      const other = weightOf.get(a.indices[p]);
      if (other === undefined) continue;
      shared++;
      maxWeightDiff = Math.max(maxWeightDiff, Math.abs(other - a.values[p]));
    }
    overlapSum += shared / Math.max(length, weightOf.size);
    rows++;
  }
  return { overlap: rows > 0 ? overlapSum / rows : 1, maxWeightDiff };
}

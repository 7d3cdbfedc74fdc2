import { Matrix } from 'ml-matrix';
import { DEFAULT_ITEM_KNN_OPTIONS, Interactions, SparseRows, TopK } from '../../src/recommender';

/** How the dense items x items product is formed with ml-matrix. */
export type DenseMethod = 'mmul' | 'gram';

/**
 * The naive design the core replaced: a dense users x items 0/1 matrix X, the dense items x
 * items co-occurrence G = X^T X (`mmul`: transpose then multiply, O(items^2 users) whatever the
 * sparsity; `gram`: ml-matrix's zero-skipping X^T X), a dense similarity matrix and the top K of
 * each row. The similarity is the core's, with its default options read at run time (binary
 * vectors, so |t|^2 = G[t][t] = count(t)):
 *   S[t][n]      = G[t][n] / (G[t][t]^alpha * G[n][n]^(1 - alpha) + shrinkage)
 *   weight(t, n) = S[t][n]^sharpen / count(n)^popularityDamping,  kept when G[t][n] >= minSupport
 * and each row divided by (its sum)^normalizeRows, so the two tables can be compared entry by
 * entry. Options the dense form ignores (user damping, per-user caps) show up as lower overlap.
 */
export function denseCosineTopK(
  data: Interactions,
  nUsers: number,
  nItems: number,
  method: DenseMethod,
): SparseRows {
  const o = DEFAULT_ITEM_KNN_OPTIONS;
  const x = new Matrix(nUsers, nItems);
  for (let e = 0; e < data.users.length; e++) x.set(data.users[e], data.items[e], 1);
  const gram = method === 'mmul' ? x.transpose().mmul(x) : x.gram();
  const counts = Float64Array.from({ length: nItems }, (_, i) => gram.get(i, i));
  const similarity = new Matrix(nItems, nItems);
  for (let t = 0; t < nItems; t++) {
    const rowNorm = Math.pow(counts[t], o.alpha);
    for (let n = 0; n < nItems; n++) {
      const dot = gram.get(t, n);
      const denominator = rowNorm * Math.pow(counts[n], 1 - o.alpha) + o.shrinkage;
      similarity.set(t, n, dot >= o.minSupport && dot > 0 ? dot / denominator : 0);
    }
  }
  return topKRows(similarity, counts, nItems);
}

/** Top K of each dense row by the core's ranking key, turned into weights as the core does. */
function topKRows(similarity: Matrix, counts: Float64Array, nItems: number): SparseRows {
  const o = DEFAULT_ITEM_KNN_OPTIONS;
  const k = Math.min(o.neighbours, nItems - 1);
  const heap = new TopK(k);
  const indptr = new Int32Array(nItems + 1);
  const indices = new Int32Array(nItems * k);
  const values = new Float32Array(nItems * k);
  for (let t = 0; t < nItems; t++) {
    heap.clear();
    for (let n = 0; n < nItems; n++) {
      const s = similarity.get(t, n);
      const key = s > 0 ? s * Math.pow(counts[n], -o.popularityDamping / o.sharpen) : 0;
      if (n !== t && key > 0 && key > heap.threshold) heap.push(n, key);
    }
    const start = indptr[t];
    const end = start + heap.drainInto(indices, values, start);
    let sum = 0;
    for (let p = start; p < end; p++) sum += values[p] = Math.pow(values[p], o.sharpen);
    const scale = o.normalizeRows > 0 && sum > 0 ? Math.pow(sum, -o.normalizeRows) : 1;
    for (let p = start; p < end; p++) values[p] *= scale;
    indptr[t + 1] = end;
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

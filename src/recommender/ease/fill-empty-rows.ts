import { SparseRows } from '../sparse-rows';

function rowSum(table: SparseRows, r: number): number {
  let sum = 0;
  for (let p = table.indptr[r]; p < table.indptr[r + 1]; p++) sum += table.values[p];
  return sum;
}

/**
 * The median over rows filled in both tables of sum(primary row) / sum(fallback row): the
 * factor that puts fallback weights on the primary table's scale (1 when no row is shared).
 */
export function rowScale(primary: SparseRows, fallback: SparseRows): number {
  const ratios: number[] = [];
  for (let r = 0; r < primary.nRows; r++) {
    const fallbackSum = rowSum(fallback, r);
    const primarySum = rowSum(primary, r);
    if (primarySum > 0 && fallbackSum > 0) ratios.push(primarySum / fallbackSum);
  }
  if (ratios.length === 0) return 1;
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)];
}

/**
 * Rows empty in `primary` (EASE: movies outside its dense solve) taken from `fallback`
 * (item-kNN) times `scale`, so every movie with co-ratings keeps neighbours for scoring and for
 * "similar movies".
 */
export function fillEmptyRows(
  primary: SparseRows,
  fallback: SparseRows,
  scale: number,
): SparseRows {
  const n = primary.nRows;
  const pick = (r: number): SparseRows =>
    primary.indptr[r + 1] > primary.indptr[r] ? primary : fallback;
  const indptr = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    const source = pick(r);
    indptr[r + 1] = indptr[r] + source.indptr[r + 1] - source.indptr[r];
  }
  const indices = new Int32Array(indptr[n]);
  const values = new Float32Array(indptr[n]);
  for (let r = 0; r < n; r++) {
    const source = pick(r);
    const factor = source === primary ? 1 : scale;
    for (let p = source.indptr[r], q = indptr[r]; p < source.indptr[r + 1]; p++, q++) {
      indices[q] = source.indices[p];
      values[q] = source.values[p] * factor;
    }
  }
  return { nRows: n, nCols: n, indptr, indices, values };
}

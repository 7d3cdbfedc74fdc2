import { TrainingMatrixInput } from '../item-knn/train-item-knn';
import { buildRatingMatrices } from '../item-knn/item-vectors';
import { SparseRows } from '../sparse-rows';
import { TopK } from '../top-k';
import { DenseBlock, denseBlockOf } from './dense-block';
import { invertSpd } from './dense-spd-inverse';
import { SolveTimer, chooseEaseItems } from './ease-coverage';

/** Options of {@link trainEase}. */
export interface EaseOptions {
  /** L2 penalty; null: `lambdaScale` times the mean interaction count of the solve's movies. */
  lambda: number | null;
  /** λ per interaction of the solve's average movie, when `lambda` is null. */
  lambdaScale: number;
  /** Weights kept per candidate row of the sparse table. */
  neighbours: number;
  /** Only the most-interacted items up to this many enter the dense solve. */
  maxItems: number;
  /** Seconds the dense solve may take (see chooseEaseItems); 0: `maxItems` alone decides. */
  timeBudgetSeconds: number;
}

/** EASE's neighbour table, every weight of its dense solve, and how many movies it covered. */
export interface EaseResult {
  table: SparseRows;
  block: DenseBlock;
  items: number;
  /** The L2 penalty the solve used. */
  lambda: number;
}

/**
 * EASE (Steck 2019), the closed-form item-item model: with the binary user x item matrix X,
 *   P = (X^T X + lambda I)^-1,  B[i][j] = -P[i][j] / P[j][j],  B[j][j] = 0,
 * and score(u, j) = sum_i x_ui B[i][j]. The dense solve is O(n^3), so it runs on the n
 * most-interacted items only (n from the cap and the time budget, see chooseEaseItems); each candidate row j keeps its `neighbours` largest positive
 * B[i][j], giving the same sparse table (row = candidate) that item-kNN's candidate scoring reads;
 * the whole of B, signed, comes with it (DenseBlock) for scoring.
 */
export function trainEase(
  input: TrainingMatrixInput,
  options: EaseOptions,
  timer?: SolveTimer,
): EaseResult {
  const { byUser, byItem } = buildRatingMatrices(
    input.interactions,
    input.nUsers,
    input.nItems,
    'binary',
  );
  let available = 0;
  for (let i = 0; i < byItem.nRows; i++) if (byItem.indptr[i + 1] > byItem.indptr[i]) available++;
  const limits = {
    available,
    maxItems: options.maxItems,
    timeBudgetSeconds: options.timeBudgetSeconds,
  };
  const selected = mostInteracted(byItem, chooseEaseItems(limits, timer));
  const n = selected.length;
  const position = new Int32Array(input.nItems).fill(-1);
  selected.forEach((item, p) => (position[item] = p));
  const gram = new Float64Array(n * n);
  for (let u = 0; u < byUser.nRows; u++) {
    for (let p = byUser.indptr[u]; p < byUser.indptr[u + 1]; p++) {
      const a = position[byUser.indices[p]];
      if (a < 0) continue;
      for (let q = byUser.indptr[u]; q < byUser.indptr[u + 1]; q++) {
        const b = position[byUser.indices[q]];
        if (b >= 0) gram[a * n + b] += 1;
      }
    }
  }
  const lambda = options.lambda ?? options.lambdaScale * meanDiagonal(gram, n);
  for (let a = 0; a < n; a++) gram[a * n + a] += lambda;
  const block = denseBlockOf(invertSpd(gram, n), selected);
  const table = sparseCandidateRows(block, input.nItems, options.neighbours);
  return { table, block, items: n, lambda };
}

/**
 * The mean of X^T X's diagonal: the solve's movies' average interaction count. λ is added to
 * that diagonal, so what it does depends on its size relative to these counts, which grow with
 * the data set: the same λ that suits 100,000 ratings barely regularises 1,000,000. Measured
 * (docs/evaluation.md, "λ from the data"): the best λ was 300-500 on ml-latest-small, 500-700 on
 * the generated S and 2,000-4,000 on M, 6 to 12 times this mean on each.
 */
function meanDiagonal(gram: Float64Array, n: number): number {
  if (n === 0) return 0;
  let sum = 0;
  for (let a = 0; a < n; a++) sum += gram[a * n + a];
  return sum / n;
}

/** Indexes of the `limit` items with the most interactions (ties: lower index first). */
function mostInteracted(byItem: SparseRows, limit: number): Int32Array {
  const heap = new TopK(Math.min(limit, byItem.nRows));
  for (let i = 0; i < byItem.nRows; i++) {
    const count = byItem.indptr[i + 1] - byItem.indptr[i];
    if (count > 0) heap.push(i, count);
  }
  return Int32Array.from(heap.drain().map((entry) => entry.index));
}

/** Row j (candidate) of the table: the block's top positive B[i][j] over i != j. */
function sparseCandidateRows(block: DenseBlock, nItems: number, k: number): SparseRows {
  const { items, weights } = block;
  const n = items.length;
  const heap = new TopK(Math.min(k, Math.max(n - 1, 0)));
  const rows = new Array<{ indices: Int32Array; values: Float32Array }>(nItems);
  for (let j = 0; j < n; j++) {
    heap.clear();
    for (let i = 0; i < n; i++) {
      const weight = weights[i * n + j];
      if (i !== j && weight > 0 && weight > heap.threshold) heap.push(items[i], weight);
    }
    const indices = new Int32Array(heap.size);
    const values = new Float32Array(heap.size);
    heap.drainInto(indices, values, 0);
    rows[items[j]] = { indices, values };
  }
  return fromRows(rows, nItems);
}

function fromRows(
  rows: Array<{ indices: Int32Array; values: Float32Array } | undefined>,
  nItems: number,
): SparseRows {
  const indptr = new Int32Array(nItems + 1);
  for (let r = 0; r < nItems; r++) indptr[r + 1] = indptr[r] + (rows[r]?.indices.length ?? 0);
  const indices = new Int32Array(indptr[nItems]);
  const values = new Float32Array(indptr[nItems]);
  for (let r = 0; r < nItems; r++) {
    const row = rows[r];
    if (!row) continue;
    indices.set(row.indices, indptr[r]);
    values.set(row.values, indptr[r]);
  }
  return { nRows: nItems, nCols: nItems, indptr, indices, values };
}

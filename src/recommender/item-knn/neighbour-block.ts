import { SparseRows } from '../sparse-rows';
import { TopK } from '../top-k';
import { ItemKnnOptions, hasBinaryVectors } from './item-knn-options';

/** Neighbour rows of the items [itemStart, itemEnd): CSR with local row numbers. */
export interface NeighbourBlock {
  itemStart: number;
  itemEnd: number;
  /** Length (itemEnd - itemStart) + 1. */
  indptr: Int32Array<ArrayBuffer>;
  indices: Int32Array<ArrayBuffer>;
  weights: Float32Array<ArrayBuffer>;
}

/** Per-item factors computed once per training and shared by every block. */
export interface ItemFactors {
  /** |t|^(2 alpha), |t| the L2 norm of item t's vector. */
  rowNorm: Float64Array;
  /** |n|^(2 (1 - alpha)). */
  colNorm: Float64Array;
  /** count(n)^(-popularityDamping / sharpen): ranking key factor, see computeNeighbourBlock. */
  damping: Float64Array;
}

/** Computes the per-item factors of the similarity formula from the item-major CSR. */
export function computeItemFactors(byItem: SparseRows, options: ItemKnnOptions): ItemFactors {
  const n = byItem.nRows;
  const factors: ItemFactors = {
    rowNorm: new Float64Array(n),
    colNorm: new Float64Array(n),
    damping: new Float64Array(n),
  };
  for (let t = 0; t < n; t++) {
    let squares = 0;
    for (let p = byItem.indptr[t]; p < byItem.indptr[t + 1]; p++) {
      squares += byItem.values[p] * byItem.values[p];
    }
    const count = byItem.indptr[t + 1] - byItem.indptr[t];
    factors.rowNorm[t] = Math.pow(squares, options.alpha);
    factors.colNorm[t] = Math.pow(squares, 1 - options.alpha);
    factors.damping[t] =
      count > 0 ? Math.pow(count, -options.popularityDamping / options.sharpen) : 0;
  }
  return factors;
}

/** Reusable scratch space of one thread: accumulators of length nItems and a heap. */
interface Scratch {
  dot: Float64Array;
  support: Int32Array;
  touched: Int32Array;
  heap: TopK;
}

function createScratch(nItems: number, k: number): Scratch {
  return {
    dot: new Float64Array(nItems),
    support: new Int32Array(nItems),
    touched: new Int32Array(nItems),
    heap: new TopK(k),
  };
}

/**
 * Accumulates dot(t, n) and the co-rating support for every n sharing a user with t. With
 * binary vectors dot = support, so only the support is counted (the hot loop of training).
 */
function accumulateCoRatings(
  byUser: SparseRows,
  byItem: SparseRows,
  t: number,
  scratch: Scratch,
  isBinary: boolean,
): number {
  const { dot, support, touched } = scratch;
  const userStart = byUser.indptr;
  const userItems = byUser.indices;
  let nTouched = 0;
  for (let p = byItem.indptr[t]; p < byItem.indptr[t + 1]; p++) {
    const u = byItem.indices[p];
    const end = userStart[u + 1];
    if (isBinary) {
      for (let q = userStart[u]; q < end; q++) {
        const n = userItems[q];
        if (support[n]++ === 0) touched[nTouched++] = n;
      }
      continue;
    }
    const vt = byItem.values[p];
    for (let q = userStart[u]; q < end; q++) {
      const n = userItems[q];
      if (support[n]++ === 0) touched[nTouched++] = n;
      dot[n] += vt * byUser.values[q];
    }
  }
  return nTouched;
}

/** Scores the touched neighbours of t into the heap and resets the accumulators. */
function selectNeighbours(
  t: number,
  nTouched: number,
  factors: ItemFactors,
  options: ItemKnnOptions,
  scratch: Scratch,
): void {
  const { support, touched, heap } = scratch;
  const dot = hasBinaryVectors(options) ? support : scratch.dot;
  const rowNorm = factors.rowNorm[t];
  const { colNorm, damping } = factors;
  const { minSupport, shrinkage } = options;
  heap.clear();
  let threshold = -Infinity;
  for (let x = 0; x < nTouched; x++) {
    const n = touched[x];
    if (n !== t && support[n] >= minSupport && dot[n] > 0) {
      const similarity = dot[n] / (rowNorm * colNorm[n] + shrinkage);
      const key = similarity * damping[n];
      if (key > threshold) {
        heap.push(n, key);
        threshold = heap.threshold;
      }
    }
    support[n] = 0;
    scratch.dot[n] = 0;
  }
}

/**
 * The neighbour rows of items [itemStart, itemEnd): the unit of work of the training pool, pure
 * so that a worker thread, another process or a test can run it. For each row item t it streams
 * the co-ratings through t's users into dense accumulators of length nItems (reused, so memory
 * is O(nItems) per thread, never nItems^2), then keeps the top K by
 *   key = sim(t, n) * count(n)^(-beta / sharpen)
 * which ranks as weight = sim^sharpen / count(n)^beta does, and stores weight (see ItemKnnOptions).
 */
export function computeNeighbourBlock(
  byUser: SparseRows,
  byItem: SparseRows,
  itemStart: number,
  itemEnd: number,
  options: ItemKnnOptions,
  factors: ItemFactors = computeItemFactors(byItem, options),
): NeighbourBlock {
  const k = Math.min(options.neighbours, Math.max(byItem.nRows - 1, 0));
  const scratch = createScratch(byItem.nRows, k);
  const nRows = itemEnd - itemStart;
  const indptr = new Int32Array(nRows + 1);
  const indices = new Int32Array(nRows * k);
  const weights = new Float32Array(nRows * k);
  for (let t = itemStart; t < itemEnd; t++) {
    const nTouched = accumulateCoRatings(byUser, byItem, t, scratch, hasBinaryVectors(options));
    selectNeighbours(t, nTouched, factors, options, scratch);
    const start = indptr[t - itemStart];
    const count = scratch.heap.drainInto(indices, weights, start);
    finishRow(weights, start, start + count, options);
    indptr[t - itemStart + 1] = start + count;
  }
  const nnz = indptr[nRows];
  return {
    itemStart,
    itemEnd,
    indptr,
    indices: indices.slice(0, nnz),
    weights: weights.slice(0, nnz),
  };
}

/** Turns ranking keys into weights (key^sharpen), then divides the row by (its sum)^normalizeRows. */
function finishRow(
  weights: Float32Array,
  start: number,
  end: number,
  options: ItemKnnOptions,
): void {
  let sum = 0;
  for (let p = start; p < end; p++) {
    weights[p] = options.sharpen === 1 ? weights[p] : Math.pow(weights[p], options.sharpen);
    sum += weights[p];
  }
  if (options.normalizeRows > 0 && sum > 0) {
    const scale = Math.pow(sum, -options.normalizeRows);
    for (let p = start; p < end; p++) weights[p] *= scale;
  }
}

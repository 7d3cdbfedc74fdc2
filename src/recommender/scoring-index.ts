import { DenseBlock } from './ease/dense-block';
import { RecommenderModel } from './model';
import { SparseRows, transposeSparseRows } from './sparse-rows';

/** EASE's dense block as scoring reads it: where each item sits in it, and a scratch row. */
export interface BlockIndex extends DenseBlock {
  /** Block position of each item, -1 outside the block. */
  position: Int32Array;
  /** One row of sums, zero between calls. */
  scratch: Float64Array;
}

/**
 * Serving-side views derived once per model (cached by identity, so the model stays a plain
 * immutable value): the table to accumulate scores from, the table to read explanations from,
 * items by descending popularity, and reusable per-call scratch arrays.
 */
export interface ScoringIndex {
  /**
   * Row = a user's item n; entries = candidates c with the weight n gives c. With a dense block,
   * only candidates outside it: the block scores its own.
   */
  scoreRows: SparseRows;
  /** EASE's dense block, summed in place of the table for the candidates it covers. */
  block: BlockIndex | null;
  /** Row = a candidate c; entries = items n with the weight n gives c. */
  reasonRows: SparseRows;
  byPopularity: Int32Array;
  /** The highest popularity (0 for an empty model). */
  maxPopularity: number;
  scores: Float64Array;
  touched: Int32Array;
}

const cache = new WeakMap<RecommenderModel, ScoringIndex>();

/** The scoring index of `model`, built on first use (O(nnz) transpose plus a sort). */
export function scoringIndex(model: RecommenderModel): ScoringIndex {
  const cached = cache.get(model);
  if (cached) return cached;
  const forward = model.neighbours;
  const reverse = transposeSparseRows(forward);
  const candidateMode = model.params.scoring.neighbourhood === 'candidate';
  const nItems = model.itemIds.length;
  // The block is a candidate-mode sum (a candidate's whole column of B); the 'item'
  // neighbourhood reads the table alone.
  const block =
    candidateMode && model.easeBlock && model.easeBlock.items.length > 0
      ? blockIndex(model.easeBlock, nItems)
      : null;
  const byPopularity = Int32Array.from({ length: nItems }, (_, i) => i).sort(
    (a, b) => model.popularity[b] - model.popularity[a] || a - b,
  );
  const index: ScoringIndex = {
    scoreRows: !candidateMode ? forward : block ? outsideBlock(reverse, block) : reverse,
    block,
    reasonRows: candidateMode ? forward : reverse,
    byPopularity,
    maxPopularity: nItems > 0 ? model.popularity[byPopularity[0]] : 0,
    scores: new Float64Array(nItems),
    touched: new Int32Array(nItems),
  };
  cache.set(model, index);
  return index;
}

function blockIndex(block: DenseBlock, nItems: number): BlockIndex {
  const position = new Int32Array(nItems).fill(-1);
  block.items.forEach((item, p) => (position[item] = p));
  return { ...block, position, scratch: new Float64Array(block.items.length) };
}

/** `rows` without the entries whose column (candidate) is in the block. */
function outsideBlock(rows: SparseRows, block: BlockIndex): SparseRows {
  const indptr = new Int32Array(rows.nRows + 1);
  let kept = 0;
  for (let p = 0; p < rows.indices.length; p++) if (block.position[rows.indices[p]] < 0) kept++;
  const indices = new Int32Array(kept);
  const values = new Float32Array(kept);
  let q = 0;
  for (let r = 0; r < rows.nRows; r++) {
    for (let p = rows.indptr[r]; p < rows.indptr[r + 1]; p++) {
      if (block.position[rows.indices[p]] >= 0) continue;
      indices[q] = rows.indices[p];
      values[q++] = rows.values[p];
    }
    indptr[r + 1] = q;
  }
  return { nRows: rows.nRows, nCols: rows.nCols, indptr, indices, values };
}

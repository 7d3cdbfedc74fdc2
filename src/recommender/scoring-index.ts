import { RecommenderModel } from './model';
import { SparseRows, transposeSparseRows } from './sparse-rows';

/**
 * Serving-side views derived once per model (cached by identity, so the model stays a plain
 * immutable value): the table to accumulate scores from, the table to read explanations from,
 * items by descending popularity, and reusable per-call scratch arrays.
 */
export interface ScoringIndex {
  /** Row = a user's item n; entries = candidates c with the weight n gives c. */
  scoreRows: SparseRows;
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
  const byPopularity = Int32Array.from({ length: nItems }, (_, i) => i).sort(
    (a, b) => model.popularity[b] - model.popularity[a] || a - b,
  );
  const index: ScoringIndex = {
    scoreRows: candidateMode ? reverse : forward,
    reasonRows: candidateMode ? forward : reverse,
    byPopularity,
    maxPopularity: nItems > 0 ? model.popularity[byPopularity[0]] : 0,
    scores: new Float64Array(nItems),
    touched: new Int32Array(nItems),
  };
  cache.set(model, index);
  return index;
}

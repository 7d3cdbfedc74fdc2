/**
 * Compressed sparse rows: row r holds columns `indices[indptr[r] .. indptr[r+1])` with the
 * matching `values`. Used for ratings by user, ratings by item and the neighbour table.
 */
export interface SparseRows {
  readonly nRows: number;
  readonly nCols: number;
  /** Length nRows + 1; indptr[0] = 0, indptr[nRows] = nnz. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** How to allocate the arrays: `shared` puts them in SharedArrayBuffers for worker threads. */
export type ArrayMemory = 'local' | 'shared';

function allocInt32(length: number, memory: ArrayMemory): Int32Array {
  return memory === 'shared'
    ? new Int32Array(new SharedArrayBuffer(length * 4))
    : new Int32Array(length);
}

function allocFloat32(length: number, memory: ArrayMemory): Float32Array {
  return memory === 'shared'
    ? new Float32Array(new SharedArrayBuffer(length * 4))
    : new Float32Array(length);
}

/**
 * Builds CSR rows from coordinate triples by a two-pass radix sort (by column, then stably by
 * row), O(nnz + nRows + nCols), so every row comes out sorted by column. Duplicated (row, col)
 * pairs are kept as they are: callers deduplicate first (see `mergeFeedback`).
 */
export function buildSparseRows(
  rows: Int32Array,
  cols: Int32Array,
  values: Float32Array,
  nRows: number,
  nCols: number,
  memory: ArrayMemory = 'local',
): SparseRows {
  const byColumn = countingOrder(cols, nCols);
  const indptr = allocInt32(nRows + 1, memory);
  for (let e = 0; e < rows.length; e++) indptr[rows[e] + 1]++;
  for (let r = 0; r < nRows; r++) indptr[r + 1] += indptr[r];
  const next = indptr.slice(0, nRows);
  const indices = allocInt32(rows.length, memory);
  const sortedValues = allocFloat32(rows.length, memory);
  for (const e of byColumn) {
    const position = next[rows[e]]++;
    indices[position] = cols[e];
    sortedValues[position] = values[e];
  }
  return { nRows, nCols, indptr, indices, values: sortedValues };
}

/**
 * Stable counting sort: positions ordered by `keys[position]` (keys in [0, nKeys)). With
 * `within`, orders those positions instead of 0..n-1, keeping their relative order for equal
 * keys, so two passes make a radix sort by (second key, first key).
 */
export function countingOrder(
  keys: Int32Array,
  nKeys: number,
  within: Int32Array | null = null,
): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let e = 0; e < keys.length; e++) start[keys[e] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const order = new Int32Array(keys.length);
  for (let p = 0; p < keys.length; p++) {
    const e = within ? within[p] : p;
    order[start[keys[e]]++] = e;
  }
  return order;
}

/** The transpose (columns become rows), in O(nnz); rows of the result are sorted by column. */
export function transposeSparseRows(matrix: SparseRows, memory: ArrayMemory = 'local'): SparseRows {
  const rows = new Int32Array(matrix.indices.length);
  for (let r = 0; r < matrix.nRows; r++) {
    rows.fill(r, matrix.indptr[r], matrix.indptr[r + 1]);
  }
  return buildSparseRows(matrix.indices, rows, matrix.values, matrix.nCols, matrix.nRows, memory);
}

/** Number of stored entries of row `r`. */
export function rowLength(matrix: SparseRows, r: number): number {
  return matrix.indptr[r + 1] - matrix.indptr[r];
}

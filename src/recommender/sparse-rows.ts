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

/** Row pointers from the row of each entry: indptr[r + 1] - indptr[r] = entries in row r. */
function rowPointers(rows: Int32Array, nRows: number, memory: ArrayMemory): Int32Array {
  const indptr = allocInt32(nRows + 1, memory);
  for (let e = 0; e < rows.length; e++) indptr[rows[e] + 1]++;
  for (let r = 0; r < nRows; r++) indptr[r + 1] += indptr[r];
  return indptr;
}

/**
 * Builds CSR rows from coordinate triples: one counting-sort pass by row that reads the input
 * sequentially (input streamed by user, as ratings files and queries are, is also written
 * sequentially), then each row that is not already sorted by column is sorted.
 * O(nnz + nRows) plus the sorts of unsorted rows. Duplicated (row, col) pairs are kept as they
 * are: callers deduplicate first (see `mergeFeedback`).
 */
export function buildSparseRows(
  rows: Int32Array,
  cols: Int32Array,
  values: Float32Array,
  nRows: number,
  nCols: number,
  memory: ArrayMemory = 'local',
): SparseRows {
  const indptr = rowPointers(rows, nRows, memory);
  const next = indptr.slice(0, nRows);
  const indices = allocInt32(rows.length, memory);
  const sortedValues = allocFloat32(rows.length, memory);
  for (let e = 0; e < rows.length; e++) {
    const position = next[rows[e]]++;
    indices[position] = cols[e];
    sortedValues[position] = values[e];
  }
  for (let r = 0; r < nRows; r++) sortRow(indices, sortedValues, indptr[r], indptr[r + 1]);
  return { nRows, nCols, indptr, indices, values: sortedValues };
}

/**
 * Sorts entries [start, end) by column when they are not sorted yet: keys col * 2^22 + offset
 * (exact in a float64 for columns below 2^31 and rows below 2^22 entries) sorted natively.
 */
function sortRow(indices: Int32Array, values: Float32Array, start: number, end: number): void {
  let sorted = true;
  for (let p = start + 1; p < end && sorted; p++) sorted = indices[p - 1] <= indices[p];
  if (sorted) return;
  const keys = new Float64Array(end - start);
  for (let p = start; p < end; p++) keys[p - start] = indices[p] * 4194304 + (p - start);
  keys.sort();
  const rowValues = values.slice(start, end);
  for (let x = 0; x < keys.length; x++) {
    const offset = keys[x] % 4194304;
    indices[start + x] = (keys[x] - offset) / 4194304;
    values[start + x] = rowValues[offset];
  }
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

/**
 * The transpose (columns become rows), in O(nnz): rows are visited in order, so every row of the
 * result comes out sorted by column without a sort.
 */
export function transposeSparseRows(matrix: SparseRows, memory: ArrayMemory = 'local'): SparseRows {
  const { nRows, nCols, indptr, indices, values } = matrix;
  const outPtr = rowPointers(indices, nCols, memory);
  const next = outPtr.slice(0, nCols);
  const outIndices = allocInt32(indices.length, memory);
  const outValues = allocFloat32(indices.length, memory);
  for (let r = 0; r < nRows; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const position = next[indices[p]]++;
      outIndices[position] = r;
      outValues[position] = values[p];
    }
  }
  return { nRows: nCols, nCols: nRows, indptr: outPtr, indices: outIndices, values: outValues };
}

/** Number of stored entries of row `r`. */
export function rowLength(matrix: SparseRows, r: number): number {
  return matrix.indptr[r + 1] - matrix.indptr[r];
}

import { SparseRows } from './sparse-rows';

/**
 * How many items a like can lead to: the distinct columns that hold a positive weight in some
 * row of the neighbour table (a movie with no such entry is never a collaborative candidate,
 * only a content or popularity one). One pass over the entries, a byte per item.
 */
export function countReachableItems(neighbours: SparseRows): number {
  const reached = new Uint8Array(neighbours.nCols);
  let count = 0;
  const end = neighbours.indptr[neighbours.nRows];
  for (let e = 0; e < end; e++) {
    const column = neighbours.indices[e];
    if (neighbours.values[e] > 0 && reached[column] === 0) {
      reached[column] = 1;
      count++;
    }
  }
  return count;
}

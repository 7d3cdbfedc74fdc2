import { Interactions } from '../interactions';
import { SparseRows } from '../sparse-rows';

/** A permutation of item indexes: `order[rank]` is an item, `rank[item]` its position. */
export interface ItemRelabeling {
  order: Int32Array;
  rank: Int32Array;
}

/**
 * Items by descending interaction count (ties: lower index first). Training in this order keeps
 * the most touched accumulator entries together at the front, so the random increments of the
 * co-rating loop hit cache more often (measured on ML-25M-shaped data: 17 to 12.5 ns a step).
 */
export function popularityRelabeling(items: Int32Array, nItems: number): ItemRelabeling {
  const counts = new Int32Array(nItems);
  for (const item of items) counts[item]++;
  const order = Int32Array.from({ length: nItems }, (_, i) => i).sort(
    (a, b) => counts[b] - counts[a] || a - b,
  );
  const rank = new Int32Array(nItems);
  for (let r = 0; r < nItems; r++) rank[order[r]] = r;
  return { order, rank };
}

/** The interactions with every item replaced by its rank. */
export function relabelInteractions(data: Interactions, relabeling: ItemRelabeling): Interactions {
  return { ...data, items: data.items.map((item) => relabeling.rank[item]) };
}

/** Maps a table trained on ranks back to item indexes: rows and their entries. */
export function restoreTable(table: SparseRows, relabeling: ItemRelabeling): SparseRows {
  const { order, rank } = relabeling;
  const n = table.nRows;
  const indptr = new Int32Array(n + 1);
  for (let item = 0; item < n; item++) {
    const r = rank[item];
    indptr[item + 1] = indptr[item] + table.indptr[r + 1] - table.indptr[r];
  }
  const indices = new Int32Array(table.indices.length);
  const values = new Float32Array(table.values.length);
  for (let item = 0; item < n; item++) {
    const r = rank[item];
    for (let p = table.indptr[r], q = indptr[item]; p < table.indptr[r + 1]; p++, q++) {
      indices[q] = order[table.indices[p]];
      values[q] = table.values[p];
    }
  }
  return { nRows: n, nCols: n, indptr, indices, values };
}

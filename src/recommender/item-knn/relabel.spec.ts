import { buildSparseRows } from '../sparse-rows';
import { popularityRelabeling, relabelInteractions, restoreTable } from './relabel';

describe('popularity relabeling', () => {
  it('ranks items by count and restores a table trained on ranks', () => {
    const items = Int32Array.from([2, 2, 2, 0, 1, 1]);
    const relabeling = popularityRelabeling(items, 3);
    expect(Array.from(relabeling.order)).toEqual([2, 1, 0]);
    const data = {
      users: new Int32Array(6),
      items,
      values: new Float32Array(6),
      timestamps: new Float64Array(6),
    };
    expect(Array.from(relabelInteractions(data, relabeling).items)).toEqual([0, 0, 0, 2, 1, 1]);
    // In rank space: row 0 (item 2) -> rank 1 (item 1); row 2 (item 0) -> rank 0 (item 2).
    const ranked = buildSparseRows(
      Int32Array.from([0, 2]),
      Int32Array.from([1, 0]),
      Float32Array.from([0.5, 0.25]),
      3,
      3,
    );
    const restored = restoreTable(ranked, relabeling);
    expect(Array.from(restored.indptr)).toEqual([0, 1, 1, 2]);
    expect(Array.from(restored.indices)).toEqual([2, 1]);
    expect(Array.from(restored.values)).toEqual([0.25, 0.5]);
  });
});

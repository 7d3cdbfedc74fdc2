import { countReachableItems } from './reachable-items';
import { buildSparseRows } from './sparse-rows';

describe('countReachableItems', () => {
  it('counts the distinct columns with a positive weight in any row', () => {
    // Row 0 leads to 1 and 2; row 1 to 2 again and (negatively) to 3; row 2 to nothing; item 4
    // is in no row: 2 items reachable of 5.
    const table = buildSparseRows(
      Int32Array.from([0, 0, 1, 1]),
      Int32Array.from([1, 2, 2, 3]),
      Float32Array.from([0.5, 0.2, 0.9, -0.4]),
      5,
      5,
    );
    expect(countReachableItems(table)).toBe(2);
  });

  it('is 0 for an empty table', () => {
    const empty = buildSparseRows(new Int32Array(0), new Int32Array(0), new Float32Array(0), 3, 3);
    expect(countReachableItems(empty)).toBe(0);
  });
});

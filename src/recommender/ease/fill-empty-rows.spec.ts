import { SparseRows } from '../sparse-rows';
import { fillEmptyRows, rowScale } from './fill-empty-rows';

function table(rows: Array<Array<[number, number]>>): SparseRows {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    for (const [index, value] of row) {
      indices.push(index);
      values.push(value);
    }
    indptr.push(indices.length);
  }
  return {
    nRows: rows.length,
    nCols: rows.length,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
}

describe('fillEmptyRows', () => {
  const ease = table([[[1, 0.5]], [[0, 0.25]], []]);
  const knn = table([
    [[2, 2]],
    [[2, 1]],
    [
      [0, 4],
      [1, 2],
    ],
  ]);

  it('scales by the median ratio of row sums over rows both tables fill', () => {
    // Row 0: 0.5 / 2 = 0.25; row 1: 0.25 / 1 = 0.25.
    expect(rowScale(ease, knn)).toBeCloseTo(0.25, 12);
  });

  it('keeps filled rows and takes empty ones from the fallback, rescaled', () => {
    const merged = fillEmptyRows(ease, knn, 0.25);
    expect(Array.from(merged.indptr)).toEqual([0, 1, 2, 4]);
    expect(Array.from(merged.indices)).toEqual([1, 0, 0, 1]);
    expect(Array.from(merged.values)).toEqual([0.5, 0.25, 1, 0.5]);
  });
});

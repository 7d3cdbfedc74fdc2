import { buildSparseRows, transposeSparseRows } from './sparse-rows';

describe('buildSparseRows', () => {
  const rows = Int32Array.from([1, 0, 1, 2, 0]);
  const cols = Int32Array.from([2, 1, 0, 1, 0]);
  const values = Float32Array.from([5, 4, 3, 2, 1]);

  it('groups entries by row with each row sorted by column', () => {
    const matrix = buildSparseRows(rows, cols, values, 3, 3);
    expect(Array.from(matrix.indptr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(matrix.indices)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(matrix.values)).toEqual([1, 4, 3, 5, 2]);
  });

  it('transposes into column-major rows and back', () => {
    const matrix = buildSparseRows(rows, cols, values, 3, 3);
    const transposed = transposeSparseRows(matrix);
    expect(Array.from(transposed.indptr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(transposed.indices)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(transposed.values)).toEqual([1, 3, 4, 2, 5]);
    expect(transposeSparseRows(transposed)).toEqual(matrix);
  });

  it('allocates shared memory on request', () => {
    const matrix = buildSparseRows(rows, cols, values, 3, 3, 'shared');
    expect(matrix.indices.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});

describe('buildSparseRows on shuffled input', () => {
  it('sorts long unsorted rows and keeps every (row, col, value) triple', () => {
    const n = 2000;
    const rows = Int32Array.from({ length: n }, (_, e) => (e * 7) % 5);
    const cols = Int32Array.from({ length: n }, (_, e) => (e * 7919) % 1009);
    const values = Float32Array.from({ length: n }, (_, e) => e);
    const matrix = buildSparseRows(rows, cols, values, 5, 1009);
    const triples: string[] = [];
    for (let r = 0; r < 5; r++) {
      for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; p++) {
        if (p > matrix.indptr[r])
          expect(matrix.indices[p]).toBeGreaterThanOrEqual(matrix.indices[p - 1]);
        triples.push(`${r}:${matrix.indices[p]}:${matrix.values[p]}`);
      }
    }
    const expected = Array.from(rows, (r, e) => `${r}:${cols[e]}:${values[e]}`);
    expect(triples.sort()).toEqual(expected.sort());
  });
});

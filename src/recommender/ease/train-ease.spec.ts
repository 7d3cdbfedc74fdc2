import { SparseRows } from '../sparse-rows';
import { trainEase } from './train-ease';

/**
 * Users 0: {0}; 1: {0, 1}; 2: {1, 2}. Item 3 has no interactions. On items 0..2:
 *   X^T X = [[2, 1, 0], [1, 2, 1], [0, 1, 1]];  lambda = 1:  A = [[3, 1, 0], [1, 3, 1], [0, 1, 2]],
 *   det A = 3 (6 - 1) - 1 (2 - 0) = 13,
 *   P = A^-1 = adj(A) / 13 = [[5, -2, 1], [-2, 6, -3], [1, -3, 8]] / 13.
 * B = I - P diag(1 / diag P), that is B[i][j] = -P[i][j] / P[j][j] off the diagonal:
 *   column 0 (P00 = 5/13): B[1][0] = 2/5, B[2][0] = -1/5;
 *   column 1 (P11 = 6/13): B[0][1] = 1/3, B[2][1] = 1/2;
 *   column 2 (P22 = 8/13): B[0][2] = -1/8, B[1][2] = 3/8.
 * Row j of the table is candidate j: its positive B[i][j], best first.
 */
const INPUT = {
  nUsers: 3,
  nItems: 4,
  interactions: {
    users: Int32Array.from([0, 1, 1, 2, 2]),
    items: Int32Array.from([0, 0, 1, 1, 2]),
    values: Float32Array.from([5, 3, 4, 2, 1]),
    timestamps: new Float64Array(5),
  },
};

function rows(table: SparseRows): Array<Array<[number, number]>> {
  return Array.from({ length: table.nRows }, (_, r) =>
    Array.from(table.indices.subarray(table.indptr[r], table.indptr[r + 1]), (index, p) => [
      index,
      table.values[table.indptr[r] + p],
    ]),
  );
}

function expectRows(actual: SparseRows, expected: Array<Array<[number, number]>>): void {
  const got = rows(actual);
  expect(got.map((row) => row.map(([index]) => index))).toEqual(
    expected.map((row) => row.map(([index]) => index)),
  );
  expected.forEach((row, r) =>
    row.forEach(([, weight], p) => expect(got[r][p][1]).toBeCloseTo(weight, 6)),
  );
}

describe('trainEase', () => {
  it('keeps the positive B[i][j] = -P[i][j] / P[j][j] of each candidate, best first', () => {
    const table = trainEase(INPUT, {
      lambda: 1,
      lambdaScale: 8,
      neighbours: 10,
      maxItems: 10,
      timeBudgetSeconds: 0,
    }).table;
    expect(table.nRows).toBe(4);
    expect(table.nCols).toBe(4);
    expectRows(table, [
      [[1, 2 / 5]],
      [
        [2, 1 / 2],
        [0, 1 / 3],
      ],
      [[1, 3 / 8]],
      [],
    ]);
  });

  it('scales lambda from the mean interaction count of the solved movies when none is fixed', () => {
    // diag(X^T X) = (2, 2, 1): mean 5/3, so a scale of 0.6 gives the lambda = 1 solved above.
    const options = { neighbours: 10, maxItems: 10, timeBudgetSeconds: 0 };
    const scaled = trainEase(INPUT, { ...options, lambda: null, lambdaScale: 0.6 });
    const fixed = trainEase(INPUT, { ...options, lambda: 1, lambdaScale: 8 });
    expect(scaled.lambda).toBeCloseTo(1, 12);
    expect(fixed.lambda).toBe(1);
    expectRows(scaled.table, rows(fixed.table));
    expect(trainEase(INPUT, { ...options, lambda: null, lambdaScale: 3 }).lambda).toBeCloseTo(
      5,
      12,
    );
  });

  it('keeps every B[i][j] of the solve, signed, in the dense block', () => {
    const { block } = trainEase(INPUT, {
      lambda: 1,
      lambdaScale: 8,
      neighbours: 1,
      maxItems: 10,
      timeBudgetSeconds: 0,
    });
    // B[i][j] from the worked P above; 0 on the diagonal. Item 3 has no interactions.
    const B = [
      [0, 1 / 3, -1 / 8],
      [2 / 5, 0, 3 / 8],
      [-1 / 5, 1 / 2, 0],
    ];
    expect([...block.items].sort()).toEqual([0, 1, 2]);
    const n = block.items.length;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const expected = B[block.items[a]][block.items[b]];
        expect(block.weights[a * n + b]).toBeCloseTo(expected, 6);
      }
    }
  });

  it('keeps only `neighbours` weights per candidate', () => {
    const table = trainEase(INPUT, {
      lambda: 1,
      lambdaScale: 8,
      neighbours: 1,
      maxItems: 10,
      timeBudgetSeconds: 0,
    }).table;
    expectRows(table, [[[1, 2 / 5]], [[2, 1 / 2]], [[1, 3 / 8]], []]);
  });

  it('solves on the maxItems most-interacted items only', () => {
    // Items 0 and 1 (two users each): A = [[3, 1], [1, 3]], P = [[3, -1], [-1, 3]] / 8,
    // B[0][1] = B[1][0] = (1/8) / (3/8) = 1/3; item 2 is left out of the solve.
    const table = trainEase(INPUT, {
      lambda: 1,
      lambdaScale: 8,
      neighbours: 10,
      maxItems: 2,
      timeBudgetSeconds: 0,
    }).table;
    expectRows(table, [[[1, 1 / 3]], [[0, 1 / 3]], [], []]);
  });

  it('reports how many movies it covered: never more than have interactions', () => {
    // Three movies have interactions, under the calibration size: no timing, all of them.
    const options = {
      lambda: 1,
      lambdaScale: 8,
      neighbours: 10,
      maxItems: 10,
      timeBudgetSeconds: 0.001,
    };
    const within = trainEase(INPUT, options, () => 1000);
    expect(within.items).toBe(3);
    const unbudgeted = trainEase(INPUT, { ...options, timeBudgetSeconds: 0 });
    expect(unbudgeted.items).toBe(3);
  });

  it('shrinks the weights as lambda grows', () => {
    // lambda = 3: A = [[5, 1, 0], [1, 5, 1], [0, 1, 4]], det = 5 * 19 - 4 = 91,
    // P = [[19, -4, 1], [-4, 20, -5], [1, -5, 24]] / 91: B[1][0] = 4/19, B[2][1] = 1/4.
    const table = trainEase(INPUT, {
      lambda: 3,
      lambdaScale: 8,
      neighbours: 10,
      maxItems: 10,
      timeBudgetSeconds: 0,
    }).table;
    expectRows(table, [
      [[1, 4 / 19]],
      [
        [2, 1 / 4],
        [0, 1 / 5],
      ],
      [[1, 5 / 24]],
      [],
    ]);
  });
});

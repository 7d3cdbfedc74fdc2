import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSeededRandom } from '../seeded-random';
import { SparseRows } from '../sparse-rows';
import { ItemKnnOptions, resolveItemKnnOptions } from './item-knn-options';
import { NeighbourBlock } from './neighbour-block';
import { stitchBlocks, trainItemKnn } from './train-item-knn';

/** trainItemKnn cuts the item range into blocks of this many items (BLOCK_ITEMS). */
const BLOCK_ITEMS = 256;
const N_ITEMS = 700;
const N_USERS = 120;

/** 120 users with 40 distinct random items each out of 700: three blocks of items. */
function randomInput(): Parameters<typeof trainItemKnn>[0] {
  const random = createSeededRandom(9);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < N_USERS; u++) {
    const picked = new Set<number>();
    while (picked.size < 40) picked.add(Math.floor(random() * N_ITEMS));
    for (const item of picked) {
      users.push(u);
      items.push(item);
    }
  }
  return {
    nUsers: N_USERS,
    nItems: N_ITEMS,
    interactions: {
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: Float32Array.from(users, () => 1),
      timestamps: new Float64Array(users.length),
    },
  };
}

/**
 * The documented formula computed pair by pair over the whole item range at once, binary
 * vectors (|t|^2 = count(t), dot = co-count), no top-K cut and no row normalisation:
 *   weight(t, n) = (co / (count(t)^alpha count(n)^(1 - alpha) + shrinkage))^sharpen / count(n)^beta.
 */
function bruteForce(input: ReturnType<typeof randomInput>, options: ItemKnnOptions): SparseRows {
  const { nItems, interactions } = input;
  const byUser: number[][] = Array.from({ length: input.nUsers }, () => []);
  interactions.users.forEach((u, e) => byUser[u].push(interactions.items[e]));
  const counts = new Array<number>(nItems).fill(0);
  const co = Array.from({ length: nItems }, () => new Array<number>(nItems).fill(0));
  for (const history of byUser) {
    for (const t of history) {
      counts[t]++;
      for (const n of history) if (n !== t) co[t][n]++;
    }
  }
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let t = 0; t < nItems; t++) {
    for (let n = 0; n < nItems; n++) {
      if (n === t || co[t][n] < options.minSupport) continue;
      const denominator =
        Math.pow(counts[t], options.alpha) * Math.pow(counts[n], 1 - options.alpha) +
        options.shrinkage;
      const weight =
        Math.pow(co[t][n] / denominator, options.sharpen) /
        Math.pow(counts[n], options.popularityDamping);
      if (weight > 0) {
        indices.push(n);
        values.push(weight);
      }
    }
    indptr.push(indices.length);
  }
  return {
    nRows: nItems,
    nCols: nItems,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
}

/** Each row's entries ordered by neighbour index (the table stores them best first). */
function rowsByIndex(table: SparseRows): Array<Array<[number, number]>> {
  return Array.from({ length: table.nRows }, (_, r) => {
    const row: Array<[number, number]> = [];
    for (let p = table.indptr[r]; p < table.indptr[r + 1]; p++) {
      row.push([table.indices[p], table.values[p]]);
    }
    return row.sort((a, b) => a[0] - b[0]);
  });
}

function expectSameTable(actual: SparseRows, expected: SparseRows): void {
  const got = rowsByIndex(actual);
  const want = rowsByIndex(expected);
  // One string per row keeps a failure's diff readable (and fast) on a 700-row table.
  const neighbours = (rows: typeof got): string[] =>
    rows.map((row, t) => `${t}: ${row.map(([n]) => n).join(' ')}`);
  expect(neighbours(got)).toEqual(neighbours(want));
  let largestRelativeError = 0;
  want.forEach((row, t) =>
    row.forEach(
      ([, w], p) =>
        (largestRelativeError = Math.max(largestRelativeError, Math.abs(got[t][p][1] / w - 1))),
    ),
  );
  expect(largestRelativeError).toBeLessThan(1e-5);
  const unordered: number[] = [];
  for (let t = 0; t < actual.nRows; t++) {
    for (let p = actual.indptr[t] + 1; p < actual.indptr[t + 1]; p++) {
      if (actual.values[p] > actual.values[p - 1]) unordered.push(t);
    }
  }
  expect(unordered).toEqual([]);
}

/** Items whose row holds at least one neighbour. */
function filledRows(table: SparseRows): number {
  let filled = 0;
  for (let t = 0; t < table.nRows; t++) if (table.indptr[t + 1] > table.indptr[t]) filled++;
  return filled;
}

const KEEP_ALL = { neighbours: N_ITEMS };

describe('stitchBlocks', () => {
  it('concatenates blocks given in any order into one CSR with global row offsets', () => {
    const block = (
      itemStart: number,
      indptr: number[],
      indices: number[],
      weights: number[],
    ): NeighbourBlock => ({
      itemStart,
      itemEnd: itemStart + indptr.length - 1,
      indptr: Int32Array.from(indptr),
      indices: Int32Array.from(indices),
      weights: Float32Array.from(weights),
    });
    // Rows 0-1, 2-3 and 4: row 0 -> {3}, row 1 -> {}, row 2 -> {0, 4}, row 3 -> {}, row 4 -> {2}.
    const table = stitchBlocks(
      [
        block(4, [0, 1], [2], [0.25]),
        block(0, [0, 1, 1], [3], [0.5]),
        block(2, [0, 2, 2], [0, 4], [0.75, 0.125]),
      ],
      5,
    );
    expect(table).toEqual({
      nRows: 5,
      nCols: 5,
      indptr: Int32Array.from([0, 1, 1, 3, 3, 4]),
      indices: Int32Array.from([3, 0, 4, 2]),
      values: Float32Array.from([0.5, 0.75, 0.125, 0.25]),
    });
  });
});

describe('trainItemKnn', () => {
  it('stitches three blocks into the table computed pair by pair (plain cosine)', async () => {
    const input = randomInput();
    const options = resolveItemKnnOptions({
      ...KEEP_ALL,
      minSupport: 1,
      shrinkage: 0,
      alpha: 0.5,
      sharpen: 1,
    });
    const table = await trainItemKnn(input, options, { workers: 0 });
    // More filled rows than two blocks hold: the third block's rows are in the table.
    expect(filledRows(table)).toBeGreaterThan(2 * BLOCK_ITEMS);
    expectSameTable(table, bruteForce(input, options));
  });

  it('matches the pair-by-pair table under the default similarity, support and damping', async () => {
    const input = randomInput();
    const options = resolveItemKnnOptions({ ...KEEP_ALL, popularityDamping: 0.5 });
    const table = await trainItemKnn(input, options, { workers: 0 });
    const expected = bruteForce(input, options);
    expect(expected.indices.length).toBeGreaterThan(0);
    expectSameTable(table, expected);
  });

  it('computes on worker threads the same table as in this thread', async () => {
    // The worker script exists only in the compiled build; under ts-jest trainItemKnn would run
    // in-thread, so this imports the compiled module (the test global setup requires dist/).
    const compiledModule = join(
      __dirname,
      '../../../dist/src/recommender/item-knn/train-item-knn.js',
    );
    if (!existsSync(compiledModule)) {
      throw new Error(`${compiledModule} is missing: run \`npm run build\` (npm test does) first`);
    }
    const compiled = (await import(compiledModule)) as typeof import('./train-item-knn');
    const input = randomInput();
    const options = { minSupport: 1 };
    const inThread = await trainItemKnn(input, options, { workers: 0 });
    const onWorkers = await compiled.trainItemKnn(input, options, { workers: 2 });
    expect(filledRows(inThread)).toBeGreaterThan(2 * BLOCK_ITEMS);
    expect(Array.from(onWorkers.indptr)).toEqual(Array.from(inThread.indptr));
    expect(Array.from(onWorkers.indices)).toEqual(Array.from(inThread.indices));
    expect(Array.from(onWorkers.values)).toEqual(Array.from(inThread.values));
  });
});

import { performance } from 'node:perf_hooks';
import { CholeskyDecomposition, Matrix, inverse } from 'ml-matrix';
import { invertSpd } from '../../src/recommender/ease/dense-spd-inverse';
import { createSeededRandom } from '../../src/recommender/seeded-random';
import { describeMachine, loadAverage } from '../support/machine';

/**
 * `npm run bench:ease-solve -- [n ...]`: the dense solve of EASE, (XᵀX + λI)⁻¹ for n movies, by
 * the core's Cholesky (src/recommender/ease/dense-spd-inverse.ts) and by ml-matrix (its
 * Cholesky solve against I, and its LU inverse), on one seeded 5 %-dense interaction matrix.
 * This is why EASE does not use ml-matrix: same answer, over ten times slower.
 */
function gramPlusRidge(n: number, users: number, seed: number): Float64Array {
  const random = createSeededRandom(seed);
  const rows: number[][] = [];
  for (let u = 0; u < users; u++) {
    const row: number[] = [];
    for (let i = 0; i < n; i++) if (random() < 0.05) row.push(i);
    rows.push(row);
  }
  const gram = new Float64Array(n * n);
  for (const row of rows) for (const i of row) for (const j of row) gram[i * n + j]++;
  for (let i = 0; i < n; i++) gram[i * n + i] += 100;
  return gram;
}

/** ml-matrix takes minutes past this size (155 s at n = 2000), so larger n time the core only. */
const ML_MATRIX_MAX = 1000;

function timed<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

function main(sizes: number[]): void {
  process.stdout.write(`machine: ${describeMachine()}, load ${loadAverage().toFixed(2)}\n`);
  process.stdout.write(
    '| n | core Cholesky ms | ml-matrix Cholesky solve ms | ml-matrix LU inverse ms | max abs diff |\n',
  );
  process.stdout.write('|---|---|---|---|---|\n');
  for (const n of sizes) {
    const gram = gramPlusRidge(n, 2 * n, 1);
    const core = timed(() => invertSpd(Float64Array.from(gram), n));
    if (n > ML_MATRIX_MAX) {
      process.stdout.write(`| ${n} | ${core.ms.toFixed(0)} | - | - | - |\n`);
      continue;
    }
    const matrix = Matrix.from1DArray(n, n, Array.from(gram));
    const cholesky = timed(() => new CholeskyDecomposition(matrix).solve(Matrix.eye(n)));
    const lu = timed(() => inverse(matrix));
    let diff = 0;
    for (let i = 0; i < n * n; i++) {
      diff = Math.max(diff, Math.abs(core.result[i] - lu.result.get(Math.floor(i / n), i % n)));
    }
    process.stdout.write(
      `| ${n} | ${core.ms.toFixed(0)} | ${cholesky.ms.toFixed(0)} | ${lu.ms.toFixed(0)} | ${diff.toExponential(1)} |\n`,
    );
  }
}

const requested = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
main(requested.length > 0 ? requested : [250, 500, 1000]);

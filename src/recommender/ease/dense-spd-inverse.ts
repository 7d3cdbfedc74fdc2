import { RecommenderError } from '../recommender-error';

/** Columns per block: a packed panel of n x BLOCK doubles stays in cache for n in the thousands. */
const BLOCK = 64;

/**
 * Inverts a symmetric positive-definite n x n matrix (row-major, overwritten) through its
 * Cholesky factor: A = L L^T, A^-1 = L^-T L^-1. About n^3 / 2 multiply-adds in three blocked
 * passes (factor, triangular inverse, product), each spending nearly all its time in one
 * register-tiled kernel over packed panels. Used by EASE, whose Gram matrix plus lambda I is SPD.
 */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);
  const m = transposedLowerInverse(a, n);
  a.fill(0);
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(k0 + BLOCK, n);
    // P += M[:, k0..k1) M[:, k0..k1)^T; rows past k1 - 1 of M are zero in these columns.
    const panel = pack(m, n, 0, k1, k0, k1);
    rankUpdate(a, n, { r0: 0, r1: k1, c0: 0, c1: k1 }, panel, panel, k1 - k0, 1, true);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  }
  return a;
}

/** Lower Cholesky factor written over the lower triangle of `a` (upper part left stale). */
function choleskyInPlace(a: Float64Array, n: number): void {
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(k0 + BLOCK, n);
    factorDiagonalBlock(a, n, k0, k1);
    for (let i = k1; i < n; i++) {
      const ri = i * n;
      for (let j = k0; j < k1; j++) {
        const rj = j * n;
        let sum = a[ri + j];
        for (let k = k0; k < j; k++) sum -= a[ri + k] * a[rj + k];
        a[ri + j] = sum / a[rj + j];
      }
    }
    if (k1 === n) break;
    // Trailing update of the lower triangle: A[i][j] -= L[i][k0..k1) . L[j][k0..k1).
    const panel = pack(a, n, k1, n, k0, k1);
    rankUpdate(a, n, { r0: k1, r1: n, c0: k1, c1: n }, panel, panel, k1 - k0, -1, true);
  }
}

/** Unblocked Cholesky of the (already updated) diagonal block k0..k1. */
function factorDiagonalBlock(a: Float64Array, n: number, k0: number, k1: number): void {
  for (let i = k0; i < k1; i++) {
    const ri = i * n;
    for (let j = k0; j <= i; j++) {
      const rj = j * n;
      let sum = a[ri + j];
      for (let k = k0; k < j; k++) sum -= a[ri + k] * a[rj + k];
      if (i === j) {
        if (!(sum > 0)) {
          throw new RecommenderError('INVALID_INPUT', 'Matrix is not positive definite');
        }
        a[ri + i] = Math.sqrt(sum);
      } else {
        a[ri + j] = sum / a[rj + j];
      }
    }
  }
}

/**
 * M = (L^-1)^T for the lower-triangular L in the lower triangle of `a`: upper-triangular,
 * row-major, zero below the diagonal. Column block by column block; each finished block
 * adds its share to the later columns' sums through the tiled kernel.
 */
function transposedLowerInverse(a: Float64Array, n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let c0 = 0; c0 < n; c0 += BLOCK) {
    const c1 = Math.min(c0 + BLOCK, n);
    for (let i = c0; i < c1; i++) m[i * n + i] = 1 / a[i * n + i];
    // Each row j of M is its own forward substitution, so rows go one after another.
    for (let j = 0; j < c1; j++) {
      const rj = j * n;
      for (let i = Math.max(j + 1, c0); i < c1; i++) {
        const ri = i * n;
        let sum = m[rj + i];
        for (let k = Math.max(j, c0); k < i; k++) sum += a[ri + k] * m[rj + k];
        m[rj + i] = -sum / a[ri + i];
      }
    }
    if (c1 === n) break;
    // Later columns i >= c1 collect sum_k L[i][k] M[j][k] over this block, for every row j < c1.
    const rows = pack(m, n, 0, c1, c0, c1);
    const columns = pack(a, n, c1, n, c0, c1);
    rankUpdate(m, n, { r0: 0, r1: c1, c0: c1, c1: n }, rows, columns, c1 - c0, 1, false);
  }
  return m;
}

/** Rows r0..r1 of `x`, columns k0..k1, copied contiguously, plus one zero row of padding. */
function pack(x: Float64Array, n: number, r0: number, r1: number, k0: number, k1: number) {
  const w = k1 - k0;
  const out = new Float64Array((r1 - r0 + 1) * w);
  for (let r = r0; r < r1; r++) out.set(x.subarray(r * n + k0, r * n + k1), (r - r0) * w);
  return out;
}

interface Region {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/**
 * C[r][c] += sign * rows[r - r0] . columns[c - c0] (packed, width w) over the region, or over
 * its lower triangle (c <= r, plus the diagonal tiles' upper corner) when `lower` is set.
 * 2 x 2 tiles: four loads feed four multiply-adds.
 */
function rankUpdate(
  c: Float64Array,
  n: number,
  region: Region,
  rows: Float64Array,
  columns: Float64Array,
  w: number,
  sign: number,
  lower: boolean,
): void {
  const { r0, r1, c0, c1 } = region;
  for (let r = r0; r < r1; r += 2) {
    const p0 = (r - r0) * w;
    const p1 = p0 + w;
    const end = lower ? Math.min(c1, r + 2) : c1;
    const hasSecondRow = r + 1 < r1;
    for (let col = c0; col < end; col += 2) {
      const q0 = (col - c0) * w;
      const q1 = q0 + w;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < w; k++) {
        const x0 = rows[p0 + k];
        const x1 = rows[p1 + k];
        const y0 = columns[q0 + k];
        const y1 = columns[q1 + k];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      const hasSecondColumn = col + 1 < c1;
      c[r * n + col] += sign * s00;
      if (hasSecondColumn) c[r * n + col + 1] += sign * s01;
      if (hasSecondRow) {
        c[(r + 1) * n + col] += sign * s10;
        if (hasSecondColumn) c[(r + 1) * n + col + 1] += sign * s11;
      }
    }
  }
}

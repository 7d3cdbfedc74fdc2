import { RecommenderError } from '../recommender-error';

/**
 * Inverts a symmetric positive-definite n x n matrix (row-major, overwritten) through its
 * Cholesky factor: A = L L^T, A^-1 = L^-T L^-1. About n^3 / 2 multiply-adds, all inner loops
 * over contiguous rows. Used by EASE, whose Gram matrix plus lambda I is SPD.
 */
export function invertSpd(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);
  const m = transposedLowerInverse(a, n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = i; j < n; j++) {
      const rj = j * n;
      let sum = 0;
      for (let k = j; k < n; k++) sum += m[ri + k] * m[rj + k];
      a[ri + j] = sum;
      a[rj + i] = sum;
    }
  }
  return a;
}

/** Lower Cholesky factor written over the lower triangle of `a` (upper part left stale). */
function choleskyInPlace(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let sum = a[ri + j];
      for (let k = 0; k < j; k++) sum -= a[ri + k] * a[rj + k];
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
 * M = (L^-1)^T for the lower-triangular L in the lower triangle of `a`, row-major, computed by
 * forward substitution with both inner operands read along rows.
 */
function transposedLowerInverse(a: Float64Array, n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const diagonal = a[ri + i];
    m[ri + i] = 1 / diagonal;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      let sum = 0;
      for (let k = j; k < i; k++) sum += a[ri + k] * m[rj + k];
      m[rj + i] = -sum / diagonal;
    }
  }
  return m;
}

import { performance } from 'node:perf_hooks';
import { invertSpd } from './dense-spd-inverse';

/** Size of the calibration solve: a few milliseconds, big enough to run the blocked kernel. */
export const CALIBRATION_ITEMS = 256;

/** Budget-chosen counts are rounded down to a multiple of this (steadier across runs). */
const ROUNDING = 100;

/** Milliseconds one dense solve of an n x n system takes here, now. */
export type SolveTimer = (n: number) => number;

/** Times invertSpd on a diagonally dominant n x n matrix; the faster of two runs (JIT warm-up). */
export const measureSolve: SolveTimer = (n) => {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const a = new Float64Array(n * n).fill(1);
    for (let i = 0; i < n; i++) a[i * n + i] = n + 1;
    const started = performance.now();
    invertSpd(a, n);
    best = Math.min(best, performance.now() - started);
  }
  return best;
};

/** What decides how many movies enter EASE's dense solve. */
export interface CoverageLimits {
  /** Movies with at least one interaction: never more than these. */
  available: number;
  /** Hard cap (memory: two n x n Float64Arrays). */
  maxItems: number;
  /** Seconds the solve may take; 0: no budget, `maxItems` decides. */
  timeBudgetSeconds: number;
}

/**
 * The largest movie count whose solve fits the time budget: the solve is O(n^3), so a timed
 * CALIBRATION_ITEMS solve scales by (n / CALIBRATION_ITEMS)^3. Larger solves run the blocked
 * kernel at least as fast per multiply-add, so the estimate errs on the slow (safe) side.
 */
export function chooseEaseItems(limits: CoverageLimits, timer: SolveTimer = measureSolve): number {
  const cap = Math.max(0, Math.min(limits.available, limits.maxItems));
  if (limits.timeBudgetSeconds <= 0 || cap <= CALIBRATION_ITEMS) return cap;
  const calibrationMs = Math.max(timer(CALIBRATION_ITEMS), 1e-3);
  const ratio = (limits.timeBudgetSeconds * 1000) / calibrationMs;
  const fitting = Math.floor(CALIBRATION_ITEMS * Math.cbrt(ratio));
  if (fitting >= cap) return cap;
  return Math.max(CALIBRATION_ITEMS, Math.floor(fitting / ROUNDING) * ROUNDING);
}

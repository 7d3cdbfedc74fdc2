import { join } from 'node:path';

/** The repository root, seen from dist/bench/<dir>/ (compiled) . */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Git-ignored scratch space: generated data sets, caches, artifacts, profiles. */
export const BENCH_DATA = join(REPO_ROOT, 'bench', '.data');

/** Compiled bench scripts (children are spawned by path). */
export const DIST_BENCH = join(REPO_ROOT, 'dist', 'bench');

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MOVIELENS_SIZES } from '../../src/datasets/generator/generate-movielens';
import { BENCH_DATA } from '../support/paths';

export type BenchSize = keyof typeof MOVIELENS_SIZES;

/** Seed of every benchmark data set: the same data on every run and every machine. */
export const BENCH_SEED = 42;

export function parseSize(value: string | undefined): BenchSize {
  const size = (value ?? 'S').toUpperCase();
  if (size !== 'S' && size !== 'M' && size !== 'L') {
    throw new Error(`size must be S, M or L (got ${value})`);
  }
  return size;
}

/** Where a size's generated folder, cached arrays and artifact live. */
export function sizePaths(size: BenchSize): {
  dir: string;
  movielens: string;
  cache: string;
  artifact: string;
} {
  const dir = join(BENCH_DATA, `${size}-seed${BENCH_SEED}`);
  return {
    dir,
    movielens: join(dir, 'movielens'),
    cache: join(dir, 'training-input.bin'),
    artifact: join(dir, 'model.bin'),
  };
}

export function isCached(size: BenchSize): boolean {
  return existsSync(sizePaths(size).cache);
}

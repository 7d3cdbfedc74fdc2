import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadMovieLensDataset } from '../../src/datasets/movielens/load-movielens-dataset';
import {
  MOVIELENS_SIZES,
  generateMovieLens,
} from '../../src/datasets/generator/generate-movielens';
import { ownUsage } from '../support/child';
import { BENCH_SEED, parseSize, sizePaths } from './bench-sizes';
import { saveTrainingInput } from './training-input-cache';

/**
 * Child of bench:train: generates the seeded MovieLens-shaped folder of one size (csv, as
 * ml-25m ships) with the shared generator, reads it with the same loader `npm run evaluate`
 * uses, and caches the resulting typed arrays. Prints one JSON line.
 */
async function main(): Promise<void> {
  const size = parseSize(process.argv[2]);
  const paths = sizePaths(size);
  await mkdir(paths.dir, { recursive: true });
  let generateMs = 0;
  if (!existsSync(paths.movielens)) {
    process.stderr.write(`generating ${size} (seed ${BENCH_SEED}) into ${paths.movielens}\n`);
    const started = performance.now();
    const partial = `${paths.movielens}.partial`;
    await rm(partial, { recursive: true, force: true });
    await generateMovieLens({
      format: 'csv',
      out: partial,
      counts: MOVIELENS_SIZES[size],
      seed: BENCH_SEED,
    });
    await rename(partial, paths.movielens);
    generateMs = performance.now() - started;
  }
  process.stderr.write(`reading ${paths.movielens}\n`);
  const started = performance.now();
  const dataset = await loadMovieLensDataset(paths.movielens);
  const parseMs = performance.now() - started;
  saveTrainingInput(paths.cache, dataset.input);
  process.stdout.write(
    JSON.stringify({
      generateMs,
      parseMs,
      interactions: dataset.input.interactions.users.length,
      users: dataset.input.nUsers,
      items: dataset.input.itemIds.length,
      ...ownUsage(),
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

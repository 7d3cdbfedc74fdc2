import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { encodeModel, trainItemKnn, trainModel } from '../../src/recommender';
import { ownUsage } from '../support/child';
import { parseSize, sizePaths } from './bench-sizes';
import { DenseMethod, compareTables, denseCosineTopK } from './dense-cosine';
import { loadTrainingInput } from './training-input-cache';

type Mode = 'core' | DenseMethod;

function cpuMs(): number {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
}

/**
 * Child of bench:train, one measured training per process so that CPU time (all threads,
 * workers included: getrusage of the process) and peak RSS belong to this training alone.
 * `core`: trainModel with item-kNN on `workers` threads, then encodes and writes the artifact.
 * `mmul` / `gram`: the dense ml-matrix cosine, then (after its usage is read) a check against
 * the core's table. Prints one JSON line.
 */
async function main(): Promise<void> {
  const size = parseSize(process.argv[2]);
  const mode = (process.argv[3] ?? 'core') as Mode;
  const workers = Number(process.argv[4] ?? 2);
  const paths = sizePaths(size);
  const loadStarted = performance.now();
  const input = loadTrainingInput(paths.cache);
  const cacheLoadMs = performance.now() - loadStarted;
  const nItems = input.itemIds.length;
  const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
  // "now" is the newest event, so recency does not depend on the day the benchmark runs.
  const now = input.interactions.timestamps.reduce((a, b) => Math.max(a, b), 0);
  const cpuStarted = cpuMs();
  const started = performance.now();
  if (mode === 'core') {
    const model = await trainModel(input, { algorithm: 'item-knn' }, { now, workers });
    const trainMs = performance.now() - started;
    const trainCpuMs = cpuMs() - cpuStarted;
    const usage = ownUsage();
    const encodeStarted = performance.now();
    const artifact = encodeModel(model);
    const encodeMs = performance.now() - encodeStarted;
    writeFileSync(paths.artifact, artifact);
    const result = {
      mode,
      workers,
      cacheLoadMs,
      rssBeforeMiB,
      trainMs,
      trainCpuMs,
      maxRssMiB: usage.maxRssMiB,
      encodeMs,
      artifactBytes: artifact.byteLength,
      neighbourEntries: model.neighbours.indices.length,
      items: nItems,
      interactions: input.interactions.users.length,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const table = denseCosineTopK(input.interactions, input.nUsers, nItems, mode);
  const trainMs = performance.now() - started;
  const trainCpuMs = cpuMs() - cpuStarted;
  const usage = ownUsage();
  // Checked against the core without its per-user history cap, which the dense form lacks.
  const core = await trainItemKnn(
    { nUsers: input.nUsers, nItems, interactions: input.interactions },
    { maxUserItems: 0 },
    { workers },
  );
  const agreement = compareTables(core, table);
  process.stdout.write(
    JSON.stringify({
      mode,
      cacheLoadMs,
      rssBeforeMiB,
      trainMs,
      trainCpuMs,
      maxRssMiB: usage.maxRssMiB,
      overlap: agreement.overlap,
      maxWeightDiff: agreement.maxWeightDiff,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

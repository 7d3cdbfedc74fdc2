import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeModel } from '../../src/recommender';
import { ownUsage } from '../support/child';
import { parseSize, sizePaths } from './bench-sizes';

/**
 * Child of bench:train: loads the artifact in a fresh process as a server does at start (read
 * the bytes, decodeModel: checksum, section checks, arrays sharing the bytes). Prints one JSON
 * line.
 */
function main(): void {
  const size = parseSize(process.argv[2]);
  const started = performance.now();
  const bytes = readFileSync(sizePaths(size).artifact);
  const readMs = performance.now() - started;
  const model = decodeModel(bytes, { share: true });
  const decodeMs = performance.now() - started - readMs;
  process.stdout.write(
    JSON.stringify({
      readMs,
      decodeMs,
      loadMs: readMs + decodeMs,
      items: model.itemIds.length,
      ...ownUsage(),
    }) + '\n',
  );
}

main();

import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { evaluateThinHistories, runEvaluationProtocol } from '../recommender';
import { EVALUATE_USAGE, parseEvaluateArgs } from './evaluate-args';
import { formatSummary, toJson, writeOutputs } from './evaluate-output';
import { loadMovieLensDataset } from '../datasets/movielens/load-movielens-dataset';
import { errorMessage } from '../common/errors/error-message';
import { loadLogConfig } from '../config/app-config';
import { createCliLogger } from './cli-logger';
import { liveProgress } from './live-progress';

const CONTEXT = 'evaluate';

/**
 * `npm run evaluate -- <movielens-dir> [--k 10] [--json] [--out <dir>] [--validation]`: reads a
 * MovieLens folder (no database), runs the contract's offline protocol on the model the server
 * ships and on the popularity baseline, and prints both to stdout. Logs and progress go to
 * stderr, so stdout (the summary, or the --json object) can be piped.
 */
async function main(argv: readonly string[]): Promise<void> {
  const args = parseEvaluateArgs(argv);
  const logger = createCliLogger(loadLogConfig());
  const started = performance.now();
  logger.log('reading', { dir: args.dir }, CONTEXT);
  const dataset = await loadMovieLensDataset(args.dir);
  const ratings = dataset.input.interactions.users.length;
  logger.log(
    'evaluating',
    { ratings, users: dataset.users.size, movies: dataset.items.size, k: args.k },
    CONTEXT,
  );
  const progress = liveProgress(logger, 'users', CONTEXT);
  const result = await runEvaluationProtocol(
    dataset.input,
    { k: args.k, seed: args.seed, validation: args.validation, model: args.model },
    {
      workers: args.workers,
      clock: () => performance.now(),
      onProgress: (stage, done, total) => progress.update(stage, done, total),
    },
  ).finally(() => progress.clear());
  logger.log('training again with thin histories', {}, CONTEXT);
  const thin = await evaluateThinHistories(
    dataset.input,
    result.split,
    { k: args.k, seed: args.seed, model: args.model },
    { workers: args.workers },
  );
  const durationMs = Math.round(performance.now() - started);
  logger.log('evaluation done', { durationMs, trainingMs: result.model.trainingMs }, CONTEXT);
  if (args.out) await writeOutputs(args.out, result, dataset);
  process.stdout.write(
    (args.json ? toJson(result, thin) : formatSummary(result, thin, dataset, args.k)) + '\n',
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${errorMessage(error)}\n${EVALUATE_USAGE}\n`);
  process.exitCode = 1;
});

import { performance } from 'node:perf_hooks';
import { runEvaluationProtocol } from '../recommender';
import { EVALUATE_USAGE, parseEvaluateArgs } from './evaluate-args';
import { formatSummary, toJson, writeOutputs } from './evaluate-output';
import { loadMovieLensDataset } from '../datasets/movielens/load-movielens-dataset';
import { errorMessage } from '../common/errors/error-message';

/**
 * `npm run evaluate -- <movielens-dir> [--k 10] [--json] [--out <dir>] [--validation]`: reads a
 * MovieLens folder (no database), runs the contract's offline protocol on the model the server
 * ships and on the popularity baseline, and prints both (progress goes to stderr).
 */
async function main(argv: readonly string[]): Promise<void> {
  const args = parseEvaluateArgs(argv);
  const progress = (message: string): void => {
    process.stderr.write(`\r${message}`.padEnd(60) + (message.endsWith('done') ? '\n' : ''));
  };
  progress(`reading ${args.dir}`);
  const dataset = await loadMovieLensDataset(args.dir);
  progress(`training on ${dataset.input.interactions.users.length} ratings`);
  const result = await runEvaluationProtocol(
    dataset.input,
    { k: args.k, seed: args.seed, validation: args.validation, model: args.model },
    {
      workers: args.workers,
      clock: () => performance.now(),
      onProgress: (stage, done, total) => progress(`${stage} ${done}/${total} users`),
    },
  );
  progress('evaluation done');
  if (args.out) await writeOutputs(args.out, result, dataset);
  process.stdout.write(
    (args.json ? toJson(result) : formatSummary(result, dataset, args.k)) + '\n',
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`\n${errorMessage(error)}\n${EVALUATE_USAGE}\n`);
  process.exitCode = 1;
});

import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import {
  ModelOptionsInput,
  TuningOutcome,
  evaluateThinHistories,
  protocolSplit,
  runEvaluationProtocol,
  tuneModel,
} from '../recommender';
import { EvaluateArgs, EVALUATE_USAGE, parseEvaluateArgs } from './evaluate-args';
import { formatSummary, toJson, writeOutputs } from './evaluate-output';
import { EvaluatedRun, formatTuning, tuningJson } from './evaluate-tuning';
import {
  MovieLensDataset,
  loadMovieLensDataset,
} from '../datasets/movielens/load-movielens-dataset';
import { errorMessage } from '../common/errors/error-message';
import { loadLogConfig } from '../config/app-config';
import { AppLogger } from '../common/logging/app-logger';
import { createCliLogger } from './cli-logger';
import { liveProgress } from './live-progress';

const CONTEXT = 'evaluate';

/**
 * `npm run evaluate -- <movielens-dir> [--k 10] [--json] [--out <dir>] [--validation]
 * [--tuning-budget <seconds>]`: reads a MovieLens folder (no database), runs the contract's
 * offline protocol on the model the server ships and on the popularity baseline, and prints
 * both to stdout. With a tuning budget it first tunes as every training does, on the protocol's
 * training part only (split again), then evaluates the defaults and the tuned values alike.
 * Logs and progress go to stderr, so stdout (the summary, or the --json object) can be piped.
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
  const tuning = args.tuningBudgetSeconds > 0 ? await tune(args, dataset, logger) : null;
  const defaults = await evaluate(args, dataset, logger, args.model);
  // Tuning hands the given options back when nothing beat them: the same run twice is waste.
  const tuned =
    tuning && tuning.options !== args.model
      ? await evaluate(args, dataset, logger, tuning.options)
      : defaults;
  const durationMs = Math.round(performance.now() - started);
  logger.log('evaluation done', { durationMs, trainingMs: tuned.result.model.trainingMs }, CONTEXT);
  if (args.out) await writeOutputs(args.out, tuned.result, dataset);
  const extra = tuning ? { tuning: tuningJson(tuning.summary, defaults) } : {};
  const summary = [formatSummary(tuned.result, tuned.thin, dataset, args.k)];
  if (tuning) summary.push(formatTuning(tuning.summary, defaults, tuned, args.k));
  process.stdout.write(
    (args.json ? toJson(tuned.result, tuned.thin, extra) : summary.join('\n')) + '\n',
  );
}

/** The protocol on `model` with a live progress line, then its simulated thin histories. */
async function evaluate(
  args: EvaluateArgs,
  dataset: MovieLensDataset,
  logger: AppLogger,
  model: ModelOptionsInput,
): Promise<EvaluatedRun> {
  const progress = liveProgress(logger, 'users', CONTEXT);
  const result = await runEvaluationProtocol(
    dataset.input,
    { k: args.k, seed: args.seed, validation: args.validation, model },
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
    { k: args.k, seed: args.seed, model },
    { workers: args.workers },
  );
  return { result, thin };
}

/**
 * Self-tuning as a training does it: on the protocol's training part only (its test part is
 * what the figures are measured on), split again with the next seed.
 */
async function tune(
  args: EvaluateArgs,
  dataset: MovieLensDataset,
  logger: AppLogger,
): Promise<TuningOutcome> {
  const { input } = dataset;
  const split = protocolSplit(input.interactions, input.itemIds.length, args);
  logger.log('tuning', { budgetSeconds: args.tuningBudgetSeconds }, CONTEXT);
  return tuneModel(
    { ...input, interactions: split.train },
    args.model,
    { budgetSeconds: args.tuningBudgetSeconds, seed: args.seed + 1 },
    {
      workers: args.workers,
      clock: () => performance.now(),
      onTrial: (trial, index) =>
        logger.log(
          'tuning trial',
          {
            trial: index + 1,
            ...trial.point,
            ndcgAt10: round4(trial.measured.ndcgAt10),
            likedOnlyNdcgAt10: round4(trial.measured.likedOnlyNdcgAt10),
            dislikedAt10: round4(trial.measured.dislikedAt10),
            // -Infinity (a published loss past the allowance) would print as null.
            score: Number.isFinite(trial.score) ? round4(trial.score) : 'refused',
            ms: Math.round(trial.ms),
          },
          CONTEXT,
        ),
    },
  );
}

const round4 = (value: number): number => Math.round(value * 10000) / 10000;

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${errorMessage(error)}\n${EVALUATE_USAGE}\n`);
  process.exitCode = 1;
});

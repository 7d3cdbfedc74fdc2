import {
  ModelOptionsInput,
  ModelParams,
  TrainingInput,
  encodeModel,
  protocolSplit,
  runEvaluationProtocol,
  trainModel,
  tuneModel,
} from '../recommender';
import type { TuningSummary } from '../recommender';
import { sampleUsers } from '../recommender/evaluation/sample-users';
import { StoredMetrics, toStoredMetricSet } from './model-store/stored-metrics';

/** What the training worker is asked to do. */
export interface TrainingJob {
  input: TrainingInput;
  options: ModelOptionsInput;
  /** Epoch seconds: recency is measured from it. */
  now: number;
  workers: number;
  evaluation: { k: number; seed: number; maxInteractions: number };
  /** Seconds self-tuning may search (TUNING_BUDGET_SECONDS); 0: train with `options` as given. */
  tuningBudgetSeconds: number;
  /** Test hook: throw half-way, after the evaluation (TRAINING_FAULT=worker-error). */
  fault?: 'worker-error' | 'worker-stall';
}

export interface TrainingJobResult {
  artifact: Uint8Array;
  algorithm: string;
  params: ModelParams;
  counts: { users: number; items: number; interactions: number };
  /** Recency-weighted popularity per item index, written back to `movies.popularity`. */
  popularity: Float32Array;
  metrics: Omit<StoredMetrics, 'gate'>;
  /** What self-tuning tried and chose; null when it was off. */
  tuning: TuningSummary | null;
  timings: { tuningMs: number; evaluationMs: number; trainingMs: number; encodeMs: number };
}

/**
 * The whole of a training, pure of I/O: on a sample of whole users when the data is large,
 * tune the hyperparameters on a validation split of the evaluation's training part (when a
 * budget is given), evaluate the chosen options with the offline protocol, train the serving
 * model on everything with them, encode the artifact. Runs in the training worker so the
 * server's event loop stays free.
 */
export async function runTrainingJob(
  job: TrainingJob,
  clock: () => number,
): Promise<TrainingJobResult> {
  const tuningStarted = clock();
  const { k, seed, maxInteractions } = job.evaluation;
  const sample = sampleUsers(job.input.interactions, job.input.nUsers, maxInteractions, seed);
  const tuning = job.tuningBudgetSeconds > 0 ? await tune(job, sample, clock) : null;
  const options = tuning?.options ?? job.options;
  const tuningMs = clock() - tuningStarted;
  const evaluationStarted = clock();
  const evaluated = await runEvaluationProtocol(
    { ...job.input, interactions: sample },
    { k, seed, validation: false, model: options },
    { workers: job.workers, clock },
  );
  const evaluationMs = clock() - evaluationStarted;
  if (job.fault === 'worker-error')
    throw new Error('injected training fault (TRAINING_FAULT=worker-error)');
  if (job.fault === 'worker-stall') await new Promise((resolve) => setTimeout(resolve, 60_000));
  const trainingStarted = clock();
  const model = await trainModel(job.input, options, { now: job.now, workers: job.workers });
  const trainingMs = clock() - trainingStarted;
  const encodeStarted = clock();
  const artifact = encodeModel(model);
  return {
    artifact,
    algorithm: model.params.algorithm,
    params: model.params,
    counts: model.counts,
    popularity: model.popularity,
    metrics: {
      model: { ...toStoredMetricSet(evaluated.model), trainingMs: evaluated.model.trainingMs },
      popularity: toStoredMetricSet(evaluated.popularity),
      likedOnly: {
        model: toStoredMetricSet(evaluated.likedOnly.model),
        popularity: toStoredMetricSet(evaluated.likedOnly.popularity),
      },
      evaluatedInteractions: sample.users.length,
    },
    tuning: tuning?.summary ?? null,
    timings: {
      tuningMs: Math.round(tuningMs),
      evaluationMs: Math.round(evaluationMs),
      trainingMs: Math.round(trainingMs),
      encodeMs: Math.round(clock() - encodeStarted),
    },
  };
}

/**
 * Tunes on the evaluation's training part only (the protocol's split of the same sample with
 * the same seed), split again with the seed after it: the evaluation stored with the version
 * measures the chosen options on movies' ratings the search never saw.
 */
function tune(
  job: TrainingJob,
  sample: TrainingInput['interactions'],
  clock: () => number,
): ReturnType<typeof tuneModel> {
  const { seed } = job.evaluation;
  const split = protocolSplit(sample, job.input.itemIds.length, { seed, validation: false });
  return tuneModel(
    { ...job.input, interactions: split.train },
    job.options,
    { budgetSeconds: job.tuningBudgetSeconds, seed: seed + 1 },
    { workers: job.workers, clock },
  );
}

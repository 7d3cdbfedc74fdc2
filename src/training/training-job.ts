import {
  ModelOptionsInput,
  ModelParams,
  TrainingInput,
  encodeModel,
  runEvaluationProtocol,
  trainModel,
} from '../recommender';
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
  timings: { evaluationMs: number; trainingMs: number; encodeMs: number };
}

/**
 * The whole of a training, pure of I/O: evaluate with the offline protocol (on a sample of
 * whole users when the data is large), train the serving model on everything, encode the
 * artifact. Runs in the training worker so the server's event loop stays free.
 */
export async function runTrainingJob(
  job: TrainingJob,
  clock: () => number,
): Promise<TrainingJobResult> {
  const evaluationStarted = clock();
  const sample = sampleUsers(
    job.input.interactions,
    job.input.nUsers,
    job.evaluation.maxInteractions,
    job.evaluation.seed,
  );
  const evaluated = await runEvaluationProtocol(
    { ...job.input, interactions: sample },
    { k: job.evaluation.k, seed: job.evaluation.seed, validation: false, model: job.options },
    { workers: job.workers, clock },
  );
  const evaluationMs = clock() - evaluationStarted;
  if (job.fault === 'worker-error')
    throw new Error('injected training fault (TRAINING_FAULT=worker-error)');
  if (job.fault === 'worker-stall') await new Promise((resolve) => setTimeout(resolve, 60_000));
  const trainingStarted = clock();
  const model = await trainModel(job.input, job.options, { now: job.now, workers: job.workers });
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
    timings: {
      evaluationMs: Math.round(evaluationMs),
      trainingMs: Math.round(trainingMs),
      encodeMs: Math.round(clock() - encodeStarted),
    },
  };
}

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TrainingInProgressError, UnavailableError } from '../common/errors/app-error';
import { AppMetrics } from '../common/metrics/app-metrics';
import { MoviesRepository } from '../movies/movies.repository';
import { DatasetLoadsRepository } from '../datasets/dataset-loads.repository';
import { artifactChecksum } from '../recommender';
import { BesideConfiguration } from './beside-configuration';
import { ModelStore } from './model-store/model-store';
import { TRAINING_EVALUATION_K } from './model-store/stored-metrics';
import { qualityGate } from './quality-gate';
import { TrainingDataReader } from './training-data.reader';
import { TrainingJob, TrainingJobResult } from './training-job';
import { tuningLogFields } from './tuning-log';
import { HeldLock, TrainingLock } from './training-lock';
import { errorMessage } from '../common/errors/error-message';
import { Clock } from '../common/clock/clock';

export interface TrainingRequest {
  /** Swap the new version in even when the quality gate would hold it back. */
  force: boolean;
  trigger: 'cli' | 'schedule' | 'api' | 'first-start';
  /**
   * Train this configuration beside the serving model (for an A/B experiment's variant): the
   * version is stored `ready` but never promoted, whatever the gate says, and the catalog's
   * popularity is left as the serving model's training wrote it.
   */
  beside?: BesideConfiguration;
}

export interface TrainingOutcome {
  version: number;
  status: 'ready' | 'rejected' | 'failed';
  ndcgAt10?: number;
  error?: string;
}

/** Evaluation at every training runs on at most this many interactions (whole users). */
const EVALUATION_MAX_INTERACTIONS = 1_000_000;
const EVALUATION_SEED = 42;
/**
 * The first start trains before the server listens: EASE's solve gets at most this long, and
 * self-tuning does not run (the next training tunes).
 */
const FIRST_START_EASE_BUDGET_SECONDS = 3;

/**
 * The one code path behind `npm run train`, the nightly @Cron and the admin endpoint: take the
 * cluster-wide lock, stream the data into typed arrays, evaluate + train + encode in a worker
 * thread, apply the quality gate, store the version in one transaction (every server swaps to
 * it on the NOTIFY), and write the new popularity back to `movies`. Failures are recorded on
 * the version with their error; the serving model is never touched by a failed training.
 */
@Injectable()
export class TrainingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrainingService.name);
  private running: Promise<TrainingOutcome> | undefined;
  private stopping = false;

  constructor(
    private readonly store: ModelStore,
    private readonly data: TrainingDataReader,
    private readonly movies: MoviesRepository,
    private readonly lock: TrainingLock,
    private readonly datasetInfo: DatasetLoadsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    /** Absent in the `npm run train` job, which has no /metrics. */
    @Optional() private readonly metrics?: AppMetrics,
  ) {}

  /**
   * A training cut off with its process (stopped mid-way, or killed) leaves its version row
   * `training`, and GET /v1/recommendations/model/versions would show it running until the next
   * training marked it failed. At start, with the cluster-wide lock free (no training runs on
   * any instance), such rows are marked failed at once; when another instance holds the lock,
   * its training is real and the row is left alone. A failure here only delays the marking.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const held = await this.lock.tryAcquire();
      if (!held) return;
      try {
        await this.failAbandoned();
      } finally {
        await held.release();
      }
    } catch (error) {
      this.logger.warn('could not check for abandoned trainings at start', {
        err: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }

  /** Trains to the end. Throws TrainingInProgressError when a training already runs anywhere. */
  async train(request: TrainingRequest): Promise<TrainingOutcome> {
    const { outcome } = await this.begin(request);
    return outcome;
  }

  /**
   * Starts a training and resolves once it holds the lock and has a version number, leaving
   * the rest to run in the background (the admin endpoint's 202).
   */
  async start(request: TrainingRequest): Promise<{ version: number }> {
    const { version, outcome } = await this.begin(request);
    outcome.catch(() => undefined);
    return { version };
  }

  /** Resolves when the training running in this process (if any) has ended. */
  async waitForRunning(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /**
   * Between "HTTP drained" and "pool closed" (Nest runs this hook before TypeORM closes): no
   * new training starts, and one running here gets SHUTDOWN_TIMEOUT_MS to end. One still
   * running after that is cut off with the pool: its version row stays `training` until the next
   * start or training marks it failed; no artifact or `ready` row is written, the serving model is
   * untouched.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    const timeoutMs = this.config.http.shutdownTimeoutMs;
    this.logger.log('waiting for the running training to end', { timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      this.waitForRunning().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!ended) this.logger.warn('training still running at shutdown: abandoned', { timeoutMs });
  }

  /** Marks the `training` rows of dead trainings failed; only while holding the lock. */
  private async failAbandoned(): Promise<void> {
    const abandoned = await this.store.failAbandoned();
    if (abandoned > 0) this.logger.warn('abandoned trainings marked failed', { count: abandoned });
  }

  private async begin(
    request: TrainingRequest,
  ): Promise<{ version: number; outcome: Promise<TrainingOutcome> }> {
    if (this.stopping)
      throw new UnavailableError('The server is stopping: retry on another instance', 5);
    if (this.running)
      throw new TrainingInProgressError('A training is already running; retry when it ends');
    const held = await this.lock.tryAcquire();
    if (!held)
      throw new TrainingInProgressError('A training is already running; retry when it ends');
    let version: number;
    try {
      await this.failAbandoned();
      version = await this.store.start({
        trigger: request.trigger,
        force: request.force,
        ...(request.beside && { beside: request.beside }),
      });
    } catch (error) {
      await held.release();
      throw error;
    }
    const outcome = this.run(version, request, held).finally(() => (this.running = undefined));
    this.running = outcome;
    return { version, outcome };
  }

  private async run(
    version: number,
    request: TrainingRequest,
    held: HeldLock,
  ): Promise<TrainingOutcome> {
    const started = this.clock.now();
    this.logger.log('training started', {
      version,
      trigger: request.trigger,
      force: request.force,
      beside: request.beside ?? null,
    });
    try {
      const loadStarted = this.clock.now();
      const job = await this.loadJob(request);
      const loadMs = this.clock.now() - loadStarted;
      this.logger.log('training data loaded', {
        version,
        loadMs,
        interactions: job.input.interactions.users.length,
        users: job.input.nUsers,
        items: job.input.itemIds.length,
      });
      const result = await this.runInWorker(job);
      if (result.tuning) {
        this.logger.log('hyperparameters tuned', { version, ...tuningLogFields(result.tuning) });
      }
      const serving = await this.store.findServing();
      const gate = qualityGate({
        candidateNdcgAt10: result.metrics.model.ndcgAt10,
        serving,
        margin: this.config.training.qualityGateMargin,
        force: request.force,
      });
      const isDemo = await this.datasetInfo.isDemo();
      const beside = request.beside !== undefined;
      const status = beside || gate.passed ? 'ready' : 'rejected';
      await this.store.complete(version, {
        status,
        promote: !beside && gate.passed,
        algorithm: result.algorithm,
        trainedAt: new Date(job.now * 1000),
        params: {
          ...result.params,
          trigger: request.trigger,
          force: request.force,
          ...(beside && { beside: true }),
          tuning: result.tuning,
        },
        metrics: { ...result.metrics, gate },
        counts: result.counts,
        timings: { ...result.timings, loadMs, totalMs: this.clock.now() - started },
        checksum: artifactChecksum(result.artifact),
        artifact: result.artifact,
        isDemo,
      });
      if (!beside && gate.passed) {
        await this.movies.writePopularity(job.input.itemIds, result.popularity);
      }
      const ndcgAt10 = result.metrics.model.ndcgAt10;
      this.logger.log('training finished', {
        version,
        status,
        beside,
        ndcgAt10,
        popularityNdcgAt10: result.metrics.popularity.ndcgAt10,
        totalMs: this.clock.now() - started,
        artifactBytes: result.artifact.byteLength,
      });
      this.metrics?.recordTraining(status, this.clock.now() - started);
      return { version, status, ndcgAt10 };
    } catch (error) {
      const message = errorMessage(error);
      this.logger.error('training failed', { version, error: message });
      await this.store.fail(version, message).catch(() => undefined);
      this.metrics?.recordTraining('failed', this.clock.now() - started);
      return { version, status: 'failed', error: message };
    } finally {
      await held.release().catch(() => undefined);
    }
  }

  /** Streams the catalog, ratings and history into one job of typed arrays. */
  private async loadJob({ trigger, beside }: TrainingRequest): Promise<TrainingJob> {
    const {
      easeTimeBudgetSeconds: budget,
      easeDenseScoring,
      tuningBudgetSeconds,
    } = this.config.training;
    const firstStart = trigger === 'first-start';
    return {
      input: await this.data.read(),
      options: {
        easeTimeBudgetSeconds: firstStart
          ? Math.min(budget, FIRST_START_EASE_BUDGET_SECONDS)
          : budget,
        easeDenseScoring,
        ...beside,
      },
      // A version beside the serving one trains the configuration an experiment asked for.
      tuningBudgetSeconds: firstStart || beside ? 0 : tuningBudgetSeconds,
      now: Math.floor(this.clock.nowSeconds()),
      workers: Math.max(1, Math.min(2, availableParallelism())),
      evaluation: {
        k: TRAINING_EVALUATION_K,
        seed: EVALUATION_SEED,
        maxInteractions: EVALUATION_MAX_INTERACTIONS,
      },
      fault: this.config.training.fault,
    };
  }

  private runInWorker(job: TrainingJob): Promise<TrainingJobResult> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(join(__dirname, 'training.worker.js'));
      worker.once(
        'message',
        (message: { ok: true; result: TrainingJobResult } | { ok: false; error: string }) => {
          void worker.terminate();
          if (message.ok) resolve(message.result);
          else reject(new Error(message.error));
        },
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`training worker exited with code ${code}`)));
      worker.postMessage(job);
    });
  }
}

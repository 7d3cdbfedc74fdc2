import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../common/errors/error-message';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DatabaseFollower } from '../database/database-follower';
import { NotificationListener } from '../database/notification-listener';
import { Experiment } from '../experiments/experiment';
import { EXPERIMENTS_CHANNEL } from '../experiments/experiments-channel';
import { ExperimentsRepository } from '../experiments/experiments.repository';
import { ExperimentRegistry, RunningExperiment } from './experiment-registry';
import { ModelLoader, StoreUnavailableError } from './model-loader';
import { LoadedModel, ModelRegistry } from './model-registry';

/**
 * Keeps this process serving the running experiment, if any: loads it (every variant's model)
 * at start-up, follows NOTIFYs on the experiments channel for starts and stops within a second,
 * and polls on MODEL_POLL_SECONDS as the safety net for a lost notification or connection. The
 * experiment is swapped in only once all its models are in memory; until then (and when a
 * variant's artifact is refused) this process serves everyone the main model with no variant.
 * Models are shared rather than loaded twice: a variant of the serving version uses the
 * registry's model. At most MAX_VARIANTS models are held beside the serving one.
 */
@Injectable()
export class ExperimentSyncService extends DatabaseFollower {
  protected readonly logger = new Logger(ExperimentSyncService.name);
  /** Experiments with a variant whose artifact was refused, so a poll does not retry forever. */
  private readonly refused = new Set<number>();

  constructor(
    private readonly experiments: ExperimentsRepository,
    private readonly registry: ExperimentRegistry,
    private readonly models: ModelRegistry,
    private readonly loader: ModelLoader,
    listener: NotificationListener,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(
      listener,
      EXPERIMENTS_CHANNEL,
      config.training.modelPollSeconds,
      'experiment sync failed; this process keeps what it served',
    );
  }

  /** Serves the experiment the database says runs, or none. */
  protected async follow(): Promise<void> {
    const running = await this.experiments.findRunning();
    const current = this.registry.get();
    if (current && current.id === running?.id) return;
    if (!running || this.refused.has(running.id)) {
      if (current) this.stopServing(current);
      return;
    }
    let next: RunningExperiment;
    try {
      next = await this.loadVariants(running, current);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error.cause;
      this.refused.add(running.id);
      this.logger.warn('experiment refused here: the main model serves everyone', {
        experimentId: running.id,
        reason: errorMessage(error),
      });
      if (current) this.stopServing(current);
      return;
    }
    this.registry.swap(next);
    this.logger.log('experiment serving', {
      experimentId: next.id,
      variants: next.variants.map((v) => `${v.name}=${v.modelVersion}`),
    });
  }

  /** Every variant's model, each version loaded once, reusing models already in memory. */
  private async loadVariants(
    experiment: Experiment,
    current: RunningExperiment | undefined,
  ): Promise<RunningExperiment> {
    const byVersion = new Map<number, LoadedModel>();
    for (const held of [this.models.get(), ...(current?.variants.map((v) => v.loaded) ?? [])]) {
      if (held) byVersion.set(held.version, held);
    }
    const variants = [];
    for (const variant of experiment.variants) {
      let loaded = byVersion.get(variant.modelVersion);
      if (!loaded) {
        loaded = (await this.loader.loadVersion(variant.modelVersion)).loaded;
        byVersion.set(variant.modelVersion, loaded);
      }
      variants.push({ name: variant.name, modelVersion: variant.modelVersion, loaded });
    }
    return {
      id: experiment.id,
      name: experiment.name,
      variants,
      shares: experiment.variants.map((v) => v.share),
    };
  }

  private stopServing(experiment: RunningExperiment): void {
    this.registry.swap(undefined);
    this.logger.log('experiment no longer served', { experimentId: experiment.id });
  }
}

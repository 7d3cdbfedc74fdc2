import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ModelLoader, StoreUnavailableError } from './model-loader';
import { ModelRegistry } from './model-registry';
import { ModelStore } from '../training/model-store/model-store';
import { MODEL_CHANNEL } from '../training/model-store/model-channel';
import { errorMessage } from '../common/errors/error-message';
import { Clock } from '../common/clock/clock';
import { DatabaseFollower } from '../database/database-follower';
import { NotificationListener } from '../database/notification-listener';

/**
 * Keeps this process serving the version the store names (the ready one promoted last, by a
 * training or a rollback): loads it at start-up (no retrain after a restart), follows NOTIFYs
 * on the model channel for new versions and rollbacks within a second, and
 * polls `model_versions` as the safety net for a lost notification or connection. A corrupt or
 * missing artifact is refused with a warning and the current model keeps serving.
 */
@Injectable()
export class ModelSyncService extends DatabaseFollower {
  protected readonly logger = new Logger(ModelSyncService.name);
  /** Versions whose artifact was refused, so a poll does not retry them forever. */
  private readonly refused = new Set<number>();

  constructor(
    private readonly store: ModelStore,
    private readonly registry: ModelRegistry,
    private readonly loader: ModelLoader,
    listener: NotificationListener,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    super(
      listener,
      MODEL_CHANNEL,
      config.training.modelPollSeconds,
      'model sync failed; the current model keeps serving',
    );
  }

  /** Loads the version the store says serves when this process serves another. */
  protected async follow(): Promise<void> {
    const target = await this.store.findServing();
    const serving = this.registry.get();
    // Promotions only grow, so a serving version promoted after the store's serving one was
    // removed (an import replaced the demo data it was trained on): it must not go on serving
    // movie ids that no longer exist. The store's serving version takes over, or popularity does.
    const servingRemoved =
      serving !== undefined &&
      (target === null || (serving.info.promotion ?? 0) > (target.promotion ?? 0));
    const candidate = target && !this.refused.has(target.version) ? target : null;
    if (!candidate) {
      if (servingRemoved) this.dropServing(serving.version);
      return;
    }
    if (serving?.version === candidate.version) return;
    const started = this.clock.now();
    try {
      const { loaded, artifactBytes } = await this.loader.load(candidate);
      const previous = this.registry.swap(loaded);
      this.logger.log('model swapped', {
        oldVersion: previous?.version ?? null,
        newVersion: candidate.version,
        loadMs: this.clock.now() - started,
        artifactBytes,
      });
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error.cause;
      this.refused.add(candidate.version);
      this.logger.warn('model artifact refused; the previous model keeps serving', {
        version: candidate.version,
        servingVersion: serving?.version ?? null,
        reason: errorMessage(error),
      });
      if (servingRemoved) this.dropServing(serving.version);
    }
  }

  private dropServing(version: number): void {
    this.registry.clear();
    this.logger.warn('serving model removed from the store; popularity serves until a retrain', {
      oldVersion: version,
    });
  }
}

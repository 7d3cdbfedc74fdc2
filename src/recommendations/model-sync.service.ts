import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { artifactChecksum, decodeModel } from '../recommender';
import { ModelRegistry, toLoadedModel } from './model-registry';
import { ModelStore } from '../training/model-store/model-store';
import { MODEL_CHANNEL } from '../training/model-store/model-channel';
import { errorMessage } from '../common/errors/error-message';
import { Clock } from '../common/clock/clock';
import { NotificationListener } from '../database/notification-listener';

/**
 * Keeps this process serving the newest good model version: loads it at start-up (no retrain
 * after a restart), follows NOTIFYs on the model channel for new versions within a second, and
 * polls `model_versions` as the safety net for a lost notification or connection. A corrupt or
 * missing artifact is refused with a warning and the current model keeps serving.
 */
@Injectable()
export class ModelSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ModelSyncService.name);
  private pollTimer: NodeJS.Timeout | undefined;
  /** Versions whose artifact was refused, so a poll does not retry them forever. */
  private readonly refused = new Set<number>();
  private syncing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly store: ModelStore,
    private readonly registry: ModelRegistry,
    private readonly listener: NotificationListener,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    // A version stored while we were not listening is caught when the channel comes up, rather
    // than at the next poll.
    void this.listener.subscribe(MODEL_CHANNEL, {
      notified: () => void this.sync(),
      connectionChanged: (live) => live && void this.sync(),
    });
    this.pollTimer = setInterval(
      () => void this.sync(),
      this.config.training.modelPollSeconds * 1000,
    );
    this.pollTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.syncing;
  }

  /** Loads the newest ready version when it is newer than the serving one. Serialised. */
  sync(): Promise<void> {
    this.syncing = this.syncing
      .then(() => this.loadNewest())
      .catch((error: unknown) => {
        this.logger.warn('model sync failed; the current model keeps serving', {
          reason: errorMessage(error),
        });
      });
    return this.syncing;
  }

  private async loadNewest(): Promise<void> {
    const newest = await this.store.findNewestReady();
    const serving = this.registry.get();
    // Versions only grow, so a serving version newer than the newest ready one was removed
    // (an import replaced the demo data it was trained on): it must not go on serving movie ids
    // that no longer exist. The newest remaining version takes over, or popularity does.
    const servingRemoved =
      serving !== undefined && (newest === null || newest.version < serving.version);
    const candidate = newest && !this.refused.has(newest.version) ? newest : null;
    if (!candidate) {
      if (servingRemoved) this.dropServing(serving.version);
      return;
    }
    if (serving && !servingRemoved && serving.version >= candidate.version) return;
    const started = this.clock.now();
    const bytes = await this.store.readArtifact(candidate.version);
    try {
      if (!bytes) throw new Error('the artifact is missing');
      // The row's checksum names the artifact it belongs to; decodeModel verifies the bytes.
      const checksum = artifactChecksum(bytes);
      if (candidate.checksum && checksum !== candidate.checksum) {
        throw new Error(`checksum ${checksum} does not match the stored ${candidate.checksum}`);
      }
      const model = decodeModel(bytes);
      const previous = this.registry.swap(toLoadedModel(candidate, model, this.clock.date()));
      this.logger.log('model swapped', {
        oldVersion: previous?.version ?? null,
        newVersion: candidate.version,
        loadMs: this.clock.now() - started,
        artifactBytes: bytes.length,
      });
    } catch (error) {
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

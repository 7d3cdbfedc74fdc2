import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { artifactChecksum, decodeModel } from '../recommender';
import { ModelRegistry, toLoadedModel } from './model-registry';
import { MODEL_CHANNEL, ModelStore } from '../training/model-store/model-store';
import { errorMessage } from '../common/errors/error-message';
import { Clock } from '../common/clock/clock';

/**
 * Keeps this process serving the newest good model version: loads it at start-up (no retrain
 * after a restart), follows NOTIFYs on the model channel for new versions within a second, and
 * polls `model_versions` as the safety net for a lost notification or connection. A corrupt or
 * missing artifact is refused with a warning and the current model keeps serving.
 */
@Injectable()
export class ModelSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ModelSyncService.name);
  private listener: Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  /** Versions whose artifact was refused, so a poll does not retry them forever. */
  private readonly refused = new Set<number>();
  private syncing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly store: ModelStore,
    private readonly registry: ModelRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    void this.listen();
    this.pollTimer = setInterval(
      () => void this.sync(),
      this.config.training.modelPollSeconds * 1000,
    );
    this.pollTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.listener?.end().catch(() => undefined);
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
    if (!newest || this.refused.has(newest.version)) return;
    if (serving && serving.version >= newest.version) return;
    const started = this.clock.now();
    const bytes = await this.store.readArtifact(newest.version);
    try {
      if (!bytes) throw new Error('the artifact is missing');
      // The row's checksum names the artifact it belongs to; decodeModel verifies the bytes.
      const checksum = artifactChecksum(bytes);
      if (newest.checksum && checksum !== newest.checksum) {
        throw new Error(`checksum ${checksum} does not match the stored ${newest.checksum}`);
      }
      const model = decodeModel(bytes);
      const previous = this.registry.swap(toLoadedModel(newest, model, this.clock.date()));
      this.logger.log('model swapped', {
        oldVersion: previous?.version ?? null,
        newVersion: newest.version,
        loadMs: this.clock.now() - started,
        artifactBytes: bytes.length,
      });
    } catch (error) {
      this.refused.add(newest.version);
      this.logger.warn('model artifact refused; the previous model keeps serving', {
        version: newest.version,
        servingVersion: serving?.version ?? null,
        reason: errorMessage(error),
      });
    }
  }

  /** LISTEN on a dedicated connection; reconnects with a delay when it drops. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({
      connectionString: url,
      application_name: 'movie-recommender-listen',
    });
    client.on('notification', () => void this.sync());
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.listener === client) this.listener = undefined;
      if (!this.stopped) setTimeout(() => void this.listen(), 2000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${MODEL_CHANNEL}`);
      this.listener = client;
      // A version stored while we were not listening is caught here rather than at the next poll.
      void this.sync();
    } catch (error) {
      this.logger.warn('model channel unavailable; polling only until it returns', {
        reason: errorMessage(error),
      });
      await client.end().catch(() => undefined);
    }
  }
}

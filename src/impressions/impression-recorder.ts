import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Counter } from 'prom-client';
import { errorMessage } from '../common/errors/error-message';
import { AppMetrics } from '../common/metrics/app-metrics';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Impression } from './impression';
import { ImpressionBuffer } from './impression-buffer';
import { ImpressionsRepository } from './impressions.repository';

/** How often the buffer is written out. */
const FLUSH_INTERVAL_MS = 1000;

/**
 * Records what recommendations showed without slowing the request that showed it: `record` only
 * appends to a bounded in-memory buffer (ImpressionBuffer; a full buffer drops and counts, never
 * blocks), and a timer writes the buffer out once a second in one COPY. A batch that fails to
 * write (the database away) is kept for one more try, then dropped and counted; what is left at
 * shutdown is written before the pool closes.
 */
@Injectable()
export class ImpressionRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImpressionRecorder.name);
  private readonly buffer: ImpressionBuffer;
  /** RECORD_IMPRESSIONS. */
  private readonly enabled: boolean;
  private readonly written: Counter;
  private readonly lost: Counter<'reason'>;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** A batch that failed once; it is not given back a second time. */
  private retrying: ReadonlySet<Impression> = new Set();

  constructor(
    private readonly repository: ImpressionsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: AppMetrics,
  ) {
    this.buffer = new ImpressionBuffer(config.impressions.bufferSize);
    this.enabled = config.impressions.record;
    this.written = new Counter({
      name: 'impressions_written_total',
      help: 'Recommendation lists recorded as shown',
      registers: [metrics.registry],
    });
    this.lost = new Counter({
      name: 'impressions_dropped_total',
      help: 'Recommendation lists not recorded: buffer full, or a batch that failed twice',
      labelNames: ['reason'] as const,
      registers: [metrics.registry],
    });
    metrics.registerCacheSize('impression_buffer', () => this.buffer.size);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  record(impression: Impression): void {
    if (!this.enabled) return;
    if (!this.buffer.add(impression)) this.lost.inc({ reason: 'buffer_full' });
  }

  /** Writes what is buffered; serialised, so batches go out one at a time and in order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  private async writeBatch(): Promise<void> {
    const batch = this.buffer.take();
    if (batch.length === 0) return;
    try {
      await this.repository.insertBatch(batch);
      this.written.inc(batch.length);
      this.retrying = new Set();
    } catch (error) {
      const fresh = batch.filter((impression) => !this.retrying.has(impression));
      const failedTwice = batch.length - fresh.length;
      if (failedTwice > 0) this.lost.inc({ reason: 'write_failed' }, failedTwice);
      const before = this.buffer.dropped;
      this.buffer.giveBack(fresh);
      this.lost.inc({ reason: 'buffer_full' }, this.buffer.dropped - before);
      this.retrying = new Set(fresh);
      this.logger.warn('impressions not written; retrying once', {
        impressions: batch.length,
        dropped: failedTwice,
        reason: errorMessage(error),
      });
    }
  }
}

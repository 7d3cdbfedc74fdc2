import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TrainingInProgressError } from '../common/errors/app-error';
import { ModelStore } from './model-store/model-store';
import { ModelVersionsService } from './model-store/model-versions.service';
import { TrainingService } from './training.service';
import { errorMessage } from '../common/errors/error-message';
import { Clock } from '../common/clock/clock';

/** Allowed difference between this host's clock and the database's. */
const CLOCK_SLACK_MS = 2000;

/**
 * The nightly retrain (RETRAIN_CRON; empty turns it off), followed by the retention of old
 * artifacts (MODEL_RETENTION). Every instance schedules it; the training lock lets only one of
 * them train (and then apply retention), the others log that it runs elsewhere.
 */
@Injectable()
export class TrainingScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrainingScheduler.name);

  constructor(
    private readonly training: TrainingService,
    private readonly store: ModelStore,
    private readonly versions: ModelVersionsService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const expression = this.config.training.cron;
    if (!expression) {
      this.logger.log('scheduled retraining is off (RETRAIN_CRON is empty)');
      return;
    }
    let scheduledAt: Date | undefined;
    const job: CronJob = CronJob.from({
      cronTime: expression,
      onTick: () => {
        const tick = scheduledAt ?? this.clock.date();
        scheduledAt = job.nextDate().toJSDate();
        return this.retrain(tick);
      },
      timeZone: 'UTC',
    });
    this.schedulerRegistry.addCronJob('retrain', job);
    job.start();
    scheduledAt = job.nextDate().toJSDate();
    this.logger.log('scheduled retraining', { cron: expression, next: job.nextDate().toISO() });
  }

  /** No new scheduled training once the process is stopping. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.schedulerRegistry.doesExist('cron', 'retrain')) return;
    await this.schedulerRegistry.getCronJob('retrain').stop();
    this.logger.log('schedule stopped', { job: 'retrain' });
  }

  /**
   * One tick. Skipped when another process already started a training for this tick: the
   * lock alone would let a process whose tick fires late train again after the first finished.
   */
  async retrain(scheduledAt: Date): Promise<void> {
    try {
      const newest = await this.store.findNewest();
      if (newest && newest.createdAt.getTime() >= scheduledAt.getTime() - CLOCK_SLACK_MS) {
        this.logger.log('scheduled retraining skipped: this tick was trained elsewhere', {
          version: newest.version,
        });
        return;
      }
      await this.training.train({ force: false, trigger: 'schedule' });
      await this.applyRetention();
    } catch (error) {
      if (error instanceof TrainingInProgressError) {
        this.logger.log('scheduled retraining skipped: a training runs elsewhere');
        return;
      }
      this.logger.error('scheduled retraining failed', {
        error: errorMessage(error),
      });
    }
  }

  /** A failed retention is retried by the next night's run; the training's outcome stands. */
  private async applyRetention(): Promise<void> {
    try {
      await this.versions.applyRetention();
    } catch (error) {
      this.logger.warn('model retention failed; the next scheduled run tries again', {
        error: errorMessage(error),
      });
    }
  }
}

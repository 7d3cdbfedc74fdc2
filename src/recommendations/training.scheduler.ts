import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TrainingInProgressError } from '../common/errors/app-error';
import { TrainingService } from './training.service';

/**
 * The nightly retrain (RETRAIN_CRON; empty turns it off). Every instance schedules it; the
 * training lock lets only one of them train, the others log that it runs elsewhere.
 */
@Injectable()
export class TrainingScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrainingScheduler.name);

  constructor(
    private readonly training: TrainingService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const expression = this.config.training.cron;
    if (!expression) {
      this.logger.log('scheduled retraining is off (RETRAIN_CRON is empty)');
      return;
    }
    const job = CronJob.from({
      cronTime: expression,
      onTick: () => this.retrain(),
      timeZone: 'UTC',
    });
    this.schedulerRegistry.addCronJob('retrain', job);
    job.start();
    this.logger.log('scheduled retraining', { cron: expression, next: job.nextDate().toISO() });
  }

  async retrain(): Promise<void> {
    try {
      await this.training.train({ force: false, trigger: 'schedule' });
    } catch (error) {
      if (error instanceof TrainingInProgressError) {
        this.logger.log('scheduled retraining skipped: a training runs elsewhere');
        return;
      }
      this.logger.error('scheduled retraining failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { errorMessage } from '../common/errors/error-message';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SessionsRepository } from './sessions.repository';

const JOB_NAME = 'session-purge';

/**
 * Keeps the session tables bounded: on SESSION_PURGE_CRON (nightly by default; empty turns it
 * off) deletes ended sessions and expired refresh tokens. Every instance runs it; the DELETE is
 * idempotent, so a second instance deleting nothing is harmless.
 */
@Injectable()
export class SessionPurge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionPurge.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const expression = this.config.auth.sessionPurgeCron;
    if (!expression) return;
    const job = CronJob.from({ cronTime: expression, onTick: () => this.purge(), timeZone: 'UTC' });
    this.schedulerRegistry.addCronJob(JOB_NAME, job);
    job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.schedulerRegistry.doesExist('cron', JOB_NAME)) {
      await this.schedulerRegistry.getCronJob(JOB_NAME).stop();
    }
  }

  async purge(): Promise<void> {
    try {
      const deleted = await this.sessions.purgeEnded(this.config.auth.refreshFamilyMaxAgeSeconds);
      if (deleted.sessions > 0 || deleted.refreshTokens > 0) {
        this.logger.log('ended sessions and expired refresh tokens deleted', deleted);
      }
    } catch (error) {
      this.logger.warn('session purge failed; the next run tries again', {
        error: errorMessage(error),
      });
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { errorMessage } from '../common/errors/error-message';
import { CronTask } from '../common/scheduling/cron-task';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SessionsRepository } from './sessions.repository';

/**
 * Keeps the session tables bounded: on SESSION_PURGE_CRON (nightly by default; empty turns it
 * off) deletes ended sessions and expired refresh tokens. Every instance runs it; the DELETE is
 * idempotent, so a second instance deleting nothing is harmless.
 */
@Injectable()
export class SessionPurge extends CronTask {
  private readonly logger = new Logger(SessionPurge.name);

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    schedulerRegistry: SchedulerRegistry,
  ) {
    super(schedulerRegistry, 'session-purge', config.auth.sessionPurgeCron);
  }

  async run(): Promise<void> {
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

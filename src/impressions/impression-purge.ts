import { Inject, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../common/clock/clock';
import { errorMessage } from '../common/errors/error-message';
import { CronTask } from '../common/scheduling/cron-task';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ImpressionsRepository } from './impressions.repository';

/**
 * Retention: on IMPRESSION_PURGE_CRON (nightly by default; empty turns it off) deletes the
 * impressions older than IMPRESSION_RETENTION_DAYS, and any left of a deleted account. Every
 * instance runs it; a second one deletes nothing.
 */
@Injectable()
export class ImpressionPurge extends CronTask {
  private readonly logger = new Logger(ImpressionPurge.name);

  constructor(
    private readonly impressions: ImpressionsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    schedulerRegistry: SchedulerRegistry,
  ) {
    super(schedulerRegistry, 'impression-purge', config.impressions.purgeCron);
  }

  async run(): Promise<void> {
    const retentionMs = this.config.impressions.retentionDays * 86_400_000;
    try {
      const deleted = await this.impressions.purge(new Date(this.clock.now() - retentionMs));
      if (deleted > 0) this.logger.log('old impressions deleted', { impressions: deleted });
    } catch (error) {
      this.logger.warn('impression purge failed; the next run tries again', {
        error: errorMessage(error),
      });
    }
  }
}

import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

/**
 * A job run on a cron expression from the configuration (UTC; an empty expression turns it
 * off), registered with @nestjs/schedule's registry at start-up and stopped before shutdown.
 * Subclasses say what one run does; a run should catch and log its own errors.
 */
export abstract class CronTask implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected constructor(
    private readonly schedulerRegistry: SchedulerRegistry,
    private readonly jobName: string,
    private readonly cronTime: string,
  ) {}

  /** One run. */
  abstract run(): Promise<void>;

  onApplicationBootstrap(): void {
    if (!this.cronTime) return;
    const job = CronJob.from({
      cronTime: this.cronTime,
      onTick: () => this.run(),
      timeZone: 'UTC',
    });
    this.schedulerRegistry.addCronJob(this.jobName, job);
    job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.schedulerRegistry.doesExist('cron', this.jobName)) {
      await this.schedulerRegistry.getCronJob(this.jobName).stop();
    }
  }
}

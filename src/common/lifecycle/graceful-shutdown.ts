import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TrainingService } from '../../training/training.service';

/**
 * Stops accepting connections and resolves once the in-flight requests have been answered, or
 * after `timeoutMs`, when the connections still open are cut. Idle keep-alive connections are
 * closed as soon as their last response is out.
 */
export function stopAccepting(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * The shutdown steps between "HTTP drained" and "pool closed" (Nest runs
 * beforeApplicationShutdown before TypeORM closes): no new scheduled training starts, and a
 * training running here gets SHUTDOWN_TIMEOUT_MS to end. One still running after that is cut
 * off with the pool: its version row stays `training` and the next training marks it failed;
 * no artifact or `ready` row is written, and the serving model is untouched.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly schedulerRegistry: SchedulerRegistry,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    for (const [name, job] of this.schedulerRegistry.getCronJobs()) {
      await job.stop();
      this.logger.log('schedule stopped', { job: name });
    }
    const training = this.moduleRef.get(TrainingService, { strict: false });
    if (!training.isRunningHere()) return;
    const timeoutMs = this.config.http.shutdownTimeoutMs;
    this.logger.log('waiting for the running training to end', { timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      training.waitForRunning().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!ended) this.logger.warn('training still running at shutdown: abandoned', { timeoutMs });
  }
}

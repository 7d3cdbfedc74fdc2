import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClockModule } from '../common/clock/clock.module';
import { ConfigError, loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { resolveDatabase } from '../database/database-url';
import { MetricsModule } from '../common/metrics/metrics.module';
import { TrainingModule } from '../training/training.module';
import { TrainingService } from '../training/training.service';
import { errorMessage } from '../common/errors/error-message';
import { createCliLogger } from './cli-logger';

/**
 * `npm run train [-- --force]`: the offline training job. Reads the database named by
 * DATABASE_URL (or the embedded one), trains, evaluates, stores a new version; every running
 * server picks it up through NOTIFY. Logs go to stderr, the outcome to stdout. Exits 0 when a
 * version was stored (ready or held back by the quality gate), 1 when training failed, 75 when
 * another training holds the lock.
 */
async function main(): Promise<number> {
  const force = process.argv.includes('--force');
  const config = loadConfig();
  const logger = createCliLogger(config);
  Logger.overrideLogger(logger);
  const database = await resolveDatabase(config);
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      ClockModule,
      DatabaseModule.forRoot(database.url),
      // The catalog and auth state the training module's imports bring register their gauges.
      MetricsModule,
      TrainingModule,
    ],
  })
  class TrainJobModule {}
  const app = await NestFactory.createApplicationContext(TrainJobModule, { logger });
  try {
    const outcome = await app.get(TrainingService).train({ force, trigger: 'cli' });
    process.stdout.write(
      `model version ${outcome.version}: ${outcome.status}` +
        (outcome.ndcgAt10 !== undefined ? `, nDCG@10 ${outcome.ndcgAt10.toFixed(4)}` : '') +
        (outcome.error ? ` (${outcome.error})` : '') +
        '\n',
    );
    return outcome.status === 'failed' ? 1 : 0;
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = errorMessage(error);
    process.stderr.write(`${message}\n`);
    process.exit(error instanceof ConfigError ? 2 : /already running/.test(message) ? 75 : 1);
  },
);

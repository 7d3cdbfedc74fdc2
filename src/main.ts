import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { stopAccepting } from './common/lifecycle/stop-accepting';
import { AppLogger } from './common/logging/app-logger';
import { useRequestLogging } from './common/logging/request-logging.hooks';
import { AppMetrics } from './common/metrics/app-metrics';
import { useHttpMetrics } from './common/metrics/http-metrics.hook';
import { errorMessage } from './common/errors/error-message';
import { browsableUrl } from './common/http/browsable-url';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { ResolvedDatabase, resolveDatabase } from './database/database-url';
import { configureHttpApp, createHttpAdapter, DOCS_PATH } from './http-app';
import { FirstStartService } from './first-start/first-start.service';

/** Set once the configuration is read: whether a failed start also prints its stack. */
let isDebugLogging = false;

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  isDebugLogging = config.logLevel === 'debug' || config.logLevel === 'trace';
  const logger = AppLogger.create({
    level: config.logLevel,
    format: config.logFormat,
    fd: 1,
    sync: false,
  });
  Logger.overrideLogger(logger);
  if (config.auth.jwtSecretGenerated) {
    logger.warn(
      'JWT_SECRET is not set: using a random secret, so tokens will not survive a restart',
      'Config',
    );
  }
  const database = await resolveDatabase(config);
  try {
    await serve(config, logger, database);
  } catch (error) {
    // Not left running behind a failed start (the next start would stop it as an orphan).
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
}

async function serve(
  config: AppConfig,
  logger: AppLogger,
  database: ResolvedDatabase,
): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, databaseUrl: database.url }),
    createHttpAdapter(config.http),
    { logger, bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // First, so that every line logged while serving a request carries its id.
  useRequestLogging(fastify, logger.pino);
  useHttpMetrics(fastify, app.get(AppMetrics));
  configureHttpApp(app, config.http);
  stopGracefullyOnSignals(async () => {
    // Stop accepting and answer what is in flight, then the hooks: schedule stopped, a running
    // training given time to end, the model listener and the pool closed.
    await stopAccepting(app.getHttpServer(), config.http.shutdownTimeoutMs);
    logger.log('http drained', {}, 'Bootstrap');
    await app.close();
    // PostgreSQL goes last: after HTTP has drained and the pool is closed.
    await database.embedded?.stop();
  });
  await app.init();
  await app.get(FirstStartService).run(database.url);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  // The last start-up line: where a person can click to try the API.
  logger.log(
    'ready',
    { docs: `${browsableUrl(config.http.host, port)}/${DOCS_PATH}`, port },
    'Bootstrap',
  );
}

/**
 * npm forwards SIGINT to `npm start`'s script, so a terminal's Ctrl-C, which the whole process
 * group gets, arrives twice within milliseconds: a repeat this soon is that copy, not a person
 * pressing Ctrl-C again to exit at once.
 */
const SIGNAL_ECHO_MS = 1000;

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight work finish through Nest's shutdown hooks, then
 * exit. A second signal exits at once.
 */
function stopGracefullyOnSignals(shutdown: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < SIGNAL_ECHO_MS) {
        Logger.debug('repeated signal taken as the same request', { signal }, 'Bootstrap');
        return;
      }
      process.exit(130);
    }
    stoppingSince = Date.now();
    Logger.log('shutting down', { signal }, 'Bootstrap');
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        Logger.error('shutdown failed', { err: error }, 'Bootstrap');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

// One line that says what went wrong; the stack only for LOG_LEVEL=debug.
bootstrap().catch((error: unknown) => {
  const line =
    error instanceof ConfigError ? error.message : `Start-up failed: ${errorMessage(error)}`;
  process.stderr.write(`${line}\n`);
  if (isDebugLogging && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { loadConfig } from '../config/app-config';
import { resolveDatabase } from '../database/database-url';
import { runPendingMigrations } from '../database/run-migrations';
import { MovieLensImportError } from '../datasets/movielens/import/import-error';
import {
  ImportMovieLensSummary,
  importMovieLens,
} from '../datasets/movielens/import/import-movielens';
import { errorMessage } from '../common/errors/error-message';
import { createCliLogger } from './cli-logger';
import { importProgressReporter } from './import-progress';
import { DemoInUseError } from '../datasets/demo/demo-in-use-error';
import { formatImportOutcome } from './import-outcome';

const USAGE = 'usage: npm run import:movielens -- [--force] <movielens-folder>\n';

/**
 * `npm run import:movielens -- <dir>`: imports a MovieLens folder into DATABASE_URL (or the
 * embedded PostgreSQL), migrating first. Progress goes to stderr: a bar on a terminal, log
 * lines otherwise (see import-progress.ts); the summary goes to stdout.
 */
async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const args = process.argv.slice(2).filter((arg) => arg !== '--force');
  if (args.length !== 1 || args[0].startsWith('-')) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createCliLogger(config);
  Logger.overrideLogger(logger);
  const database = await resolveDatabase(config);
  const pool = new Pool({ connectionString: database.url, max: 1 });
  const reporter = importProgressReporter(logger);
  try {
    await runPendingMigrations(database.url);
    const summary = await importMovieLens(pool, args[0], {
      force,
      onProgress: (progress) => reporter.update(progress),
    });
    reporter.stop();
    process.stdout.write(formatSummary(summary));
    if (!summary.unchangedSince) process.stdout.write(formatImportOutcome(summary));
  } catch (error) {
    reporter.stop();
    throw error;
  } finally {
    await pool.end();
    await database.embedded?.stop();
  }
}

function formatSummary(summary: ImportMovieLensSummary): string {
  const unchanged = summary.unchangedSince;
  if (unchanged) {
    return (
      `${summary.dir} (${summary.format}) is unchanged since load ${unchanged.loadId} of ` +
      `${unchanged.loadedAt.toISOString()} (same SHA-256 for every file): nothing to import; ` +
      `--force imports it again\n`
    );
  }
  const read = Object.entries(summary.linesRead)
    .map(([file, rows]) => `${file} ${rows}`)
    .join(', ');
  const added = Object.entries(summary.added)
    .map(([what, count]) => `${what} ${count}`)
    .join(', ');
  return (
    `imported ${summary.dir} (${summary.format}) in ${(summary.durationMs / 1000).toFixed(1)} s\n` +
    `  read:  ${read}\n  added: ${added}\n`
  );
}

main().catch((error: unknown) => {
  const message = errorMessage(error);
  const nothingImported = error instanceof MovieLensImportError || error instanceof DemoInUseError;
  const prefix = nothingImported ? 'import failed, nothing was imported' : 'import failed';
  process.stderr.write(`${prefix}: ${message}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { SingleBar } from 'cli-progress';
import { Pool } from 'pg';
import { loadConfig } from '../config/app-config';
import { resolveDatabase } from '../database/database-url';
import { runPendingMigrations } from '../database/run-migrations';
import { MovieLensImportError } from '../datasets/movielens/import/import-error';
import {
  ImportMovieLensSummary,
  ImportProgress,
  importMovieLens,
} from '../datasets/movielens/import/import-movielens';
import { errorMessage } from '../common/errors/error-message';
import { DemoInUseError } from '../datasets/demo/demo-in-use-error';
import { formatImportOutcome } from './import-outcome';

const USAGE = 'usage: npm run import:movielens -- <movielens-folder>\n';

/**
 * `npm run import:movielens -- <dir>`: imports a MovieLens folder into DATABASE_URL (or the
 * embedded PostgreSQL), migrating first. A progress bar with rows and rows/s on a terminal,
 * one log line per file and step otherwise, and a summary at the end.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const database = await resolveDatabase(loadConfig());
  const pool = new Pool({ connectionString: database.url, max: 1 });
  const reporter = process.stderr.isTTY ? new BarReporter() : new LineReporter();
  try {
    await runPendingMigrations(database.url);
    const summary = await importMovieLens(pool, args[0], {
      onProgress: (progress) => reporter.update(progress),
    });
    reporter.stop();
    process.stdout.write(formatSummary(summary));
    process.stdout.write(formatImportOutcome(summary));
  } catch (error) {
    reporter.stop();
    throw error;
  } finally {
    await pool.end();
    await database.embedded?.stop();
  }
}

interface Reporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

/** Rows per second since the file started; `started` is reset per file. */
class Rate {
  private file = '';
  private started = Date.now();

  of(file: string, rows: number): number {
    if (file !== this.file) {
      this.file = file;
      this.started = Date.now();
    }
    return Math.round(rows / Math.max((Date.now() - this.started) / 1000, 0.001));
  }
}

class BarReporter implements Reporter {
  private readonly bar = new SingleBar({
    format: '{file} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {step}',
    hideCursor: true,
    stream: process.stderr,
  });
  private readonly rate = new Rate();
  private started = false;

  update(progress: ImportProgress): void {
    if (progress.phase === 'merge') {
      if (this.started) this.bar.update({ file: 'merge', step: progress.step });
      return;
    }
    const payload = {
      file: progress.file,
      rows: progress.rows.toLocaleString('en-US'),
      rate: this.rate.of(progress.file, progress.rows).toLocaleString('en-US'),
      step: 'reading',
    };
    if (!this.started) {
      this.bar.start(progress.totalBytes, progress.bytesDone, payload);
      this.started = true;
    } else this.bar.update(progress.bytesDone, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
    this.started = false;
  }
}

class LineReporter implements Reporter {
  private readonly rate = new Rate();
  private lastLine = 0;
  private lastFile = '';

  update(progress: ImportProgress): void {
    if (progress.phase === 'merge') {
      process.stderr.write(`merge: ${progress.step}\n`);
      return;
    }
    const rate = this.rate.of(progress.file, progress.rows);
    const done = progress.bytesRead === progress.fileBytes;
    // A line per file when it is done, and every 5 s in between.
    if (!done && progress.file === this.lastFile && Date.now() - this.lastLine < 5000) return;
    this.lastFile = progress.file;
    this.lastLine = Date.now();
    process.stderr.write(
      `${progress.file}: ${progress.rows} rows${done ? ' read' : ''} (${rate} rows/s)\n`,
    );
  }

  stop(): void {}
}

function formatSummary(summary: ImportMovieLensSummary): string {
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

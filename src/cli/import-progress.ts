import { SingleBar } from 'cli-progress';
import { AppLogger } from '../common/logging/app-logger';
import { ImportProgress } from '../datasets/movielens/import/import-movielens';
import { PROGRESS_LINE_INTERVAL_MS } from './live-progress';
import { formatCountAndRate, ratePerSecond } from './throughput';

const CONTEXT = 'import';

export interface ImportProgressReporter {
  update(progress: ImportProgress): void;
  /** Ends the bar, if any, before anything else is written. */
  stop(): void;
}

/** A progress bar for a person at a terminal, log lines otherwise. */
export function importProgressReporter(logger: AppLogger): ImportProgressReporter {
  return logger.style.interactive ? new BarReporter() : new LineReporter(logger);
}

/** When the file being read started; files are read one after the other. */
class FileClock {
  private file = '';
  private startedAt = Date.now();

  /** Milliseconds since `file` started (its first report, of 0 bytes, starts it). */
  elapsedMs(file: string, now: number): number {
    if (file !== this.file) {
      this.file = file;
      this.startedAt = now;
    }
    return now - this.startedAt;
  }
}

/** One bar over every file's bytes, with rows and (once measurable) rows/s of the current file. */
class BarReporter implements ImportProgressReporter {
  private readonly bar = new SingleBar({
    format: '{file} [{bar}] {percentage}% | {rows} | {step}',
    hideCursor: true,
    stream: process.stderr,
  });
  private readonly clock = new FileClock();
  private started = false;

  update(progress: ImportProgress): void {
    if (progress.phase === 'merge') {
      if (this.started) this.bar.update({ file: 'merge', step: progress.step });
      return;
    }
    const elapsedMs = this.clock.elapsedMs(progress.file, Date.now());
    const payload = {
      file: progress.file,
      rows: formatCountAndRate(progress.rows, 'rows', elapsedMs),
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

/**
 * Plain log lines: one per file when it is read (rows, duration, and rows/s when the file took
 * long enough to measure one), one every few seconds while a large file is read, one per merge
 * step as it starts.
 */
class LineReporter implements ImportProgressReporter {
  private readonly clock = new FileClock();
  private lastLineAt = Date.now();

  constructor(private readonly logger: AppLogger) {}

  update(progress: ImportProgress): void {
    if (progress.phase === 'merge') {
      this.logger.log('merging', { step: progress.step }, CONTEXT);
      return;
    }
    const now = Date.now();
    const elapsedMs = this.clock.elapsedMs(progress.file, now);
    const rowsPerSecond = ratePerSecond(progress.rows, elapsedMs);
    if (progress.bytesRead === progress.fileBytes) {
      const fields = { file: progress.file, rows: progress.rows, durationMs: elapsedMs };
      this.logger.log('file read', { ...fields, rowsPerSecond }, CONTEXT);
      this.lastLineAt = now;
    } else if (now - this.lastLineAt >= PROGRESS_LINE_INTERVAL_MS) {
      const percent = Math.floor((100 * progress.bytesRead) / progress.fileBytes);
      this.logger.log(
        'reading',
        { file: progress.file, rows: progress.rows, percent, rowsPerSecond },
        CONTEXT,
      );
      this.lastLineAt = now;
    }
  }

  stop(): void {}
}

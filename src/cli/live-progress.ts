import { AppLogger } from '../common/logging/app-logger';

/** Between two progress lines in a pipe or a file: often enough to show life, rarely enough to read. */
export const PROGRESS_LINE_INTERVAL_MS = 5000;

/** ANSI: erase from the cursor to the end of the line. */
const ERASE_TO_END = '\x1b[K';

export interface LiveProgress {
  /** `done` of `total` in `stage` (e.g. ranking 400/943 users). */
  update(stage: string, done: number, total: number): void;
  /** Removes the live line, if any, so that a log line or the result can be written. */
  clear(): void;
}

/**
 * Progress of a counted step: for a person at a terminal, one stderr line rewritten in place
 * with `\r`; in a pipe or a file, a log line at most every few seconds (none for a short step).
 */
export function liveProgress(logger: AppLogger, unit: string, context: string): LiveProgress {
  return logger.style.interactive
    ? new TerminalLine(process.stderr, unit)
    : new ThrottledLines(logger, context);
}

class TerminalLine implements LiveProgress {
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly unit: string,
  ) {}

  update(stage: string, done: number, total: number): void {
    this.stream.write(`\r${stage} ${done}/${total} ${this.unit}${ERASE_TO_END}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write(`\r${ERASE_TO_END}`);
    this.shown = false;
  }
}

class ThrottledLines implements LiveProgress {
  private lastLineAt = Date.now();

  constructor(
    private readonly logger: AppLogger,
    private readonly context: string,
  ) {}

  update(stage: string, done: number, total: number): void {
    const now = Date.now();
    if (now - this.lastLineAt < PROGRESS_LINE_INTERVAL_MS) return;
    this.lastLineAt = now;
    this.logger.log(stage, { done, total }, this.context);
  }

  clear(): void {}
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CounterLimit {
  key: string;
  /** Attempts a window allows; the next ones are refused until it ends. */
  maxFailures: number;
}

export interface CounterState {
  key: string;
  /** Attempts counted in the current window, this one included. */
  failures: number;
  /** The window's start as PostgreSQL wrote it (exact to the microsecond), to refund into it. */
  windowStartedAt: string;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
}

export interface WindowLengths {
  windowSeconds: number;
  maxWindowSeconds: number;
}

/** The counter's window is still running (in the ON CONFLICT branch, `t` is the stored row). */
const OPEN = 't.window_started_at + make_interval(secs => t.window_seconds) > now()';

/**
 * Failed-login counters in PostgreSQL (table login_throttle), shared by every server process.
 * A counter counts attempts in a fixed window. A window that has ended restarts at the next
 * attempt, twice as long as the last one when that one's limit was reached and the attempt
 * comes within one more of its lengths (so an attacker who keeps every window full waits ever
 * longer, up to maxWindowSeconds), else as long as windowSeconds.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one attempt on each counter in a single statement and returns the counts, this one
   * included: concurrent attempts queue on the rows' locks, so each sees a different count
   * (no check-then-act). Keys are locked in the order given, so callers that list them alike
   * cannot deadlock.
   */
  async count(limits: CounterLimit[], lengths: WindowLengths): Promise<CounterState[]> {
    const rows: CounterState[] = await this.dataSource.query(
      `WITH attempt AS (
         SELECT key, max_failures, position
           FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS a(key, max_failures, position)
       )
       INSERT INTO login_throttle AS t (key, failures, window_started_at, window_seconds)
       SELECT key, 1, now(), $3 FROM attempt ORDER BY position
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN ${OPEN} THEN t.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN ${OPEN} THEN t.window_started_at ELSE now() END,
         window_seconds = CASE
           WHEN ${OPEN} THEN t.window_seconds
           WHEN t.failures >= (SELECT max_failures FROM attempt WHERE attempt.key = t.key)
                AND now() < t.window_started_at + make_interval(secs => 2 * t.window_seconds)
             THEN least(2 * t.window_seconds, $4)
           ELSE $3
         END
       RETURNING key, failures, window_started_at::text AS "windowStartedAt",
         ceil(extract(epoch FROM
           window_started_at + make_interval(secs => window_seconds) - now()))::int
           AS "retryAfterSeconds"`,
      [
        limits.map((l) => l.key),
        limits.map((l) => l.maxFailures),
        lengths.windowSeconds,
        lengths.maxWindowSeconds,
      ],
    );
    return rows;
  }

  /** Takes back one counted attempt (a login that succeeded was no failure), in its window only. */
  async refund(counted: CounterState[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE login_throttle AS t SET failures = t.failures - 1
         FROM unnest($1::text[], $2::text[]) AS c(key, window_started_at)
        WHERE t.key = c.key AND t.window_started_at = c.window_started_at::timestamptz
          AND t.failures > 0`,
      [counted.map((c) => c.key), counted.map((c) => c.windowStartedAt)],
    );
  }

  /**
   * Drops counters that can no longer matter: one that started more than twice
   * maxWindowSeconds ago ended (it is at most that long) more than one window's length ago, so
   * it neither counts nor doubles the next window.
   */
  async prune(maxWindowSeconds: number): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM login_throttle WHERE window_started_at < now() - make_interval(secs => $1)',
      [2 * maxWindowSeconds],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ThrottleState {
  failures: number;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window failure counters in PostgreSQL (table login_throttle), shared by every server
 * process. A row whose window has passed counts as zero and is restarted by the next failure.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The live counters of the given keys; keys without one are absent. */
  async current(keys: string[], windowSeconds: number): Promise<Map<string, ThrottleState>> {
    const rows: (ThrottleState & { key: string })[] = await this.dataSource.query(
      `SELECT key, failures,
              ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int
                AS "retryAfterSeconds"
         FROM login_throttle
        WHERE key = ANY($1) AND window_started_at > now() - make_interval(secs => $2)`,
      [keys, windowSeconds],
    );
    return new Map(rows.map(({ key, ...state }) => [key, state]));
  }

  /** Counts one failure on each key (in the given order, so concurrent callers lock alike). */
  async recordFailure(keys: string[], windowSeconds: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_throttle (key, failures, window_started_at)
       SELECT unnest($1::text[]), 1, now()
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_started_at <= now() - make_interval(secs => $2)
                         THEN 1 ELSE login_throttle.failures + 1 END,
         window_started_at = CASE WHEN login_throttle.window_started_at <= now() - make_interval(secs => $2)
                                  THEN now() ELSE login_throttle.window_started_at END`,
      [keys, windowSeconds],
    );
    // Expired windows are dead weight: drop them (indexed on window_started_at).
    await this.dataSource.query(
      'DELETE FROM login_throttle WHERE window_started_at <= now() - make_interval(secs => $1)',
      [windowSeconds],
    );
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }
}

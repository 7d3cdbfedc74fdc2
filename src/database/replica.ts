import { Pool } from 'pg';
import { errorMessage } from '../common/errors/error-message';
import { parseLsn, WalTimeline } from './wal-timeline';

/**
 * - `starting`: not checked yet; `in_use`: a standby within the lag limit, reads go to it;
 * - `lagging`: further behind than the limit; `down`: unreachable or refusing;
 * - `not_standby`: answers but is not in recovery (a promoted or wrong server), never read.
 */
export type ReplicaState = 'starting' | 'in_use' | 'lagging' | 'down' | 'not_standby';

export interface ReplicaStatus {
  /** host:port, never the URL (it carries the password). */
  name: string;
  state: ReplicaState;
  /** The last measured lag; null when none was measured (starting, down, not a standby). */
  lagMs: number | null;
  /** Why it is skipped, when it is. */
  reason?: string;
}

export interface ReplicaOptions {
  poolSize: number;
  statementTimeoutMs: number;
  /** How long to wait for a connection before calling the replica unavailable. */
  connectTimeoutMs: number;
}

/** One read replica: its own connection pool, and what its last check found. */
export class Replica {
  readonly name: string;
  readonly pool: Pool;
  private current: ReplicaStatus;
  /** Monotonic time of the last successful check. */
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(url: string, options: ReplicaOptions) {
    const parsed = new URL(url);
    this.name = `${parsed.hostname}:${parsed.port || '5432'}`;
    this.pool = new Pool({
      connectionString: url,
      application_name: 'movie-recommender-replica',
      max: options.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs,
    });
    // An idle connection's error (the replica stopping) is not a crash: the checker notices.
    this.pool.on('error', () => undefined);
    this.current = { name: this.name, state: 'starting', lagMs: null };
  }

  get status(): ReplicaStatus {
    return this.current;
  }

  /** Whether reads may go here: in use, as vouched for by a check at most `trustMs` old. */
  usable(nowMs: number, trustMs: number): boolean {
    return this.current.state === 'in_use' && nowMs - this.checkedAt <= trustMs;
  }

  /**
   * Asks the replica how far it has replayed, and compares that with the primary's positions in
   * `timeline` (sampled just before). Never throws: a failed check marks the replica down.
   */
  async check(timeline: WalTimeline, maxLagMs: number, now: () => number): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ standby: boolean; replay: string | null }>(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay',
      );
      const at = now();
      const { standby, replay } = rows[0];
      if (!standby || replay === null) {
        this.set({ state: 'not_standby', lagMs: null, reason: 'not in recovery' });
        return;
      }
      const lagMs = Math.round(timeline.lagMs(parseLsn(replay), at));
      this.checkedAt = at;
      if (lagMs <= maxLagMs) this.set({ state: 'in_use', lagMs });
      else this.set({ state: 'lagging', lagMs, reason: `${lagMs} ms behind` });
    } catch (error) {
      this.markDown(errorMessage(error));
    }
  }

  /** A read or a check failed for the replica's reasons: skipped until a check succeeds. */
  markDown(reason: string): void {
    this.set({ state: 'down', lagMs: null, reason });
  }

  end(): Promise<void> {
    return this.pool.end();
  }

  private set(status: Omit<ReplicaStatus, 'name'>): void {
    this.current = { name: this.name, ...status };
  }
}

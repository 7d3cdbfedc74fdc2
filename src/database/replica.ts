import { Pool } from 'pg';
import { errorMessage } from '../common/errors/error-message';
import { parseLsn, WalTimeline } from './wal-timeline';

/**
 * - `starting`: not checked yet; `in_use`: a standby within the lag limit, reads go to it;
 * - `lagging`: further behind than the limit; `down`: unreachable or refusing;
 * - `not_standby`: answers but is no standby of the primary's database (not in recovery, a
 *   standby of another cluster, or another database): never read.
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

/** Which cluster (pg_control_system's identifier, shared by a primary and its standbys) and database. */
export interface DatabaseIdentity {
  system: string;
  database: string;
}

/** Identity of the primary's database, for the replicas' checks to compare with. */
export const DATABASE_IDENTITY_SQL = `SELECT current_database() AS database,
  (SELECT system_identifier FROM pg_control_system())::text AS system`;

function identityMismatch(
  primary: DatabaseIdentity,
  replica: DatabaseIdentity,
): string | undefined {
  if (replica.system !== primary.system) return 'a standby of another cluster';
  if (replica.database !== primary.database) {
    return `names database ${replica.database}, not the primary's ${primary.database}`;
  }
  return undefined;
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
  async check(
    primary: DatabaseIdentity,
    timeline: WalTimeline,
    maxLagMs: number,
    now: () => number,
  ): Promise<void> {
    try {
      const { rows } = await this.pool.query<
        DatabaseIdentity & { standby: boolean; replay: string | null }
      >(
        `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay,
                current_database() AS database,
                (SELECT system_identifier FROM pg_control_system())::text AS system`,
      );
      const at = now();
      const { standby, replay } = rows[0];
      const mismatch = identityMismatch(primary, rows[0]);
      // A promoted standby still reports its last replayed position: in recovery is the test.
      if (!standby || replay === null || mismatch) {
        this.set({ state: 'not_standby', lagMs: null, reason: mismatch ?? 'not in recovery' });
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

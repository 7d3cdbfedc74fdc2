import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { errorMessage } from '../common/errors/error-message';
import { AppMetrics } from '../common/metrics/app-metrics';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RecentWrites } from './recent-writes';
import { DATABASE_IDENTITY_SQL, DatabaseIdentity, Replica, ReplicaStatus } from './replica';
import { replicaFault } from './replica-fault';
import { parseLsn, WalTimeline } from './wal-timeline';

/**
 * Where a read may go: `replica` is any replica in use (the primary when none is), `primary` is
 * the primary always (the read must see a write this process just made).
 */
export type ReadFrom = 'replica' | 'primary';

/** How often each replica's lag is measured (one tiny query on the primary and on each). */
const CHECK_INTERVAL_MS = 500;
/** A replica's last check vouches for it this long: if the checker stalls, reads leave it. */
const CHECK_TRUSTED_MS = 3 * CHECK_INTERVAL_MS;
/** A replica that takes longer to give a connection is unavailable: its reads go elsewhere. */
const CONNECT_TIMEOUT_MS = 2000;

type RouteReason = 'replica_in_use' | 'primary_asked' | 'no_replica_in_use' | 'replica_failed';

/** Monotonic, so that a wall-clock step neither shortens a window nor fakes a lag. */
function monotonicNow(): number {
  return performance.now();
}

/**
 * The read replicas of DATABASE_REPLICA_URLS, each a streaming standby of the primary, and the
 * one place that decides where a read runs. Callers name what may go to a replica (catalog
 * fills, recommendations' feedback read, a user's lists: see ReadYourWrites and MovieCatalog);
 * everything else (writes, transactions, the model store, LISTEN, advisory locks, the bearer
 * check) uses the TypeORM connection to the primary as before.
 *
 * Why not TypeORM's `replication: { master, slaves }`: it sends every `find` and query builder
 * read to a random slave by default (`defaultMode` can flip that), with no health or lag check,
 * so a stopped or lagging standby fails or staleness reaches reads; and it replaces `url`, which
 * the LISTEN connection and the title-search pool read. An explicit read pool per replica keeps
 * the routed reads few and named, and lets a down or lagging replica be skipped.
 *
 * Skipping: a checker measures each replica every CHECK_INTERVAL_MS (see WalTimeline for how);
 * one more than REPLICA_MAX_LAG_MS behind, unreachable, or not checked for CHECK_TRUSTED_MS is
 * not read until a check finds it well. A read that fails for the replica's reasons
 * (replicaFault) runs again on the primary at once, so a replica stopping costs no request.
 *
 * With no replica configured nothing here runs: `read` calls its work with the primary's pool.
 */
@Injectable()
export class ReadReplicas implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplicas.name);
  private readonly replicas: Replica[];
  private readonly maxLagMs: number;
  private readonly timeline: WalTimeline;
  /** The primary's cluster and database, read at the first check: a replica must match it. */
  private primaryIdentity: DatabaseIdentity | undefined;
  /**
   * How long after a write its reads must go to the primary: a replica in use may be up to
   * maxLag behind as measured, plus the measure's error (one interval), plus the time since its
   * check (at most CHECK_TRUSTED_MS). Past that every replica in use has the write.
   */
  readonly freshnessWindowMs: number;
  private routed: Record<RouteReason, Counter.Internal> | undefined;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: AppMetrics,
  ) {
    const { replicaUrls, replicaMaxLagMs, poolSize, statementTimeoutMs } = config.database;
    this.replicas = replicaUrls.map(
      (url) =>
        new Replica(url, { poolSize, statementTimeoutMs, connectTimeoutMs: CONNECT_TIMEOUT_MS }),
    );
    this.maxLagMs = replicaMaxLagMs;
    this.timeline = new WalTimeline(replicaMaxLagMs + CHECK_TRUSTED_MS);
    this.freshnessWindowMs =
      this.replicas.length === 0 ? 0 : replicaMaxLagMs + CHECK_INTERVAL_MS + CHECK_TRUSTED_MS;
    if (this.replicas.length > 0) this.registerMetrics();
  }

  /** Whether DATABASE_REPLICA_URLS named any replica. */
  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /** Each replica's state, for /health/ready and the logs. */
  statuses(): ReplicaStatus[] {
    return this.replicas.map((replica) => replica.status);
  }

  /** A tracker of this process's writes, with this configuration's freshness window. */
  recentWrites<K>(): RecentWrites<K> {
    return new RecentWrites<K>(this.freshnessWindowMs, monotonicNow);
  }

  /**
   * Runs a read on a replica in use when `from` allows it, otherwise on the primary; a read the
   * replica fails for its own reasons runs again on the primary. `work` gets a node-postgres
   * pool and must only read (it may run twice).
   */
  async read<T>(from: ReadFrom, work: (db: Pool) => Promise<T>): Promise<T> {
    if (this.replicas.length === 0) return work(this.primary);
    const replica = from === 'replica' ? this.pick() : undefined;
    if (!replica) {
      this.count(from === 'primary' ? 'primary_asked' : 'no_replica_in_use');
      return work(this.primary);
    }
    try {
      const result = await work(replica.pool);
      this.count('replica_in_use');
      return result;
    } catch (error) {
      const fault = replicaFault(error);
      if (!fault) throw error;
      if (fault === 'unavailable') this.skip(replica, errorMessage(error));
      this.count('replica_failed');
      return work(this.primary);
    }
  }

  onApplicationBootstrap(): void {
    if (this.replicas.length === 0) return;
    this.logger.log('read replicas configured', {
      replicas: this.replicas.map((replica) => replica.name),
      maxLagMs: this.maxLagMs,
      freshnessWindowMs: this.freshnessWindowMs,
    });
    // Reads go to the primary until the first check finds a replica well.
    this.runCheck();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.checking;
    await Promise.all(this.replicas.map((replica) => replica.end().catch(() => undefined)));
  }

  /** TypeORM's node-postgres pool to the primary (the one the prepared statements use). */
  private get primary(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** The next usable replica, round robin. */
  private pick(): Replica | undefined {
    const now = monotonicNow();
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.next++ % this.replicas.length];
      if (replica.usable(now, CHECK_TRUSTED_MS)) return replica;
    }
    return undefined;
  }

  private skip(replica: Replica, reason: string): void {
    const wasInUse = replica.status.state === 'in_use';
    replica.markDown(reason);
    if (wasInUse) this.logger.warn('read replica skipped', { replica: replica.name, reason });
  }

  /** One check, then the next after CHECK_INTERVAL_MS: checks never overlap. */
  private runCheck(): void {
    if (this.stopped) return;
    this.checking = this.checkAll().finally(() => {
      this.checking = undefined;
      if (this.stopped) return;
      this.timer = setTimeout(() => this.runCheck(), CHECK_INTERVAL_MS);
      this.timer.unref();
    });
  }

  private async checkAll(): Promise<void> {
    let primary: DatabaseIdentity;
    try {
      primary = this.primaryIdentity ??= (
        await this.primary.query<DatabaseIdentity>(DATABASE_IDENTITY_SQL)
      ).rows[0];
      const { rows } = await this.primary.query<{ lsn: string }>(
        'SELECT pg_current_wal_lsn()::text AS lsn',
      );
      this.timeline.record(monotonicNow(), parseLsn(rows[0].lsn));
    } catch {
      // The primary does not answer: nothing to measure against this time. The replicas'
      // checks go stale and reads leave them after CHECK_TRUSTED_MS (the primary's own
      // outage is answered 503 as before).
      return;
    }
    await Promise.all(
      this.replicas.map(async (replica) => {
        const before = replica.status;
        await replica.check(primary, this.timeline, this.maxLagMs, monotonicNow);
        this.logTransition(before, replica.status);
      }),
    );
  }

  private logTransition(before: ReplicaStatus, after: ReplicaStatus): void {
    if (before.state === after.state) return;
    const fields = { replica: after.name, lagMs: after.lagMs, reason: after.reason };
    if (after.state === 'in_use') this.logger.log('read replica in use', fields);
    else if (before.state === 'in_use' || before.state === 'starting') {
      this.logger.warn('read replica skipped', { ...fields, state: after.state });
    }
  }

  private count(reason: RouteReason): void {
    this.routed?.[reason].inc();
  }

  /** db_replica_in_use and db_replica_lag_seconds per replica, and where reads went. */
  private registerMetrics(): void {
    const statuses = (): ReplicaStatus[] => this.statuses();
    const registers = [this.metrics.registry];
    new Gauge({
      name: 'db_replica_in_use',
      help: 'Whether reads go to this read replica (1) or skip it (0: down, lagging, starting)',
      labelNames: ['replica', 'state'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of statuses()) {
          this.set(
            { replica: status.name, state: status.state },
            status.state === 'in_use' ? 1 : 0,
          );
        }
      },
    });
    new Gauge({
      name: 'db_replica_lag_seconds',
      help: 'How far behind the primary each read replica was at its last check',
      labelNames: ['replica'] as const,
      registers,
      collect() {
        this.reset();
        for (const status of statuses()) {
          if (status.lagMs !== null) this.set({ replica: status.name }, status.lagMs / 1000);
        }
      },
    });
    const reads = new Counter({
      name: 'db_routed_reads_total',
      help:
        'Reads routed by ReadReplicas, by where they ran (target) and why: replica_in_use; ' +
        'primary_asked (read-your-writes, or a caller that needs the primary); ' +
        'no_replica_in_use; replica_failed (failed on a replica, run again on the primary)',
      labelNames: ['target', 'reason'] as const,
      registers,
    });
    this.routed = {
      replica_in_use: reads.labels({ target: 'replica', reason: 'replica_in_use' }),
      primary_asked: reads.labels({ target: 'primary', reason: 'primary_asked' }),
      no_replica_in_use: reads.labels({ target: 'primary', reason: 'no_replica_in_use' }),
      replica_failed: reads.labels({ target: 'primary', reason: 'replica_failed' }),
    };
  }
}

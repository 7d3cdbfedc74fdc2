import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { ModelRegistry } from '../../recommendations/model-registry';
import { AppMetrics } from './app-metrics';

/** The counters of node-postgres's Pool that we read (TypeORM keeps it as `driver.master`). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

interface NeighbourStats {
  version: number;
  items: number;
  mean: number;
  max: number;
}

/**
 * Series read at scrape time, so they cost nothing between scrapes: the serving model
 * (version, age, items, neighbours per movie) from ModelRegistry, and the database pool's use.
 */
@Injectable()
export class MetricsCollectors implements OnModuleInit {
  private neighbourStats: NeighbourStats | undefined;

  constructor(
    private readonly metrics: AppMetrics,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const model = (): ReturnType<ModelRegistry['get']> => this.model();
    const neighbours = (): NeighbourStats | undefined => this.neighbours();
    const pool = (): PoolCounts | undefined => this.pool();
    new Gauge({
      name: 'model_version',
      help: 'Version of the model this process serves (0: none yet, popularity fallback)',
      registers,
      collect() {
        this.set(model()?.version ?? 0);
      },
    });
    new Gauge({
      name: 'model_age_seconds',
      help: 'Seconds since the serving model was trained',
      registers,
      collect() {
        const serving = model();
        if (serving) this.set(Date.now() / 1000 - serving.model.trainedAt);
      },
    });
    new Gauge({
      name: 'model_neighbours_per_item',
      help: 'Neighbours kept per movie in the serving model (mean and max)',
      labelNames: ['stat'] as const,
      registers,
      collect() {
        const stats = neighbours();
        if (!stats) return;
        this.set({ stat: 'mean' }, stats.mean);
        this.set({ stat: 'max' }, stats.max);
      },
    });
    new Gauge({
      name: 'model_items',
      help: 'Movies in the serving model',
      registers,
      collect() {
        const stats = neighbours();
        if (stats) this.set(stats.items);
      },
    });
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const counts = pool();
        if (!counts) return;
        this.set({ state: 'total' }, counts.totalCount);
        this.set({ state: 'idle' }, counts.idleCount);
        this.set({ state: 'waiting' }, counts.waitingCount);
      },
    });
  }

  private model(): ReturnType<ModelRegistry['get']> {
    // Resolved at scrape time and across modules, so metrics import no feature module.
    return this.moduleRef.get(ModelRegistry, { strict: false }).get();
  }

  /** Computed once per model version: one pass over the neighbour table's row offsets. */
  private neighbours(): NeighbourStats | undefined {
    const loaded = this.model();
    if (!loaded) return undefined;
    if (this.neighbourStats?.version === loaded.version) return this.neighbourStats;
    const { nRows, indptr } = loaded.model.neighbours;
    let max = 0;
    for (let row = 0; row < nRows; row++) max = Math.max(max, indptr[row + 1] - indptr[row]);
    this.neighbourStats = {
      version: loaded.version,
      items: nRows,
      mean: nRows > 0 ? indptr[nRows] / nRows : 0,
      max,
    };
    return this.neighbourStats;
  }

  private pool(): PoolCounts | undefined {
    const driver = this.dataSource.driver as unknown as { master?: Partial<PoolCounts> };
    const pool = driver.master;
    if (typeof pool?.totalCount !== 'number') return undefined;
    return pool as PoolCounts;
  }
}

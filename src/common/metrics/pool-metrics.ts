import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppMetrics } from './app-metrics';

/** The counters of node-postgres's Pool that we read (TypeORM keeps it as `driver.master`). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The database pool's use, read at scrape time so it costs nothing between scrapes. Feature
 * modules register their own scrape-time series (the serving model's are in
 * src/recommendations/model-metrics.ts).
 */
@Injectable()
export class PoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: AppMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const pool = (): PoolCounts | undefined => this.pool();
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      collect() {
        const counts = pool();
        if (!counts) return;
        this.set({ state: 'total' }, counts.totalCount);
        this.set({ state: 'idle' }, counts.idleCount);
        this.set({ state: 'waiting' }, counts.waitingCount);
      },
    });
  }

  private pool(): PoolCounts | undefined {
    const driver = this.dataSource.driver as { master?: Partial<PoolCounts> };
    const pool = driver.master;
    if (typeof pool?.totalCount !== 'number') return undefined;
    return pool as PoolCounts;
  }
}

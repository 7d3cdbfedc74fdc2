import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AppMetrics } from '../common/metrics/app-metrics';
import { LoadedModel, ModelRegistry } from './model-registry';
import { Clock } from '../common/clock/clock';

interface NeighbourStats {
  version: number;
  items: number;
  mean: number;
  max: number;
}

/**
 * The serving model's series on /metrics (version, age, movies, neighbours per movie), read
 * from the registry at scrape time so they cost nothing between scrapes.
 */
@Injectable()
export class ModelMetrics implements OnModuleInit {
  private neighbourStats: NeighbourStats | undefined;

  constructor(
    private readonly metrics: AppMetrics,
    private readonly registry: ModelRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const model = (): LoadedModel | undefined => this.registry.get();
    const neighbours = (): NeighbourStats | undefined => this.neighbours();
    const nowSeconds = (): number => this.clock.nowSeconds();
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
        if (serving) this.set(nowSeconds() - serving.model.trainedAt);
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
  }

  /** Computed once per model version: one pass over the neighbour table's row offsets. */
  private neighbours(): NeighbourStats | undefined {
    const loaded = this.registry.get();
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
}

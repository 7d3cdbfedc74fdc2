import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LatencyTally } from './latency-tally';

/** Latency buckets in seconds: 5 ms (a model look-up) to 10 s (the request timeout's range). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Training duration buckets in seconds: a demo catalog (1 s) to ML-25M scale (an hour). */
const TRAINING_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** One label set of the HTTP series, looked up once: recording a request touches no labels. */
export interface HttpSeries {
  record(seconds: number): void;
}

export type TrainingStatus = 'ready' | 'rejected' | 'failed';

/**
 * The process's Prometheus registry and the series written as things happen: HTTP requests by
 * route pattern and status, and trainings by outcome. Series read at scrape time (model, pool)
 * are registered on the same registry by PoolMetrics and the feature modules. Every request is
 * also counted in `httpTotals`, all routes together, for the dashboard's traffic sampler.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  private readonly trainings = new Counter({
    name: 'model_trainings_total',
    help: 'Trainings run in this process, by outcome (ready, rejected by the quality gate, failed)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  private readonly trainingDuration = new Histogram({
    name: 'model_training_duration_seconds',
    help: 'Wall time of trainings run in this process, by outcome',
    labelNames: ['status'] as const,
    buckets: TRAINING_BUCKETS,
    registers: [this.registry],
  });

  /** Every request's latency in the histogram's buckets, all routes and statuses together. */
  readonly httpTotals = new LatencyTally(HTTP_BUCKETS);

  /** How much each in-memory cache holds, read at scrape time from the sizes registered. */
  private readonly cacheSizes = new Map<string, () => number>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const sizes = this.cacheSizes;
    new Gauge({
      name: 'memory_cache_entries',
      help: 'Entries held by each in-memory cache (each is bounded; see its capacity in the docs)',
      labelNames: ['cache'] as const,
      registers: [this.registry],
      collect() {
        for (const [cache, size] of sizes) this.set({ cache }, size());
      },
    });
  }

  /** Shows a cache's size on /metrics as memory_cache_entries{cache}. */
  registerCacheSize(cache: string, size: () => number): void {
    this.cacheSizes.set(cache, size);
  }

  /** The request counter and latency histogram of one method, route pattern and status. */
  httpSeries(method: string, route: string, status: number): HttpSeries {
    const labels = { method, route, status: String(status) };
    const count = this.httpRequests.labels(labels);
    const duration = this.httpDuration.labels(labels);
    const totals = this.httpTotals;
    const isServerError = status >= 500;
    return {
      record: (seconds) => {
        count.inc();
        duration.observe(seconds);
        totals.record(seconds, isServerError);
      },
    };
  }

  recordTraining(status: TrainingStatus, milliseconds: number): void {
    this.trainings.inc({ status });
    this.trainingDuration.observe({ status }, milliseconds / 1000);
  }
}

import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AppMetrics } from './app-metrics';
import { TallySnapshot } from './latency-tally';
import { RingBuffer } from './ring-buffer';
import { TrafficPoint, trafficPoint } from './traffic-point';

/** Points kept: an hour at the default of one every 10 seconds. */
export const TRAFFIC_SAMPLE_CAPACITY = 360;

/**
 * Every TRAFFIC_SAMPLE_SECONDS, one point of this process's request rate and latency (p50, p99)
 * into a ring of the last TRAFFIC_SAMPLE_CAPACITY points, for the dashboard. A tick copies a
 * dozen counters (AppMetrics.httpTotals, kept as requests are answered) and diffs them with the
 * previous copy: no label set is read or made, and memory stays the same however long it runs.
 */
@Injectable()
export class TrafficSampler implements OnModuleInit, OnModuleDestroy {
  readonly intervalSeconds: number;
  private readonly points = new RingBuffer<TrafficPoint>(TRAFFIC_SAMPLE_CAPACITY);
  private last: { snapshot: TallySnapshot; atMs: number } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly metrics: AppMetrics,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.intervalSeconds = config.metrics.trafficSampleSeconds;
  }

  onModuleInit(): void {
    this.last = { snapshot: this.metrics.httpTotals.snapshot(), atMs: this.clock.now() };
    this.timer = setInterval(() => this.sample(), this.intervalSeconds * 1000);
    // A sampler alone never keeps the process up.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The points held, oldest first. */
  recent(): TrafficPoint[] {
    return this.points.toArray();
  }

  /** Takes one point now (the timer's tick). */
  sample(): void {
    const snapshot = this.metrics.httpTotals.snapshot();
    const atMs = this.clock.now();
    const last = this.last ?? { snapshot, atMs };
    const bounds = this.metrics.httpTotals.bounds;
    this.points.push(
      trafficPoint(last.snapshot, snapshot, bounds, (atMs - last.atMs) / 1000, new Date(atMs)),
    );
    this.last = { snapshot, atMs };
  }
}

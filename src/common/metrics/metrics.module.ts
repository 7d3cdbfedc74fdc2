import { Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics';
import { PoolMetrics } from './pool-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { TrafficSampler } from './traffic-sampler';

/**
 * Prometheus at GET /metrics. Global, so feature modules record their series in AppMetrics and
 * register scrape-time gauges on its registry; the traffic sampler keeps the dashboard's points.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [AppMetrics, MetricsTokenGuard, PoolMetrics, TrafficSampler],
  exports: [AppMetrics, TrafficSampler],
})
export class MetricsModule {}

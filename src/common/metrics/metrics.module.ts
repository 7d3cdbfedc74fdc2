import { Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics';
import { PoolMetrics } from './pool-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Prometheus at GET /metrics. Global, so feature modules record their series in AppMetrics and register scrape-time gauges on its registry. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [AppMetrics, MetricsTokenGuard, PoolMetrics],
  exports: [AppMetrics],
})
export class MetricsModule {}

import { Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics';
import { MetricsCollectors } from './metrics-collectors';
import { MetricsController } from './metrics.controller';

/** Prometheus at GET /metrics. Global, so TrainingService can record outcomes in AppMetrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [AppMetrics, MetricsCollectors],
  exports: [AppMetrics],
})
export class MetricsModule {}

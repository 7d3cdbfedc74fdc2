import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImpressionPurge } from './impression-purge';
import { ImpressionRecorder } from './impression-recorder';
import { ImpressionsRepository } from './impressions.repository';
import { OnlineMetricsController } from './online-metrics.controller';

/**
 * Online evaluation: what recommendations showed (impressions, recorded off the request path)
 * and what users then did with it (GET /v1/admin/online-metrics). Exports the recorder, and the
 * repository for the dashboard's catalog coverage and the experiments' results.
 */
@Module({
  imports: [AuthModule],
  controllers: [OnlineMetricsController],
  providers: [ImpressionPurge, ImpressionRecorder, ImpressionsRepository],
  exports: [ImpressionRecorder, ImpressionsRepository],
})
export class ImpressionsModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { HistoryModule } from '../history/history.module';
import { MoviesModule } from '../movies/movies.module';
import { FirstStartService } from './first-start.service';
import { ModelInfoService } from './model-info.service';
import { ModelRegistry } from './model-registry';
import { ModelSyncService } from './model-sync.service';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';
import { TrainingModule } from './training.module';
import { TrainingScheduler } from './training.scheduler';

/** Serving: the model registry kept in sync with the store, the routes, the nightly schedule. */
@Module({
  imports: [AuthModule, MoviesModule, HistoryModule, TrainingModule],
  controllers: [RecommendationsController],
  providers: [
    ModelRegistry,
    ModelSyncService,
    RecommendationsService,
    ModelInfoService,
    TrainingScheduler,
    FirstStartService,
  ],
  exports: [ModelRegistry, FirstStartService],
})
export class RecommendationsModule {}

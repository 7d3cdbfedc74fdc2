import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImpressionsModule } from '../impressions/impressions.module';
import { DismissalsModule } from '../dismissals/dismissals.module';
import { HistoryModule } from '../history/history.module';
import { MoviesModule } from '../movies/movies.module';
import { RatingsModule } from '../ratings/ratings.module';
import { TrainingModule } from '../training/training.module';
import { ModelInfoService } from './model-info.service';
import { ModelMetrics } from './model-metrics';
import { ModelRegistry } from './model-registry';
import { ModelSyncService } from './model-sync.service';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';
import { UserFeedbackReader } from './user-feedback.reader';

/** Serving: the model registry kept in sync with the model store, and the routes that read it. */
@Module({
  imports: [
    AuthModule,
    MoviesModule,
    RatingsModule,
    HistoryModule,
    DismissalsModule,
    ImpressionsModule,
    TrainingModule,
  ],
  controllers: [RecommendationsController],
  providers: [
    ModelRegistry,
    ModelSyncService,
    RecommendationsService,
    UserFeedbackReader,
    ModelInfoService,
    ModelMetrics,
  ],
  exports: [ModelRegistry, ModelSyncService, RecommendationsService],
})
export class RecommendationsModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImpressionsModule } from '../impressions/impressions.module';
import { DismissalsModule } from '../dismissals/dismissals.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { HistoryModule } from '../history/history.module';
import { MoviesModule } from '../movies/movies.module';
import { RatingsModule } from '../ratings/ratings.module';
import { TrainingModule } from '../training/training.module';
import { ExperimentRegistry } from './experiment-registry';
import { ExperimentSyncService } from './experiment-sync.service';
import { ModelInfoService } from './model-info.service';
import { ModelLoader } from './model-loader';
import { ModelMetrics } from './model-metrics';
import { ModelRegistry } from './model-registry';
import { ModelSyncService } from './model-sync.service';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';
import { ServingModels } from './serving-models';
import { UserFeedbackReader } from './user-feedback.reader';

/**
 * Serving: the model registry kept in sync with the model store, the running experiment's
 * variants kept in sync with the experiments, and the routes that read them.
 */
@Module({
  imports: [
    AuthModule,
    MoviesModule,
    RatingsModule,
    HistoryModule,
    DismissalsModule,
    ImpressionsModule,
    TrainingModule,
    ExperimentsModule,
  ],
  controllers: [RecommendationsController],
  providers: [
    ModelRegistry,
    ModelLoader,
    ModelSyncService,
    ExperimentRegistry,
    ExperimentSyncService,
    ServingModels,
    RecommendationsService,
    UserFeedbackReader,
    ModelInfoService,
    ModelMetrics,
  ],
  exports: [ModelRegistry, ModelSyncService, RecommendationsService],
})
export class RecommendationsModule {}

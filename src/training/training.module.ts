import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { HistoryModule } from '../history/history.module';
import { MoviesModule } from '../movies/movies.module';
import { RatingsModule } from '../ratings/ratings.module';
import { ModelStore } from './model-store/model-store';
import { ModelVersionsController } from './model-store/model-versions.controller';
import { ModelVersionsService } from './model-store/model-versions.service';
import { TrainingDataReader } from './training-data.reader';
import { TrainingLock } from './training-lock';
import { TrainingController } from './training.controller';
import { TrainingService } from './training.service';

/**
 * The model's life cycle up to a stored version: the training data, the worker, the quality
 * gate and the versioned model store. Runs inside the server and, on its own, as the
 * `npm run train` job (which has no HTTP, so the admin route is simply not served there).
 */
@Module({
  imports: [AuthModule, DatasetsModule, MoviesModule, RatingsModule, HistoryModule],
  controllers: [TrainingController, ModelVersionsController],
  providers: [TrainingService, ModelStore, ModelVersionsService, TrainingDataReader, TrainingLock],
  exports: [TrainingService, ModelStore, ModelVersionsService, TrainingLock],
})
export class TrainingModule {}

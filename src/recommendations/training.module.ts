import { Module } from '@nestjs/common';
import { DatasetInfoRepository } from './dataset-info.repository';
import { ModelStore } from './model-store';
import { TrainingDataRepository } from './training-data.repository';
import { TrainingLock } from './training-lock';
import { TrainingService } from './training.service';

/**
 * Training and the model store, without HTTP: imported by the recommendations module and, on
 * its own, by the `npm run train` job.
 */
@Module({
  providers: [
    TrainingService,
    ModelStore,
    TrainingDataRepository,
    TrainingLock,
    DatasetInfoRepository,
  ],
  exports: [TrainingService, ModelStore, TrainingLock],
})
export class TrainingModule {}

import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { MoviesModule } from '../movies/movies.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { TrainingModule } from '../training/training.module';
import { FirstStartService } from './first-start.service';

/** The zero-setup first start: demo data, then a first model, before the server listens. */
@Module({
  imports: [TrainingModule, RecommendationsModule, MoviesModule, DatasetsModule],
  providers: [FirstStartService],
  exports: [FirstStartService],
})
export class FirstStartModule {}

import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { TrainingModule } from '../training/training.module';
import { FirstStartService } from './first-start.service';

/** The zero-setup first start: demo data, then a first model, before the server listens. */
@Module({
  imports: [TrainingModule, RecommendationsModule],
  providers: [FirstStartService],
  exports: [FirstStartService],
})
export class FirstStartModule {}
